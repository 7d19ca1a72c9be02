import SitegenMarkdown

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the previous build worked out per article source, beside the output folder
/// (`.Public.sitegen-cache`, which git ignores), so that the next build does the work of what
/// changed only:
/// - the parse stage's result (typed front matter and its diagnostics), keyed by the file's
///   bytes: Yams costs more than cmark-gfm does for a whole article;
/// - the link stage's result, used again when its article's key (path, body, first line, link
///   mode) and the whole cache's context (glossary spellings, URLs, Markdown options, the
///   sitegen binary) are the same and every link in it still resolves as it did. It holds
///   everything but the HTML, which is rendered again only for a page that changed.
public struct BuildCache: Sendable {
  /// An article file's parse: the article without its source and body (which come from the
  /// file as read now), or nil when it has errors; its diagnostics either way.
  /// A record changed after it was read is encoded again: each field drops `encoded` when set.
  struct Parsed: Sendable {
    var key: UInt64 { didSet { encoded = nil } }
    var article: Article? { didSet { encoded = nil } }
    var diagnostics: [Diagnostic] { didSet { encoded = nil } }
    /// Where the body starts in the file's bytes, when the file needs no decoding.
    var bodyOffset: Int? { didSet { encoded = nil } }
    /// The file's stamp when it was read, if settled: while it is the same, the next build
    /// takes all of this without reading the file.
    var stamp: FileStamp? = nil {
      didSet { encoded = nil }
    }
    /// This record's bytes in the cache it was read from, while nothing in it has changed: the
    /// next cache copies them instead of encoding the record again (most of a one-article
    /// edit's cache write).
    var encoded: ArraySlice<UInt8>? = nil
  }

  /// A glossary file's parse, keyed like `Parsed` by the file's names and bytes. The term's
  /// source is the file as read now: the cache holds everything else, body included (a
  /// definition is short, and the glossary is read whole every build).
  struct ParsedTerm: Sendable {
    var key: UInt64
    var term: Term?
    var diagnostics: [Diagnostic]
  }

  struct Entry: Sendable {
    var key: UInt64 { didSet { encoded = nil } }
    var resolutions: UInt64 { didSet { encoded = nil } }
    var document: LinkedDocument { didSet { encoded = nil } }
    /// As `Parsed.encoded`; set by whoever builds the entry from one read unchanged.
    var encoded: ArraySlice<UInt8>? = nil
  }

  private static let magic = "sitegen-build-cache-18"
  /// The sitegen binary that wrote the cache: another one may parse or link differently, and
  /// parsed front matter is used without the link stage's context check.
  private static let binary = BuildState.stamp("/proc/self/exe") ?? "?"

  let context: UInt64
  /// The context without the glossary (`LinkStage.baseContext`), and the glossary's spellings:
  /// where only these changed, the entries stand for the articles that cannot mention a
  /// spelling that changed.
  var baseContext: UInt64 = 0
  var spellings = GlossarySpellings(entries: [])
  /// The link resolver's fingerprint when the entries' links were resolved
  /// (`LinkResolver.fingerprint`).
  var targets: UInt64 = 0
  /// The glossary's slugs in index order, as the context fixes them: a document's term uses and
  /// endnotes are written as indices into this list, not as a slug each (120 strings an
  /// article, half of reading the cache).
  var termSlugs: [String] = []
  /// Articles' link results in date order, and their parses in path order: the orders the
  /// build makes them in, and the cache's (sorting 10,000 paths twice was a fifth of a
  /// one-article edit's cache write).
  var entries: CacheRecords<Entry>
  var parsed: CacheRecords<Parsed> = [:]
  /// Every article's related articles, by index, under `SiteGraph.relatedKey` and
  /// `relatedOrderKey`.
  var related: (key: UInt64, orderKey: UInt64, lists: [[Int]])?
  /// The glossary's definitions as linked, HTML included, under `TermLinks.key`.
  var linkedTerms: (key: UInt64, documents: [LinkedDocument])?
  /// Glossary files' parses by path (`Term.parse(_:cache:)`).
  var parsedTerms: [String: ParsedTerm] = [:]

