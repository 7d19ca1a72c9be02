/// A glossary entry as the parse stage reads it.
public struct Term: Sendable, Hashable {
  /// One spelling that links to the term: its name or an alias, and where it is written.
  public struct Name: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation
    public var isDeprecated: Bool
  }

  public var source: SourceFile
  public var slug: String
  /// Display name (`term:`).
  public var name: String
  public var summary: String
  /// The name first, then the aliases.
  public var names: [Name]
  public var related: [(slug: String, location: SourceLocation)]
  public var autolink: Bool
  public var caseSensitive: Bool
  public var body: String
  public var bodyFirstLine: Int

  public var aliases: [String] { names.dropFirst().map(\.text) }

  public static func == (a: Term, b: Term) -> Bool {
    a.source == b.source && a.slug == b.slug && a.name == b.name && a.summary == b.summary
      && a.names == b.names && a.related.map(\.slug) == b.related.map(\.slug)
      && a.autolink == b.autolink && a.caseSensitive == b.caseSensitive && a.body == b.body
  }

  public func hash(into h: inout Hasher) {
    h.combine(source)
    h.combine(slug)
  }
}

extension Term {
  static let keys = [
    "term", "summary", "aliases", "deprecated", "related", "autolink", "case_sensitive",
  ]

  /// The parse stage for one glossary file.
  public static func parse(_ file: SourceFile) -> (Term?, [Diagnostic]) {
    var (block, fm): (FrontMatterBlock, FrontMatter)
    switch MarkdownSource.open(file) {
    case .success(let opened): (block, fm) = opened
    case .failure(let diagnostic): return (nil, [diagnostic])
    }
    let name = fm.string("term", required: true)
    let summary = fm.string("summary", required: true)
    let aliases = fm.stringList("aliases")
    let deprecated = fm.stringList("deprecated")
    let related = fm.stringList("related")
    let autolink = fm.bool("autolink") ?? true
    let explicitCase = fm.bool("case_sensitive")
    fm.reportUnknownKeys(known: keys)

    let slug = file.stem
    if !Slug.isValid(slug) {
      fm.diagnostics.append(
        .error(
          "glossary.slug",
          "glossary file names may use only a-z, 0-9 and '-'; rename it (e.g. '\(Slug.suggest(from: slug)).md')",
          at: file.location(line: 1)))
    }
    let deprecatedSet = Set(deprecated.map { $0.0.lowercased() })
    for (text, location) in deprecated
    where !aliases.contains(where: { $0.0.lowercased() == text.lowercased() }) {
      fm.diagnostics.append(
        .error(
          "glossary.deprecated-not-alias",
          "deprecated spelling '\(text)' must also be listed under aliases", at: location))
    }
    for (text, location) in aliases + [(name ?? "x", fm.topLocation)]
    where !text.contains(where: { $0.isLetter || $0.isNumber }) {
      fm.diagnostics.append(
        .error(
          "glossary.empty-name", "'\(text)' has no letters or digits and cannot be matched in text",
          at: location))
    }
    guard let name, let summary, !fm.diagnostics.hasErrors else { return (nil, fm.diagnostics) }
    let nameLocation = fm.entry("term").map { fm.location(of: $0.value) } ?? fm.topLocation
    var names = [Name(text: name, location: nameLocation, isDeprecated: false)]
    names += aliases.map {
      Name(text: $0.0, location: $0.1, isDeprecated: deprecatedSet.contains($0.0.lowercased()))
    }
    // A term written all in capitals (NATO) is an acronym: "nato" in text is not it.
    let isAcronym = name.contains(where: \.isLetter) && name == name.uppercased()
    let term = Term(
      source: file, slug: slug, name: name, summary: summary, names: names,
      related: related.map { (slug: $0.0, location: $0.1) }, autolink: autolink,
      caseSensitive: explicitCase ?? isAcronym, body: block.body, bodyFirstLine: block.bodyFirstLine
    )
    return (term, fm.diagnostics)
  }
}

extension Term {
  /// The parse stage for one glossary file, taken from the previous build's cache while the
  /// file's names and bytes are the ones parsed then. Every build read the glossary's front
  /// matter through Yams again: 3 % of a one-article edit of a 10,000-article site.
  static func parse(_ file: SourceFile, cache: BuildCache?) -> (
    Term?, [Diagnostic], BuildCache.ParsedTerm
  ) {
    let key = Article.sourceKey(file)
    if let hit = cache?.parsedTerms[file.relativePath], hit.key == key {
      var term = hit.term
      term?.source = file
      return (term, hit.diagnostics, hit)
    }
    let (term, diagnostics) = parse(file)
    return (
      term, diagnostics, BuildCache.ParsedTerm(key: key, term: term, diagnostics: diagnostics)
    )
  }
}
