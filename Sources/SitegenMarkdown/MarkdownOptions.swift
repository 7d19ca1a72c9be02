/// The GFM extensions cmark-gfm offers; `footnotes` is a parse option there, an extension here.
public enum GFMExtension: String, CaseIterable, Sendable, Hashable, Comparable {
  case table, strikethrough, autolink, tagfilter, tasklist, footnotes

  public static func < (lhs: GFMExtension, rhs: GFMExtension) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// How one Markdown document is turned into HTML.
public struct MarkdownOptions: Sendable, Hashable {
  public var extensions: Set<GFMExtension>
  /// Curly quotes, dashes and ellipses (cmark's `CMARK_OPT_SMART`).
  public var smartPunctuation: Bool
  /// Pass raw HTML and every URL through; off means cmark's safe mode.
  public var unsafe: Bool
  /// Give headings stable `id`s; off for plain GFM output (the conformance suite, `render`).
  public var headingIDs: Bool
  /// With ids, also make each heading's text a link to itself (unless it holds a link).
  public var headingAnchors: Bool

  public init(
    extensions: Set<GFMExtension> = Set(GFMExtension.allCases),
    smartPunctuation: Bool = true,
    unsafe: Bool = false,
    headingIDs: Bool = false,
    headingAnchors: Bool = false
  ) {
    self.extensions = extensions
    self.smartPunctuation = smartPunctuation
    self.unsafe = unsafe
    self.headingIDs = headingIDs
    self.headingAnchors = headingAnchors
  }

  /// The options articles and glossary entries are rendered with.
  public static func site(rawHTML: Bool) -> MarkdownOptions {
    MarkdownOptions(unsafe: rawHTML, headingIDs: true, headingAnchors: true)
  }
}
