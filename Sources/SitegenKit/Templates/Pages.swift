import SitegenMarkdown

/// What every page knows about the site.
public struct SiteContext: Sendable, Hashable, Encodable {
  public var config: SiteConfig
  public var urls: SiteURLs
}

/// An article as lists and links show it.
///
/// The fields sit behind one reference (`Shared`): a term page lists every article that uses
/// the term (560,000 summaries over a 10,000-article site's term pages), and each copy retained
/// and released five strings and an array. A summary is made once and never changed; `with`
/// makes one from another.
public struct ArticleSummary: Sendable, Hashable, Encodable, SharedStorage {
  struct Fields: Sendable, Hashable, Encodable {
    var slug: String
    var title: String
    var summary: String
    var date: ContentDate
    var updated: ContentDate?
    var tags: [String]
    var url: String
  }

  private let shared: Shared<Fields>

  public init(
    slug: String, title: String, summary: String, date: ContentDate, updated: ContentDate?,
    tags: [String], url: String
  ) {
    self.init(
      Fields(
        slug: slug, title: title, summary: summary, date: date, updated: updated, tags: tags,
        url: url))
  }

  init(_ fields: Fields) { shared = Shared(fields) }

  /// All the fields at once: the test that keeps `fingerprint` in step reads their names.
  var fields: Fields { shared.value }

  /// This summary with some fields changed.
  func with(_ change: (inout Fields) -> Void) -> ArticleSummary {
    var fields = shared.value
    change(&fields)
    return ArticleSummary(fields)
  }

  public var slug: String { shared.value.slug }
  public var title: String { shared.value.title }
  public var summary: String { shared.value.summary }
  public var date: ContentDate { shared.value.date }
  public var updated: ContentDate? { shared.value.updated }
  public var tags: [String] { shared.value.tags }
  public var url: String { shared.value.url }

  public static func == (a: ArticleSummary, b: ArticleSummary) -> Bool { a.shared == b.shared }
  /// By the URL alone (equal summaries have equal URLs): a summary is a key of the templates'
  /// fragment memo, looked up some 120 times a page, and hashing every field was most of that.
  public func hash(into hasher: inout Hasher) { hasher.combine(shared.value.url) }
  public var storage: AnyObject { shared }
  public var storageAddress: UInt { UInt(bitPattern: ObjectIdentifier(shared)) }
  public func encode(to encoder: any Encoder) throws { try shared.value.encode(to: encoder) }
  /// `make(fields)`, worked out once for this summary's box (`Shared.fingerprint`).
  func storedFingerprint(_ make: (Fields) -> UInt64) -> UInt64 { shared.fingerprint(make) }
}

/// A glossary term as lists, pop-ups and key-term boxes show it.
///
/// The fields sit behind one reference (`Shared`): an article page copies some 120 of these (key
/// terms and endnotes), and with eight strings each the copies' retains and releases were 3 %
/// of a cold build.
public struct TermSummary: Sendable, Hashable, Encodable, SharedStorage {
  struct Fields: Sendable, Hashable, Encodable {
    let slug: String
    let name: String
    let summary: String
    let url: String
    /// The same fields escaped once: every article page shows some sixty terms twice (key
    /// terms and endnotes), and escaping them again for each was 5 % of a cold build.
    let escaped: Escaped

    // The escaped fields follow from the others: a fingerprint counts those.
    enum CodingKeys: String, CodingKey { case slug, name, summary, url }
  }

  public struct Escaped: Sendable, Hashable {
    public let slug: HTML
    public let name: HTML
    public let summary: HTML
    public let url: HTML
  }

  private let shared: Shared<Fields>

  public init(slug: String, name: String, summary: String, url: String) {
    shared = Shared(
      Fields(
        slug: slug, name: name, summary: summary, url: url,
        escaped: Escaped(
          slug: "\(slug)", name: "\(name)", summary: "\(summary)", url: "\(url)")))
  }

  public var slug: String { shared.value.slug }
  public var name: String { shared.value.name }
  public var summary: String { shared.value.summary }
  public var url: String { shared.value.url }
  public var escaped: Escaped { shared.value.escaped }

  public static func == (a: TermSummary, b: TermSummary) -> Bool { a.shared == b.shared }
  /// By the slug alone, as `ArticleSummary` by its URL.
  public func hash(into hasher: inout Hasher) { hasher.combine(shared.value.slug) }
  public var storage: AnyObject { shared }
  public var storageAddress: UInt { UInt(bitPattern: ObjectIdentifier(shared)) }
  public func encode(to encoder: any Encoder) throws { try shared.value.encode(to: encoder) }
  /// `make(fields)`, worked out once for this summary's box (`Shared.fingerprint`).
  func storedFingerprint(_ make: (Fields) -> UInt64) -> UInt64 { shared.fingerprint(make) }
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

/// A sentence that a term page quotes: where the article at `article` (an index into
/// `Backlinks.articles`) uses the term.
public struct QuotedUse: Sendable, Hashable {
  public var article: Int
  public var sentence: String

  public init(article: Int, sentence: String) {
    self.article = article
    self.sentence = sentence
  }
}

/// The explainers that use a term, newest first, as indices into the site's article summaries,
/// with the sentences of the first few uses. Not an array of `Backlink`s: a term of a large site
/// is used by thousands of articles, and each value took a reference to its article's summary
/// box, which every term page and both cores share (making and listing them was 6 % of a
/// 40,000-article build). A template lists them with `forEachUse`, by index; a `Backlink` is
/// made only when one is asked for by position.
public struct Backlinks: Sendable, Hashable, Encodable, RandomAccessCollection {
  /// The site's articles, shared by all its term pages: one reference a page.
  public let articles: [ArticleSummary]
  /// Indices into `articles`, ascending.
  public let uses: [Int]
  /// The quoted sentences, by ascending article index; each article is one of `uses`.
  public let quotes: [QuotedUse]

  public init(articles: [ArticleSummary], uses: [Int], quotes: [QuotedUse]) {
    self.articles = articles
    self.uses = uses
    self.quotes = quotes
  }

  /// These backlinks, in this order.
  public init(_ list: [Backlink]) {
    articles = list.map(\.article)
    uses = Array(list.indices)
    quotes = list.enumerated().compactMap { i, b in
      b.sentence.map { QuotedUse(article: i, sentence: $0) }
    }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { uses.count }

  public subscript(position: Int) -> Backlink {
    let a = uses[position]
    let q = quotes.partitionPoint { $0.article >= a }
    return Backlink(
      article: articles[a],
      sentence: q < quotes.count && quotes[q].article == a
        ? quotes[q].sentence : nil)
  }

  /// `body(article index, sentence)` for each use in order, the sentences found by walking both
  /// lists together.
  public func forEachUse(_ body: (Int, String?) -> Void) {
    var q = 0
    for a in uses {
      while q < quotes.count && quotes[q].article < a { q += 1 }
      body(a, q < quotes.count && quotes[q].article == a ? quotes[q].sentence : nil)
    }
  }

  public static func == (a: Backlinks, b: Backlinks) -> Bool { a.elementsEqual(b) }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for b in self { hasher.combine(b) }
  }

  /// As the list of `Backlink`s it stands for.
  public func encode(to encoder: any Encoder) throws {
    var list = encoder.unkeyedContainer()
    for b in self { try list.encode(b) }
  }
}

public struct TermPage: Sendable, Hashable, Encodable {
  public var term: TermSummary
  public var definition: String
  public var aliases: [String]
  public var related: [TermSummary]
  /// Newest first.
  public var backlinks: Backlinks
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
