/// How often an article links a glossary term it mentions.
public enum GlossaryLinkMode: String, Sendable, CaseIterable, Hashable, Encodable {
  /// The first mention in the article.
  case first
  /// The first mention under each heading.
  case section
  case all
  case none
}

/// `Content/site.yml`.
public struct SiteConfig: Sendable, Hashable, Encodable {
  public var title: String
  /// Absolute, ending in `/`.
  public var baseURL: String
  public var language: String
  public var description: String
  /// Raw HTML in Markdown passes through (a trusted newsroom); off by default.
  public var rawHTML: Bool
  public var glossaryLinks: GlossaryLinkMode
  /// How many of the newest articles `/feed.xml` carries (0: all).
  public var feedLimit: Int

  public init(
    title: String, baseURL: String, language: String = "en", description: String = "",
    rawHTML: Bool = false, glossaryLinks: GlossaryLinkMode = .first, feedLimit: Int = 50
  ) {
    self.title = title
    self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    self.language = language
    self.description = description
    self.rawHTML = rawHTML
    self.glossaryLinks = glossaryLinks
    self.feedLimit = feedLimit
  }

  /// The path part of `base_url` (`/` or `/sub/`): every site link starts with it.
  public var basePath: String {
    guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
    let rest = baseURL[schemeEnd.upperBound...]
    guard let slash = rest.firstIndex(of: "/") else { return "/" }
    return String(rest[slash...])
  }

  static let keys = [
    "title", "base_url", "language", "description", "raw_html", "glossary_links", "feed_limit",
  ]

  /// The parse stage for `site.yml`.
  public static func parse(_ file: SourceFile) -> (SiteConfig?, [Diagnostic]) {
    let text: SourceText
    switch SourceText.decode(file) {
    case .success(let t): text = t
    case .failure(let d): return (nil, [d])
    }
    var yaml = FrontMatter(yaml: text.text, firstLine: 1, file: file)
    let title = yaml.string("title", required: true)
    let base = yaml.string("base_url", required: true)
    let language = yaml.string("language") ?? "en"
    let description = yaml.string("description") ?? ""
    let raw = yaml.bool("raw_html") ?? false
    let mode = yaml.choice("glossary_links", as: GlossaryLinkMode.self) ?? .first
    let feedLimit = yaml.integer("feed_limit", in: 0...100_000) ?? 50
    yaml.reportUnknownKeys(known: keys)
    if let base, !(base.hasPrefix("https://") || base.hasPrefix("http://")) || base.contains(" ") {
      yaml.diagnostics.append(.error(
        "site.base-url", "base_url must be an absolute http(s) URL like https://example.org/",
        at: yaml.entry("base_url").map { yaml.location(of: $0.value) } ?? yaml.topLocation))
    }
    if !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
      yaml.diagnostics.append(.error(
        "site.language", "language must be a language tag like en or en-GB",
        at: yaml.entry("language").map { yaml.location(of: $0.value) } ?? yaml.topLocation))
    }
    guard let title, let base, !yaml.diagnostics.hasErrors else { return (nil, yaml.diagnostics) }
    return (
      SiteConfig(
        title: title, baseURL: base, language: language, description: description, rawHTML: raw,
        glossaryLinks: mode, feedLimit: feedLimit),
      yaml.diagnostics
    )
  }
}
