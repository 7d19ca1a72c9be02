/// The link stage for the site's articles: each published article linked newest first, taken
/// from the previous build's cache where nothing it depends on changed.
///
/// A term page quotes the sentence of its `SiteGraph.quotedUses` newest uses only, so sentences
/// are kept only for those: linking walks the articles in date order in chunks and stops quoting
/// a term once it has enough. This keeps the sentences of a large site (one per term per
/// article) out of memory and out of the cache.
struct LinkStage: Sendable {
  let linker: DocumentLinker
  private(set) var articles: [Article]
  let defaultMode: GlossaryLinkMode
  /// Files whose bodies were read late (`Article.bodyIsUnread`) and had changed.
  let changedSources = ChangedSources()
  /// Articles linked in one step: large enough for both cores, small enough that a term's
  /// quota stops sentence-taking soon after it is full.
  static let chunkSize = 256

  struct Result: Sendable {
    var documents: [LinkedDocument]
    /// Articles taken from the cache.
    var reused: Int
    /// What the next build's cache holds.
    var cache: BuildCache
  }

  /// Links every article, putting each HTML made into `html` (the documents carry none). An
  /// article linked afresh lets go of its body at once; one taken from the cache keeps it, to
  /// be linked again if a page needs its HTML. So a large site never holds all its Markdown and
  /// all its HTML together.
  mutating func run(previous: BuildCache?, html: ArticleHTML) -> Result {
    let spellings = GlossarySpellings(linker.glossary)
    let base = Self.baseContext(of: linker)
    let context = Self.context(base: base, spellings: spellings)
    // Where only the glossary's spellings changed, the cache stands for every article that
    // cannot mention a spelling that changed.
    var previous = previous
    var respelled: SpellingMentions? = nil
    if let cached = previous, cached.context != context {
      if cached.baseContext == base {
        respelled = SpellingMentions(spellings.changedSpellings(since: cached.spellings))
      } else {
        previous = nil
      }
    }
    // Cached documents name their terms by index into the glossary they were linked under.
    let sameSlugs = previous?.termSlugs == linker.slugTable
    let targets = linker.resolver.fingerprint
    // Every link resolves as it did when the cache was written: its resolutions stand.
    let sameTargets = previous?.targets == targets
    var documents: [LinkedDocument] = []
    documents.reserveCapacity(articles.count)
    var keys: [(key: UInt64, resolutions: UInt64)] = []
    var cached: [Bool] = []
    // The cache record of each document taken from it unchanged, copied into the next cache.
    var encoded: [ArraySlice<UInt8>?] = []
    var quoted = [Int](repeating: 0, count: linker.glossary.terms.count)
    for start in stride(from: 0, to: articles.count, by: Self.chunkSize) {
      let unquoted = Set(quoted.indices.filter { quoted[$0] >= SiteGraph.quotedUses })
      let chunk = Array(start..<min(start + Self.chunkSize, articles.count))
      for (i, (document, key, resolutions, hit, record)) in zip(
        chunk,
        link(
          chunk, unquoted: unquoted, previous: previous, sameTargets: sameTargets,
          sameSlugs: sameSlugs, respelled: respelled, html: html))
      {
        documents.append(document)
        keys.append((key, resolutions))
        cached.append(hit)
        encoded.append(record)
        if !hit { articles[i].body = "" }
        for t in document.useTerms where t >= 0 { quoted[t] += 1 }
      }
    }
    for i in fillQuotes(&documents, cached: cached) { encoded[i] = nil }
    let cache = BuildCache(
      context: context, baseContext: base, spellings: spellings, targets: targets,
      termSlugs: linker.slugTable,
      entries: CacheRecords(
        documents.indices.map { i in
          CacheRecords.Record(
            path: articles[i].source.relativePath,
            value: BuildCache.Entry(
              key: keys[i].key, resolutions: keys[i].resolutions, document: documents[i],
              encoded: encoded[i]))
        }))
    return Result(
      documents: documents, reused: cached.count { $0 }, cache: cache)
  }

