import SitegenMarkdown

/// What every page knows about the site.
public struct SiteContext: Sendable, Hashable, Encodable {
  public var config: SiteConfig
  public var urls: SiteURLs
}

/// An article as lists and links show it.
///
/// The fields sit behind one reference, copied on write: a term page lists every article that
/// uses the term (560,000 summaries over a 10,000-article site's term pages), and each copy
/// retained and released five strings and an array.
public struct ArticleSummary: Sendable, Hashable, Encodable {
  public var slug: String {
    get { fields.slug }
    set { unique().slug = newValue }
  }
  public var title: String {
    get { fields.title }
    set { unique().title = newValue }
  }
  public var summary: String {
    get { fields.summary }
    set { unique().summary = newValue }
  }
  public var date: ContentDate {
    get { fields.date }
    set { unique().date = newValue }
  }
  public var updated: ContentDate? {
    get { fields.updated }
    set { unique().updated = newValue }
  }
  public var tags: [String] {
    get { fields.tags }
    set { unique().tags = newValue }
  }
  public var url: String {
    get { fields.url }
    set { unique().url = newValue }
  }

  // Written only through `unique()`, when this summary is its one owner.
  private final class Fields: @unchecked Sendable {
    var slug: String
    var title: String
    var summary: String
    var date: ContentDate
    var updated: ContentDate?
    var tags: [String]
    var url: String

    init(slug: String, title: String, summary: String, date: ContentDate, updated: ContentDate?, tags: [String], url: String) {
      self.slug = slug
      self.title = title
      self.summary = summary
      self.date = date
      self.updated = updated
      self.tags = tags
      self.url = url
    }

    func copy() -> Fields { Fields(slug: slug, title: title, summary: summary, date: date, updated: updated, tags: tags, url: url) }
  }

  private var fields: Fields

  public init(
    slug: String, title: String, summary: String, date: ContentDate, updated: ContentDate?, tags: [String], url: String
  ) {
    fields = Fields(slug: slug, title: title, summary: summary, date: date, updated: updated, tags: tags, url: url)
  }

  private mutating func unique() -> Fields {
    if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
    return fields
  }

  enum CodingKeys: String, CodingKey { case slug, title, summary, date, updated, tags, url }

  public static func == (a: ArticleSummary, b: ArticleSummary) -> Bool {
    a.fields === b.fields
      || (a.slug == b.slug && a.title == b.title && a.summary == b.summary && a.date == b.date && a.updated == b.updated && a.tags == b.tags && a.url == b.url)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(slug)
    hasher.combine(title)
    hasher.combine(summary)
    hasher.combine(date)
    hasher.combine(updated)
    hasher.combine(tags)
    hasher.combine(url)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(slug, forKey: .slug)
    try container.encode(title, forKey: .title)
    try container.encode(summary, forKey: .summary)
    try container.encode(date, forKey: .date)
    try container.encodeIfPresent(updated, forKey: .updated)
    try container.encode(tags, forKey: .tags)
    try container.encode(url, forKey: .url)
  }
}

/// A glossary term as lists, pop-ups and key-term boxes show it.
///
/// The fields sit behind one reference: an article page copies some 120 of these (key terms
/// and endnotes), and with eight strings each the copies' retains and releases were 3 % of a
/// cold build.
public struct TermSummary: Sendable, Hashable, Encodable {
  public var slug: String { fields.slug }
  public var name: String { fields.name }
  public var summary: String { fields.summary }
  public var url: String { fields.url }
  /// The same fields escaped once: every article page shows some sixty terms twice (key terms
  /// and endnotes), and escaping them again for each was 5 % of a cold build.
  public var escaped: Escaped { fields.escaped }

  public struct Escaped: Sendable, Hashable {
    public let slug: HTML
    public let name: HTML
    public let summary: HTML
    public let url: HTML
  }

  private final class Fields: Sendable {
    let slug: String
    let name: String
    let summary: String
    let url: String
    let escaped: Escaped

    init(slug: String, name: String, summary: String, url: String) {
      self.slug = slug
      self.name = name
      self.summary = summary
      self.url = url
      escaped = Escaped(
        slug: "\(slug)", name: "\(name)", summary: "\(summary)", url: "\(url)")
    }
  }

  private let fields: Fields

