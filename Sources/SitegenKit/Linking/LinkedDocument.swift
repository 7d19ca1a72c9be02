import SitegenMarkdown

/// A use of a glossary term in one document: the first mention (or explicit link) of it.
public struct TermUse: Sendable, Hashable {
  public var slug: String
  /// The sentence around the first mention, as plain text; nil when no page will quote it (a term
  /// page quotes its newest uses only, `SiteGraph.quotedUses`).
  public var sentence: String?
}

/// An `#anchor` a document links to, checked once every page's headings are known.
public struct AnchorReference: Sendable, Hashable {
  public enum Page: Sendable, Hashable {
    case article(String)
    case term(String)
  }
  public var page: Page
  public var fragment: String
  public var location: SourceLocation
}

/// The link stage's output for one Markdown body: HTML with term and internal links, and what it
/// referred to.
///
/// A value with its fields behind one reference (`CopyOnWrite`). A document is copied several
/// times an article each build (from the cache into the stages, into the next cache, into the
/// graph's work), and a copy of its dozen strings and arrays took a dozen atomic retains, and
/// its end as many releases: 82,000 copies, most of the reference counting of a one-article
/// edit of a 10,000-article site. Now each is one.
public struct LinkedDocument: Sendable, Hashable {
  private var storage: CopyOnWrite<Fields>

  private struct Fields: Sendable, Hashable {
    var htmlBytes: [UInt8]?
    var htmlHash: UInt64
    var headingList: HeadingList
    var plainText: String
    var searchWordsJSON: ArraySlice<UInt8> = []
    var searchWordsHash = ContentHash.of([])
    var wordCount = 0
    var useSlugs: TermSlugs
    var noteSlugs: TermSlugs
    var sentences: UseSentences
    var anchors: [AnchorReference]
    var links: [String]
    var diagnostics: [Diagnostic]
  }

  private var fields: Fields {
    get { storage.fields }
    _modify { yield &storage.fields }
  }