  /// One chunk of articles on every core: each document with its key, what its links resolve
  /// to, whether it came from the cache, and its cache record if it came from it unchanged.
  /// `sameTargets`: the cache's resolutions were made by a resolver like this one, so a cached
  /// document's links are not resolved again. `sameSlugs`: its term indices are this glossary's.
  /// `respelled`: the spellings that changed since, if any did.
  private func link(
    _ chunk: [Int], unquoted: Set<Int>, previous: BuildCache?, sameTargets: Bool,
    sameSlugs: Bool, respelled: SpellingMentions?, html: ArticleHTML
  ) -> [(
    LinkedDocument, UInt64, UInt64, Bool, ArraySlice<UInt8>?
  )] {
    orderedParallelMap(chunk) { i -> (LinkedDocument, UInt64, UInt64, Bool, ArraySlice<UInt8>?) in
      let key = key(of: articles[i])
      // Articles come in the order of the last build's records unless the site changed.
      if let entry = previous?.entries.find(articles[i].source.relativePath, near: i),
        entry.key == key, !mayMention(respelled, i)
      {
        let resolutions =
          sameTargets
          ? entry.resolutions : resolutions(entry.document.links, from: articles[i].source)
        if resolutions == entry.resolutions {
          if sameSlugs, let document = indexedIfFits(entry.document) {
            return (document, key, resolutions, true, entry.encoded)
          }
          return (indexed(entry.document), key, resolutions, true, nil)
        }
      }
      // Linked by this build's glossary: its term indices are this build's already.
      var document = link(i, unquoted: unquoted)
      if let made = document.htmlBytes { html.put(i, made) }
      document.htmlBytes = nil
      return (document, key, resolutions(document.links, from: articles[i].source), false, nil)
    }
  }

  /// Whether article `i` may mention a spelling in `respelled` (an unreadable body may).
  private func mayMention(_ respelled: SpellingMentions?, _ i: Int) -> Bool {
    guard let respelled, !respelled.isEmpty else { return false }
    // The file's bytes as they are, when the loader skipped it: no String made of them.
    if articles[i].bodyIsUnread, let bytes = articles[i].readBodyBytes() {
      return bytes.withUnsafeBufferPointer { respelled.mayBeMentioned(in: $0) }
    }
    let body = body(of: i)
    return body.isEmpty || respelled.mayBeMentioned(in: body)
  }

  /// Keeps the sentence of each term's newest `quotedUses` uses and drops the rest; a cached
  /// article that should be quoted but was cached without its sentence is linked again. (One
  /// linked afresh has every sentence within the quota: a term leaves the quoted set only once
  /// newer articles fill its quota.) Returns the documents it changed.
  private func fillQuotes(_ documents: inout [LinkedDocument], cached: [Bool]) -> Set<Int> {
    var quoted = [Int](repeating: 0, count: linker.glossary.terms.count)
    var missing: [(article: Int, uses: [Int])] = []
    var changed = Set<Int>()
    for i in documents.indices {
      // The document's quotes walked beside its uses: both are in use order.
      let quotes = documents[i].sentences.quotes
      var next = 0
      var dropped: [Int] = []
      let terms = documents[i].useTerms
      for u in terms.indices {
        let quotedHere = next < quotes.count && quotes[next].use == u
        if quotedHere { next += 1 }
        let t = terms[u]
        guard t >= 0 else { continue }
        quoted[t] += 1
        if quoted[t] > SiteGraph.quotedUses {
          if quotedHere { dropped.append(u) }
        } else if !quotedHere, cached[i] {
          if missing.last?.article == i {
            missing[missing.count - 1].uses.append(u)
          } else {
            missing.append((i, [u]))
          }
        }
      }
      if !dropped.isEmpty {
        for u in dropped { documents[i].sentences[u] = nil }
        changed.insert(i)
      }
    }
    let relinked = orderedParallelMap(missing.map(\.article)) { i in link(i, unquoted: []) }
    for (entry, fresh) in zip(missing, relinked) {
      let sentences = Dictionary(
        fresh.termUses.map { ($0.slug, $0.sentence) }, uniquingKeysWith: { a, _ in a })
      for u in entry.uses {
        documents[entry.article].sentences[u] =
          sentences[documents[entry.article].useSlugs[u]] ?? nil
      }
      changed.insert(entry.article)
    }
    return changed
  }

  /// A cached document keeps the glossary indices it was cached with (the cache's context, which
  /// it is only used under, fixes them); nil if they do not fit, to be looked up again.
  private func indexedIfFits(_ document: LinkedDocument) -> LinkedDocument? {
    let count = linker.glossary.terms.count
    let fits = { (indices: [Int], expected: Int) in
      indices.count == expected && indices.allSatisfy { $0 >= -1 && $0 < count }
    }
    guard
      fits(document.useTerms, document.useSlugs.count)
        && fits(document.noteTerms, document.noteSlugs.count)
    else { return nil }
    return document
  }