  public init(slug: String, name: String, summary: String, url: String) {
    fields = Fields(slug: slug, name: name, summary: summary, url: url)
  }

  // The escaped fields follow from the others: equality, hashing and a fingerprint count those.
  enum CodingKeys: String, CodingKey { case slug, name, summary, url }

  public static func == (a: TermSummary, b: TermSummary) -> Bool {
    a.fields === b.fields
      || (a.slug == b.slug && a.name == b.name && a.summary == b.summary && a.url == b.url)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(slug)
    hasher.combine(name)
    hasher.combine(summary)
    hasher.combine(url)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(slug, forKey: .slug)
    try container.encode(name, forKey: .name)
    try container.encode(summary, forKey: .summary)
    try container.encode(url, forKey: .url)
  }
}

public struct ArticlePage: Sendable, Hashable, Encodable {
  public var article: ArticleSummary
  public var authors: [String]
  /// Rendered Markdown with term links, as the link stage made it.
  public var body: HTML
  /// `ContentHash` of `body`: the page's fingerprint counts the body by it.
  public var bodyHash: UInt64
  public var headings: [Heading]
  public var readingMinutes: Int
  public var keyTerms: [TermSummary]
  public var related: [ArticleSummary]
  public var older: ArticleSummary?
  public var newer: ArticleSummary?
  /// The linked terms in endnote order (print and feed show them).
  public var endnotes: [TermSummary]

  // The body counts by its hash: a page can be known unchanged before its body is rendered.
  enum CodingKeys: String, CodingKey {
    case article, authors, bodyHash, headings, readingMinutes, keyTerms, related, older, newer
    case endnotes
  }
}

public struct HomePage: Sendable, Hashable, Encodable {
  /// Newest first; the first is the lead.
  public var articles: [ArticleSummary]
  public var popularTerms: [TermSummary]
}

/// An article that uses a term, with the sentence where it does (for the newest few).
public struct Backlink: Sendable, Hashable, Encodable {
  public var article: ArticleSummary
  public var sentence: String?
}

public struct TermPage: Sendable, Hashable, Encodable {
  public var term: TermSummary
  public var definition: String
  public var aliases: [String]
  public var related: [TermSummary]
  /// Newest first.
  public var backlinks: [Backlink]
  /// Terms the definition links, for their pop-ups.
  public var keyTerms: [TermSummary]
  public var endnotes: [TermSummary]
}

/// A tag as lists show it.
public struct TagSummary: Sendable, Hashable, Encodable {
  public var name: String
  public var url: String
  public var count: Int
}

public struct TagsIndexPage: Sendable, Hashable, Encodable {
  /// A–Z.
  public var tags: [TagSummary]
}

public struct TagPage: Sendable, Hashable, Encodable {
  public var tag: TagSummary
  /// Newest first.
  public var articles: [ArticleSummary]
}

public struct SearchPage: Sendable, Hashable, Encodable {
  /// The scripts that make the index (`search/index.js`, then the article shards), loaded by
  /// `<script src>` in this order, so search works offline and from `file://`.
  public var indexScripts: [String]
}

public struct GlossaryIndexPage: Sendable, Hashable, Encodable {
  /// A–Z.
  public var terms: [TermSummary]
}

/// Every kind of page the site has.
public enum Page: Sendable, Hashable, Encodable {
  case home(HomePage)
  case article(ArticlePage)
  case term(TermPage)
  case glossaryIndex(GlossaryIndexPage)
  case tagsIndex(TagsIndexPage)
  case tag(TagPage)
  case search(SearchPage)
  case notFound
}

/// A static file the theme ships (CSS, JS), copied to `/assets/`.
public struct Asset: Sendable, Hashable {
  public var name: String
  public var bytes: [UInt8]
  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }
}

/// The set of templates a site is rendered with. SitegenKit defines the page values; the
/// `SitegenTemplates` target implements this; tests may pass a small theme of their own.
public protocol Theme: Sendable {
  func render(_ page: Page, site: SiteContext) -> HTML
  var assets: [Asset] { get }
  /// Which templates these are: part of every page's inputs, so that pages rendered by other
  /// templates are never kept. A wrapper that renders the same HTML passes its base's on.
  var identity: String { get }
}

extension Theme {
  public var identity: String { String(reflecting: Self.self) }
}