  public static func == (a: LinkedDocument, b: LinkedDocument) -> Bool {
    a.storage.isShared(with: b.storage) || a.fields == b.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

  /// Nil when the document came from the build cache: rendered again only if a page needs it.
  /// Bytes as cmark wrote them, on their way to a page or the spill file.
  public var htmlBytes: [UInt8]? {
    get { fields.htmlBytes }
    _modify { yield &fields.htmlBytes }
  }
  public var html: String? {
    get { htmlBytes.map { String(decoding: $0, as: UTF8.self) } }
    set { htmlBytes = newValue.map { Array($0.utf8) } }
  }
  /// `ContentHash` of the HTML's bytes, known even when the HTML is not.
  public var htmlHash: UInt64 {
    get { fields.htmlHash }
    _modify { yield &fields.htmlHash }
  }
  public var headings: [Heading] {
    get { headingList.headings }
    set { headingList = HeadingList(newValue) }
  }
  /// The headings, or the cache's bytes of them (`HeadingList`).
  var headingList: HeadingList {
    get { fields.headingList }
    _modify { yield &fields.headingList }
  }
  public var plainText: String {
    get { fields.plainText }
    _modify { yield &fields.plainText }
  }
  /// Filled by the pipeline for articles (which then drops `plainText`): the distinct words for
  /// the search index, already a JSON string literal (only the index reads them, and escaping a
  /// large site's 25 MB of words again on every build was most of an edit's index time), and
  /// the count of words for reading time.
  /// UTF-8 bytes, not a String: a cached document's words are a slice of the cache file as
  /// read (23 MB at 10,000 articles), so an edit neither copies nor checks them again; only the
  /// search shards that are made again read them.
  public var searchWordsJSON: ArraySlice<UInt8> { fields.searchWordsJSON }
  /// `ContentHash` of `searchWordsJSON`: a search shard's fingerprint counts the words by it.
  public var searchWordsHash: UInt64 { fields.searchWordsHash }

  mutating func setSearchWords(json: [UInt8]) {
    setSearchWords(json: json[...], hash: ContentHash.of(json))
  }

  /// `hash`: the one the words were cached with, not worked out again.
  mutating func setSearchWords(json: ArraySlice<UInt8>, hash: UInt64) {
    fields.searchWordsJSON = json
    fields.searchWordsHash = hash
  }
  public var wordCount: Int {
    get { fields.wordCount }
    _modify { yield &fields.wordCount }
  }
  /// In order of first use.
  public var termUses: [TermUse] {
    get { (0..<useSlugs.count).map { TermUse(slug: useSlugs[$0], sentence: sentences[$0]) } }
    set {
      let slugs = newValue.map(\.slug)
      // Only sentences changed: the slugs keep their form and indices.
      if slugs != useSlugs.slugs { useSlugs = TermSlugs(slugs) }
      sentences = UseSentences(of: newValue)
    }
  }
  /// The slugs of linked terms, in the order of their endnote numbers (1, 2, …).
  public var notes: [String] {
    get { noteSlugs.slugs }
    set { noteSlugs = TermSlugs(newValue) }
  }
  /// The terms of `termUses` and `notes`, and the uses' sentences, as the stages read them.
  var useSlugs: TermSlugs {
    get { fields.useSlugs }
    _modify { yield &fields.useSlugs }
  }
  var noteSlugs: TermSlugs {
    get { fields.noteSlugs }
    _modify { yield &fields.noteSlugs }
  }
  var sentences: UseSentences {
    get { fields.sentences }
    _modify { yield &fields.sentences }
  }
  public var anchors: [AnchorReference] {
    get { fields.anchors }
    _modify { yield &fields.anchors }
  }
  /// Every link destination as written, in order: a cached document is still good while each
  /// resolves as it did (an article added or removed changes what `other.md` means).
  public var links: [String] {
    get { fields.links }
    _modify { yield &fields.links }
  }
  public var diagnostics: [Diagnostic] {
    get { fields.diagnostics }
    _modify { yield &fields.diagnostics }
  }
  /// This build's glossary index of each term use and each endnote (-1: not in the glossary),
  /// looked up once by the link stage for every later stage. Cached with the document: indices
  /// move only when the glossary's terms do, and that changes the cache's context.
  var useTerms: [Int] {
    get { useSlugs.terms }
    set { useSlugs.terms = newValue }
  }
  var noteTerms: [Int] {
    get { noteSlugs.terms }
    set { noteSlugs.terms = newValue }
  }

  public init(
    html: String?, htmlHash: UInt64, headings: [Heading], plainText: String,
    termUses: [TermUse], notes: [String], anchors: [AnchorReference], links: [String],
    diagnostics: [Diagnostic]
  ) {
    self.init(
      htmlBytes: html.map { Array($0.utf8) }, htmlHash: htmlHash, headings: headings,
      plainText: plainText, termUses: termUses, notes: notes, anchors: anchors, links: links,
      diagnostics: diagnostics)
  }

  init(
    htmlBytes: [UInt8]?, htmlHash: UInt64, headings: [Heading], plainText: String,
    termUses: [TermUse], notes: [String], anchors: [AnchorReference], links: [String],
    diagnostics: [Diagnostic]
  ) {
    storage = CopyOnWrite(
      Fields(
        htmlBytes: htmlBytes, htmlHash: htmlHash, headingList: HeadingList(headings),
        plainText: plainText, useSlugs: TermSlugs(termUses.map(\.slug)),
        noteSlugs: TermSlugs(notes), sentences: UseSentences(of: termUses), anchors: anchors,
        links: links, diagnostics: diagnostics))
  }

  /// A document as the build cache holds it: no HTML and no plain text, its parts as stored.
  init(
    cachedHTMLHash htmlHash: UInt64, headingList: HeadingList, searchWordsJSON: ArraySlice<UInt8>,
    searchWordsHash: UInt64, wordCount: Int, useSlugs: TermSlugs, noteSlugs: TermSlugs,
    sentences: UseSentences, anchors: [AnchorReference], links: [String],
    diagnostics: [Diagnostic]
  ) {
    storage = CopyOnWrite(
      Fields(
        htmlBytes: nil, htmlHash: htmlHash, headingList: headingList, plainText: "",
        searchWordsJSON: searchWordsJSON, searchWordsHash: searchWordsHash, wordCount: wordCount,
        useSlugs: useSlugs, noteSlugs: noteSlugs, sentences: sentences, anchors: anchors,
        links: links, diagnostics: diagnostics))
  }
}