  static func path(for writer: OutputWriter) -> String { writer.sibling("cache") }

  /// The cache at `path`; a missing or damaged one is no cache. (Its context is checked by the
  /// link stage, which knows the glossary.)
  static func read(_ path: String) -> BuildCache? {
    guard let bytes = POSIXFile.read(path) else { return nil }
    var r = CacheReader(bytes)
    do {
      guard try r.string() == magic, try r.string() == binary else { return nil }
      let context = try r.hash()
      let baseContext = try r.hash()
      let spellings = try GlossarySpellings(from: &r)
      let targets = try r.hash()
      let termSlugs = try r.array { try $0.string() }
      let entries = try r.blocks { r in
        let start = r.position
        let path = try r.string()
        var entry = Entry(
          key: try r.hash(), resolutions: try r.hash(),
          document: try readDocument(&r, termSlugs: termSlugs))
        entry.encoded = r.record(from: start)
        return CacheRecords<Entry>.Record(path: path, value: entry)
      }
      let parsed = try r.blocks { r in
        let start = r.position
        var (path, parsed) = try readParsed(&r)
        parsed.encoded = r.record(from: start)
        return CacheRecords<Parsed>.Record(path: path, value: parsed)
      }
      let relatedKey = try r.hash()
      let relatedOrderKey = try r.hash()
      let related = try r.blocks { r in try r.array { try $0.int() } }
      let termsKey = try r.hash()
      let linkedTerms = try r.blocks { r in
        var document = try readDocument(&r, termSlugs: termSlugs)
        document.htmlBytes = Array(try r.byteSlice())
        return document
      }
      let parsedTerms = try r.array { r in
        let path = try r.string()
        let key = try r.hash()
        let term = try r.bool() ? try readTerm(&r) : nil
        return (path, ParsedTerm(key: key, term: term, diagnostics: try r.array(readDiagnostic)))
      }
      guard r.isAtEnd else { return nil }
      return BuildCache(
        context: context, baseContext: baseContext, spellings: spellings, targets: targets,
        termSlugs: termSlugs, entries: CacheRecords(indexing: entries),
        parsed: CacheRecords(indexing: parsed),
        related: (relatedKey, relatedOrderKey, related), linkedTerms: (termsKey, linkedTerms),
        parsedTerms: Dictionary(parsedTerms, uniquingKeysWith: { a, _ in a }))
    } catch {
      return nil
    }
  }