  /// `document` with this build's glossary indices of its terms.
  private func indexed(_ document: LinkedDocument) -> LinkedDocument {
    var document = document
    document.useTerms = document.useSlugs.slugs.map { linker.glossary.index(of: $0) ?? -1 }
    document.noteTerms = document.noteSlugs.slugs.map { linker.glossary.index(of: $0) ?? -1 }
    return document
  }

  /// Links article `i` afresh; what search and reading time need of its text is kept, the text
  /// itself dropped, so a large site's plain text is never all in memory.
  func link(_ i: Int, unquoted: Set<Int>) -> LinkedDocument {
    let article = articles[i]
    var document = linker.link(
      body: body(of: i), source: article.source, firstLine: article.bodyFirstLine,
      mode: article.glossaryLinks ?? defaultMode, unquoted: unquoted)
    let (words, wordCount) = SearchIndex.scan(document.plainText)
    document.setSearchWords(json: words)
    document.wordCount = wordCount
    document.plainText = ""
    return document
  }

  /// The HTML of article `i`'s document, rendered again when it came from the cache.
  func html(of i: Int, _ document: LinkedDocument) -> String {
    String(decoding: htmlBytes(of: i, document), as: UTF8.self)
  }

  func htmlBytes(of i: Int, _ document: LinkedDocument) -> [UInt8] {
    document.htmlBytes ?? linker.link(
      body: body(of: i), source: articles[i].source, firstLine: articles[i].bodyFirstLine,
      mode: articles[i].glossaryLinks ?? defaultMode
    ).htmlBytes ?? []
  }

  /// Article `i`'s Markdown, read now if the loader skipped its file.
  private func body(of i: Int) -> String {
    guard articles[i].bodyIsUnread else { return articles[i].body }
    if let body = articles[i].readBody() { return body }
    changedSources.record(articles[i].source)
    return ""
  }

  // MARK: keys

  /// Everything about one article that its linked document depends on, apart from the context.
  private func key(of article: Article) -> UInt64 {
    var h = StableHasher()
    if article.sourceHash != 0 {
      // The file's names and bytes, which the body and its first line were cut from.
      h.combine(article.sourceHash)
    } else {
      h.combine(article.source.relativePath)
      h.combine(article.source.displayPath)
      h.combine(article.body)
      h.combine(UInt64(article.bodyFirstLine))
    }
    h.combine((article.glossaryLinks ?? defaultMode).rawValue)
    return h.finalize()
  }

  /// What the document's links mean now: a cached document is stale once any of them resolves
  /// differently (an article added, removed, drafted or renamed).
  private func resolutions(_ links: [String], from source: SourceFile) -> UInt64 {
    var h = StableHasher()
    // Structurally: `String(describing:)` of the target went through reflection and was most
    // of an unchanged article's cost in the link stage.
    for link in links {
      switch linker.resolver.resolve(link, from: source) {
      case .asWritten: h.combine(0)
      case .optOut: h.combine(1)
      case .broken(let message):
        h.combine(2)
        h.combine(message)
      case .article(let slug, let fragment):
        h.combine(3)
        h.combine(slug)
        h.combine(fragment)
      case .term(let slug, let fragment):
        h.combine(4)
        h.combine(slug)
        h.combine(fragment)
      }
    }
    return h.finalize()
  }

  /// What every linked document depends on: the glossary's spellings (not its definitions),
  /// the site's URLs, the Markdown options and the sitegen binary itself.
  static func context(base: UInt64, spellings: GlossarySpellings) -> UInt64 {
    var h = StableHasher()
    h.combine(base)
    spellings.combine(into: &h)
    return h.finalize()
  }

  /// `context` without the glossary: what an article that mentions no changed spelling depends
  /// on of the site.
  static func baseContext(of linker: DocumentLinker) -> UInt64 {
    var h = StableHasher()
    h.combine(BuildState.stamp("/proc/self/exe") ?? "?")
    let options = linker.options
    h.combine(options.extensions.map(\.rawValue).sorted().joined(separator: ","))
    h.combine(
      "\(options.smartPunctuation) \(options.unsafe) \(options.headingIDs) \(options.headingAnchors)"
    )
    h.combine(linker.urls.basePath)
    h.combine(linker.urls.baseURL)
    return h.finalize()
  }
}