  /// Written to a new file block by block (`CacheWriter.blocks`, which lets a reader decode on
  /// every core), and renamed over the old one: a killed build leaves the old cache or the new
  /// one. A cache that cannot be written is no cache (the next build does the work), never an
  /// error.
  func write(to path: String) {
    let temporary = path + ".new"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      unlink(path)
      return
    }
    do {
      defer { close(fd) }
      var w = CacheWriter(capacity: 2 << 20)
      w.put(Self.magic)
      w.put(Self.binary)
      w.put(hash: context)
      w.put(hash: baseContext)
      spellings.write(to: &w)
      w.put(hash: targets)
      w.put(termSlugs) { $0.put($1) }
      try w.blocks(entries.records, to: fd, path: temporary) { w, record in
        if let encoded = record.value.encoded { return w.append(encoded) }
        w.put(record.path)
        w.put(hash: record.value.key)
        w.put(hash: record.value.resolutions)
        Self.write(record.value.document, slugs: termSlugs, to: &w)
      }
      try w.blocks(parsed.records, to: fd, path: temporary) { w, record in
        Self.write(&w, path: record.path, record.value)
      }
      // No lists (a build that stopped before the graph) reads back as lists for no article.
      w.put(hash: related?.key ?? 0)
      w.put(hash: related?.orderKey ?? 0)
      try w.blocks(related?.lists ?? [], to: fd, path: temporary) { w, list in
        w.put(list) { $0.put($1) }
      }
      // Likewise no definitions reads back as none, which no glossary's key matches.
      w.put(hash: linkedTerms?.key ?? 0)
      try w.blocks(linkedTerms?.documents ?? [], to: fd, path: temporary) { w, document in
        Self.write(document, slugs: termSlugs, to: &w)
        w.put(bytes: ArraySlice(document.htmlBytes ?? []))
      }
      w.put(parsedTerms.keys.sorted()) { w, path in
        guard let parsed = parsedTerms[path] else { return }
        w.put(path)
        w.put(hash: parsed.key)
        w.put(parsed.term != nil)
        if let term = parsed.term { Self.write(term, to: &w) }
        w.put(parsed.diagnostics, Self.write)
      }
      try w.drain(to: fd, path: temporary, over: 0)
    } catch {
      unlink(temporary)
      unlink(path)
      return
    }
    if rename(temporary, path) != 0 { unlink(temporary) }
  }

  // MARK: one parsed file

  private static func write(_ w: inout CacheWriter, path: String, _ entry: Parsed) {
    if let encoded = entry.encoded { return w.append(encoded) }
    w.put(path)
    w.put(hash: entry.key)
    w.put(entry.article != nil)
    if let article = entry.article { Self.write(article, to: &w) }
    w.put(entry.diagnostics, Self.write)
    w.put(entry.bodyOffset != nil)
    if let offset = entry.bodyOffset { w.put(offset) }
    w.put(entry.stamp != nil)
    if let stamp = entry.stamp {
      w.put(stamp.modified)
      w.put(stamp.modifiedNanoseconds)
      w.put(stamp.size)
      w.put(stamp.inode)
      w.put(Int(stamp.changed))
      w.put(stamp.device)
    }
  }

  private static func readParsed(_ r: inout CacheReader) throws -> (String, Parsed) {
    let path = try r.string()
    let key = try r.hash()
    let article = try r.bool() ? try readArticle(&r) : nil
    let diagnostics = try r.array(readDiagnostic)
    let offset = try r.bool() ? try r.int() : nil
    let stamp =
      try r.bool()
      ? FileStamp(
        modified: try r.int(), modifiedNanoseconds: try r.int(), size: try r.int(),
        inode: try r.uint64(), changed: try r.int64(), device: try r.uint64()) : nil
    return (
      path,
      Parsed(
        key: key, article: article, diagnostics: diagnostics, bodyOffset: offset, stamp: stamp)
    )
  }

  // MARK: one document

  private static func write(
    _ d: LinkedDocument, slugs: [String], to w: inout CacheWriter
  ) {
    w.put(hash: d.htmlHash)
    w.append(d.headingList.encode())
    let digest = d.headingList.digest
    w.put(hash: digest.page)
    w.put(hash: digest.texts)
    w.put(bytes: d.searchWordsJSON)
    w.put(hash: d.searchWordsHash)
    w.put(d.wordCount)
    // Whether the uses' and the endnotes' indices are known, then each list: each slug as
    // 1 + its index in `termSlugs` when that is the glossary index it was linked under, else 0,
    // the slug and its index: one varint for nearly all.
    let usesIndexed = d.useSlugs.isIndexed
    let notesIndexed = d.noteSlugs.isIndexed
    w.put(usesIndexed)
    w.put(notesIndexed)
    func put(_ list: TermSlugs, indexed: Bool) {
      w.put(list.count)
      // Nearly always every slug is the glossary's at its index: then the indices alone, two
      // bytes each, read back in one pass.
      let packed =
        indexed && slugs.count < 1 << 16
        && (0..<list.count).allSatisfy { i in
          let t = list.terms[i]
          return t >= 0 && t < slugs.count && slugs[t] == list[i]
        }
      w.put(packed)
      if packed { return w.put(small: list.terms) }
      for i in 0..<list.count {
        let slug = list[i]
        let index = indexed ? list.terms[i] : -1
        if index >= 0, index < slugs.count, slugs[index] == slug {
          w.put(index + 1)
        } else {
          w.put(0)
          w.put(slug)
          w.put(index)
        }
      }
    }
    put(d.useSlugs, indexed: usesIndexed)
    // The few quoted sentences, by use.
    w.put(d.sentences.quotes) { w, quote in
      w.put(quote.use)
      w.put(quote.sentence)
    }
    // Where every use is linked (the usual case) the endnotes are the uses' terms in the same
    // order: one flag instead of the list again, whose decoding was a quarter of a cached
    // document's.
    let notesAreUses =
      notesIndexed == usesIndexed && d.noteSlugs.count == d.useSlugs.count
      && (!notesIndexed || d.noteTerms == d.useTerms)
      && (0..<d.noteSlugs.count).allSatisfy { d.noteSlugs[$0] == d.useSlugs[$0] }
    w.put(notesAreUses)
    if !notesAreUses { put(d.noteSlugs, indexed: notesIndexed) }
    w.put(d.anchors) { w, a in
      switch a.page {
      case .article(let slug):
        w.put(0)
        w.put(slug)
      case .term(let slug):
        w.put(1)
        w.put(slug)
      }
      w.put(a.fragment)
      write(a.location, to: &w)
    }
    w.put(d.links) { w, l in w.put(l) }
    w.put(d.diagnostics, write)
  }

  private static func write(_ w: inout CacheWriter, _ diagnostic: Diagnostic) {
    w.put(diagnostic.severity.rawValue)
    w.put(diagnostic.id)
    w.put(diagnostic.message)
    w.put(diagnostic.location != nil)
    if let location = diagnostic.location { write(location, to: &w) }
  }

  private static func readDiagnostic(_ r: inout CacheReader) throws -> Diagnostic {
    guard let severity = Diagnostic.Severity(rawValue: try r.string()) else {
      throw CacheReader.Malformed()
    }
    let id = try r.string()
    let message = try r.string()
    let location = try r.bool() ? try readLocation(&r) : nil
    return Diagnostic(severity, id, message, at: location)
  }

  private static func write(_ a: Article, to w: inout CacheWriter) {
    w.put(a.slug)
    w.put(a.title)
    w.put(a.summary)
    write(a.date, to: &w)
    w.put(a.updated != nil)
    if let updated = a.updated { write(updated, to: &w) }
    w.put(a.tags) { w, t in w.put(t) }
    w.put(a.authors) { w, t in w.put(t) }
    w.put(a.draft)
    w.put(a.glossaryLinks?.rawValue)
    w.put(a.bodyFirstLine)
    write(a.slugLocation, to: &w)
  }

  /// The article as cached, with an empty source and body for the caller to fill in.
  private static func readArticle(_ r: inout CacheReader) throws -> Article {
    let slug = try r.string()
    // A slug becomes an output path: one that did not come from a checked parse is no cache.
    guard Slug.isValid(slug) else { throw CacheReader.Malformed() }
    let title = try r.string()
    let summary = try r.string()
    let date = try readDate(&r)
    let updated = try r.bool() ? try readDate(&r) : nil
    let tags = try r.array { try $0.string() }
    let authors = try r.array { try $0.string() }
    let draft = try r.bool()
    let mode = try r.optionalString().map { raw in
      guard let mode = GlossaryLinkMode(rawValue: raw) else { throw CacheReader.Malformed() }
      return mode
    }
    return Article(
      source: SourceFile(relativePath: "", displayPath: "", bytes: []), slug: slug, title: title,
      summary: summary, date: date, updated: updated, tags: tags, authors: authors, draft: draft,
      glossaryLinks: mode, body: "", bodyFirstLine: try r.int(), slugLocation: try readLocation(&r))
  }

  private static func write(_ t: Term, to w: inout CacheWriter) {
    w.put(t.slug)
    w.put(t.name)
    w.put(t.summary)
    w.put(t.names) { w, n in
      w.put(n.text)
      write(n.location, to: &w)
      w.put(n.isDeprecated)
    }
    w.put(t.related) { w, r in
      w.put(r.slug)
      write(r.location, to: &w)
    }
    w.put(t.autolink)
    w.put(t.caseSensitive)
    w.put(t.body)
    w.put(t.bodyFirstLine)
  }

  /// The term as cached, with an empty source for the caller to fill in.
  private static func readTerm(_ r: inout CacheReader) throws -> Term {
    let slug = try r.string()
    // A slug becomes an output path: as for articles, only a checked one.
    guard Slug.isValid(slug) else { throw CacheReader.Malformed() }
    let name = try r.string()
    let summary = try r.string()
    let names = try r.array { r in
      Term.Name(text: try r.string(), location: try readLocation(&r), isDeprecated: try r.bool())
    }
    let related = try r.array { r in (slug: try r.string(), location: try readLocation(&r)) }
    return Term(
      source: SourceFile(relativePath: "", displayPath: "", bytes: []), slug: slug, name: name,
      summary: summary, names: names, related: related, autolink: try r.bool(),
      caseSensitive: try r.bool(), body: try r.string(), bodyFirstLine: try r.int())
  }

  private static func write(_ d: ContentDate, to w: inout CacheWriter) {
    w.put(d.text)
    w.put(d.epochSeconds)
  }

  private static func readDate(_ r: inout CacheReader) throws -> ContentDate {
    let text = try r.string()
    let seconds = try r.int()
    guard var date = ContentDate.parse(text) else { throw CacheReader.Malformed() }
    date.epochSeconds = seconds
    return date
  }

  private static func write(_ l: SourceLocation, to w: inout CacheWriter) {
    w.put(l.path)
    w.put(l.line)
    w.put(l.column)
  }

  private static func readDocument(_ r: inout CacheReader, termSlugs: [String]) throws
    -> LinkedDocument
  {
    let htmlHash = try r.hash()
    let headingsStart = r.position
    try HeadingList.skip(&r)
    let headings = HeadingList(
      encoded: r.record(from: headingsStart),
      digests: HeadingList.Digests(page: try r.hash(), texts: try r.hash()))
    let searchWordsJSON = try r.byteSlice()
    let searchWordsHash = try r.hash()
    let wordCount = try r.int()
    let usesIndexed = try r.bool()
    let notesIndexed = try r.bool()
    /// A list of slugs as indices into `termSlugs`, with the slugs of those that are not;
    /// indices that were not known when written are not made up now.
    func slugList(_ r: inout CacheReader, indexed: Bool) throws -> TermSlugs {
      let count = try r.count()
      var terms: [Int] = []
      var overrides: [Int: String] = [:]
      if try r.bool() {
        terms = try r.smallNumbers(count)
        guard terms.allSatisfy({ $0 < termSlugs.count }) else { throw CacheReader.Malformed() }
      } else {
        terms.reserveCapacity(count)
        for i in 0..<count {
          let code = try r.int()
          if code == 0 {
            overrides[i] = try r.string()
            terms.append(try r.int())
          } else {
            guard code > 0, code <= termSlugs.count else { throw CacheReader.Malformed() }
            terms.append(code - 1)
          }
        }
      }
      let list = TermSlugs(table: termSlugs, terms: terms, overrides: overrides)
      return indexed ? list : TermSlugs(list.slugs)
    }
    let uses = try slugList(&r, indexed: usesIndexed)
    let quotes = try r.array { r in
      UseSentences.Quote(use: try r.int(), sentence: try r.string())
    }
    guard quotes.allSatisfy({ $0.use >= 0 && $0.use < uses.count }) else {
      throw CacheReader.Malformed()
    }
    let notes = try r.bool() ? uses : try slugList(&r, indexed: notesIndexed)
    let anchors = try r.array { r -> AnchorReference in
      let kind = try r.int()
      let slug = try r.string()
      guard kind == 0 || kind == 1 else { throw CacheReader.Malformed() }
      return AnchorReference(
        page: kind == 0 ? .article(slug) : .term(slug), fragment: try r.string(),
        location: try readLocation(&r))
    }
    let links = try r.array { r in try r.string() }
    let diagnostics = try r.array(readDiagnostic)
    return LinkedDocument(
      cachedHTMLHash: htmlHash, headingList: headings, searchWordsJSON: searchWordsJSON,
      searchWordsHash: searchWordsHash, wordCount: wordCount, useSlugs: uses, noteSlugs: notes,
      sentences: UseSentences(quotes), anchors: anchors, links: links, diagnostics: diagnostics)
  }

  private static func readLocation(_ r: inout CacheReader) throws -> SourceLocation {
    SourceLocation(path: try r.string(), line: try r.int(), column: try r.int())
  }
}
