import SitegenMarkdown

/// How the linked documents relate: which articles use which terms, related articles, older and
/// newer neighbours, popular terms. Builds the page values the templates receive.
struct SiteGraph {
  let articles: [Article]
  let linked: [LinkedDocument]
  let glossary: Glossary
  let linkedTerms: [LinkedDocument]
  let summaries: [ArticleSummary]
  let termSummaries: [TermSummary]
  /// For each term, the sentences of its first `quotedUses` uses, by ascending article index:
  /// a term page lists its uses from these and `postings` (`Backlinks`).
  let quotes: [[QuotedUse]]
  /// How many uses a term page quotes: enough to show how the term is used, while a term that
  /// thousands of explainers use keeps a page a phone can load.
  static let quotedUses = 20
  /// For each term, the indices of the articles that use it, in article order (newest first).
  let postings: [[Int]]
  /// For each article, the glossary indices of the terms it uses (in order of first use) and
  /// of its endnotes (in number order).
  let usedTerms: [[Int]]
  let noteTerms: [[Int]]
  private(set) var diagnostics: [Diagnostic] = []

  init(
    articles: [Article], linked: [LinkedDocument], glossary: Glossary,
    linkedTerms: [LinkedDocument], urls: SiteURLs
  ) {
    self.articles = articles
    self.linked = linked
    self.glossary = glossary
    self.linkedTerms = linkedTerms
    // What is worked out per article is worked out on every core; a one-article edit does it
    // for all 10,000 of a large site.
    summaries = orderedParallelMap(articles) {
      ArticleSummary(
        slug: $0.slug, title: $0.title, summary: $0.summary, date: $0.date, updated: $0.updated,
        tags: $0.tags, url: urls.article($0.slug))
    }
    termSummaries = glossary.terms.map {
      TermSummary(slug: $0.slug, name: $0.name, summary: $0.summary, url: urls.term($0.slug))
    }
    // The link stage looked each term up once (`useTerms`); a document from elsewhere is
    // looked up here.
    @Sendable func terms(_ d: LinkedDocument) -> [Int] {
      d.useSlugs.isIndexed
        ? d.useTerms : d.useSlugs.slugs.map { glossary.index(of: $0) ?? -1 }
    }
    // Each article's terms and quoted sentences on every core (by index: `enumerated()` would
    // copy every document, a dozen references each, to read two of its arrays), then each
    // term's postings and quotes in article order.
    let perArticle = orderedParallelMap(Array(linked.indices)) { i -> ([Int], [(Int, String)]) in
      let indices = terms(linked[i])
      var sentences: [(Int, String)] = []
      for quote in linked[i].sentences.quotes where indices[quote.use] >= 0 {
        sentences.append((indices[quote.use], quote.sentence))
      }
      return (Self.known(indices), sentences)
    }
    var quotes = [[QuotedUse]](repeating: [], count: glossary.terms.count)
    for (i, (_, sentences)) in perArticle.enumerated() {
      for (t, sentence) in sentences { quotes[t].append(QuotedUse(article: i, sentence: sentence)) }
    }
    self.quotes = quotes
    self.usedTerms = perArticle.map(\.0)
    self.postings = Self.postings(of: usedTerms, termCount: glossary.terms.count)
    noteTerms = orderedParallelMap(linked) { d in
      Self.known(
        d.noteSlugs.isIndexed
          ? d.noteTerms : d.noteSlugs.slugs.map { glossary.index(of: $0) ?? -1 })
    }
    for (t, term) in glossary.terms.enumerated() where postings[t].isEmpty {
      diagnostics.append(
        .warning(
          "glossary.unused-term",
          "no published article uses '\(term.name)'; mention it in an article or remove the entry",
          at: term.names[0].location))
    }
    checkAnchors()
  }

  /// Each term's articles in article order, from each article's terms: counted, then placed
  /// in one flat array, then cut into one array per term. Appending to the terms' arrays one
  /// use at a time (570,000 uses at 10,000 articles) checked each array's uniqueness and
  /// capacity on every append: a third of the graph's own work on a one-article edit.
  static func postings(of used: [[Int]], termCount: Int) -> [[Int]] {
    var starts = [Int](repeating: 0, count: termCount + 1)
    starts.withUnsafeMutableBufferPointer { starts in
      for terms in used { terms.withUnsafeBufferPointer { for t in $0 { starts[t + 1] += 1 } } }
      for t in 0..<termCount { starts[t + 1] += starts[t] }
    }
    var flat = [Int](repeating: 0, count: starts[termCount])
    var next = starts
    flat.withUnsafeMutableBufferPointer { flat in
      next.withUnsafeMutableBufferPointer { next in
        for (i, terms) in used.enumerated() {
          terms.withUnsafeBufferPointer {
            for t in $0 {
              flat[next[t]] = i
              next[t] += 1
            }
          }
        }
      }
    }
    return (0..<termCount).map { Array(flat[starts[$0]..<starts[$0 + 1]]) }
  }

  /// The glossary indices of `indices` that are in the glossary (not -1): nearly always all of
  /// them, and then the same array, not a filtered copy grown an element at a time.
  private static func known(_ indices: [Int]) -> [Int] {
    indices.allSatisfy { $0 >= 0 } ? indices : indices.filter { $0 >= 0 }
  }

  /// Every `#anchor` into another page must name one of its headings (or footnotes).
  /// Heading ids are gathered only for the pages some anchor points into: this runs on every
  /// build, including a one-article edit, where a set per page was most of the graph's time.
  private mutating func checkAnchors() {
    var ids: [AnchorReference.Page: Set<String>] = [:]
    for documents in [linked, linkedTerms] {
      for document in documents {
        for reference in document.anchors { ids[reference.page] = [] }
      }
    }
    if ids.isEmpty { return }
    for (i, a) in articles.enumerated() where ids[.article(a.slug)] != nil {
      ids[.article(a.slug)] = Set(linked[i].headings.map(\.id))
    }
    for (i, t) in glossary.terms.enumerated() where ids[.term(t.slug)] != nil {
      ids[.term(t.slug)] = Set(linkedTerms[i].headings.map(\.id))
    }
    for documents in [linked, linkedTerms] {
      for reference in documents.lazy.flatMap(\.anchors) {
        let known = ids[reference.page] ?? []
        let f = reference.fragment
        if known.contains(f) || f.hasPrefix("fn-") || f.hasPrefix("fnref-") { continue }
        var message = "no heading with id '\(f)' on the page this links to"
        if let guess = KeySuggestion.closest(to: f, among: known.sorted()) {
          message += "; did you mean '#\(guess)'?"
        }
        diagnostics.append(.warning("link.missing-anchor", message, at: reference.location))
      }
    }
  }

  private func terms(usedIn document: LinkedDocument) -> [TermSummary] {
    document.termUses.compactMap { glossary.index(of: $0.slug).map { termSummaries[$0] } }
  }

  func endnotes(of document: LinkedDocument) -> [TermSummary] {
    document.notes.compactMap { glossary.index(of: $0).map { termSummaries[$0] } }
  }

  /// How many articles of one term's list are compared with an article: the nearest in date.
  /// Every article under this many uses of a term is compared exactly; for terms used more
  /// widely, the neighbours in time stand for the rest, which keeps the whole site linear.
  static let relatedWindow = 64

  /// What `relatedArticles` counts in, kept from one call to the next by the caller: one count
  /// per article (all zero between calls) and the list of those touched.
  struct RelatedScratch {
    var counts: [UInt32] = []
    var touched: [Int32] = []
  }

  /// What every article's related articles depend on: the article order and the terms each
  /// uses, by index. Equal keys give equal lists, so a build whose edits changed no article's
  /// terms takes the last build's lists (`BuildCache.related`) instead of counting again.
  var relatedKey: UInt64 {
    var h = StableHasher()
    h.combine(UInt64(Self.relatedWindow))
    h.combine(UInt64(articles.count))
    // By index: zipping copied every article, a large struct, for its slug.
    for i in articles.indices {
      h.combine(articles[i].slug)
      h.combine(UInt64(usedTerms[i].count))
      for t in usedTerms[i] { h.combine(UInt64(t)) }
    }
    return h.finalize()
  }

  /// `relatedKey` without the articles' terms: while it is the same, the last build's lists
  /// can be brought up to date (`updatedRelated`).
  var relatedOrderKey: UInt64 {
    var h = StableHasher()
    h.combine(UInt64(Self.relatedWindow))
    h.combine(UInt64(articles.count))
    for i in articles.indices { h.combine(articles[i].slug) }
    return h.finalize()
  }

  /// Each article's terms as the last build linked them, from its cache; nil when the cache
  /// indexed terms under another glossary or lacks an article.
  func previousUsedTerms(_ cache: BuildCache) -> [[Int]]? {
    guard cache.termSlugs.elementsEqual(glossary.terms.lazy.map(\.slug)) else { return nil }
    var used: [[Int]] = []
    used.reserveCapacity(articles.count)
    for i in articles.indices {
      guard let entry = cache.entries.find(articles[i].source.relativePath, near: i),
        entry.document.useSlugs.isIndexed
      else { return nil }
      used.append(Self.known(entry.document.useTerms))
    }
    return used
  }

  /// `relatedArticles` of every article, on every core.
  func allRelated() -> [[Int]] { relate(Array(articles.indices)) }

  /// `relatedArticles` of these articles, on every core.
  private func relate(_ indices: [Int]) -> [[Int]] {
    // Each run counts in a scratch of one count per article, zeroed when made: runs of a fixed
    // 64 made that work grow with the square of the site (625 runs of 40,000 counts at 40,000
    // articles). A few runs a core still share the work out evenly.
    let runLength = max(64, indices.count / (16 * System.activeProcessorCount) + 1)
    let runs = stride(from: 0, to: indices.count, by: runLength).map {
      indices[$0..<min($0 + runLength, indices.count)]
    }
    return orderedParallelMap(runs) { run in
      var scratch = RelatedScratch()
      return run.map { relatedArticles($0, scratch: &scratch) }
    }.flatMap { $0 }
  }

  /// `allRelated()`, from `previous`: the lists of the last build, whose articles (the same,
  /// in the same order, under the same glossary) used `previousUsed`. An article's list follows
  /// only its own terms and, for each, the window of that term's articles around it
  /// (`window(around:in:)`), so only the articles whose terms changed, and those whose window
  /// of a term that some article gained or lost now holds other articles, are counted again.
  /// An edit that adds a term to an article, or an alias that a few articles now match, counted
  /// every article again: 144 million counts at 40,000 articles.
  func updatedRelated(_ previous: [[Int]], previousUsed: [[Int]]) -> [[Int]] {
    let recount = Self.articlesToRecount(
      previousUsed: previousUsed, used: usedTerms, postings: postings,
      termCount: glossary.terms.count)
    var lists = previous
    for (i, list) in zip(recount, relate(recount)) { lists[i] = list }
    return lists
  }

  /// The articles whose related lists may differ from the last build's, in order (see
  /// `updatedRelated`).
  static func articlesToRecount(
    previousUsed: [[Int]], used: [[Int]], postings: [[Int]], termCount: Int
  ) -> [Int] {
    var recount = Set<Int>()
    var changedTerms = Set<Int>()
    for i in used.indices where previousUsed[i] != used[i] {
      recount.insert(i)
      changedTerms.formUnion(Set(previousUsed[i]).symmetricDifference(used[i]))
    }
    guard !changedTerms.isEmpty else { return recount.sorted() }
    let previousPostings = Self.postings(of: previousUsed, termCount: termCount)
    for t in changedTerms {
      postings[t].withUnsafeBufferPointer { now in
        previousPostings[t].withUnsafeBufferPointer { before in
          for i in now where !recount.contains(i) {
            // Its terms are the same, so it is in both lists.
            if !now[window(around: i, in: now)].elementsEqual(before[window(around: i, in: before)])
            {
              recount.insert(i)
            }
          }
        }
      }
    }
    return recount.sorted()
  }

  /// The stretch of a term's articles (`list`, in article order) that article `i` is compared
  /// with: the `relatedWindow` nearest to it.
  static func window(around i: Int, in list: UnsafeBufferPointer<Int>) -> Range<Int> {
    let at = list.partitionPoint { $0 >= i }
    let lower = max(0, min(at - relatedWindow / 2, list.count - relatedWindow))
    return lower..<min(list.count, lower + relatedWindow)
  }

  /// Up to three articles sharing the most terms with article `i`; ties go to the newer.
  /// Co-occurrences are counted in place, one pass over them, where sorting them cost most of
  /// the stage; the buffers are reused, since every article page asks.
  func relatedArticles(_ i: Int, scratch: inout RelatedScratch) -> [Int] {
    Self.related(i, used: usedTerms, postings: postings, scratch: &scratch)
  }

  /// `relatedArticles` from each article's terms (`used`) and each term's articles.
  static func related(
    _ i: Int, used: [[Int]], postings: [[Int]], scratch: inout RelatedScratch
  ) -> [Int] {
    if scratch.counts.isEmpty { scratch.counts = Array(repeating: 0, count: used.count) }
    scratch.touched.removeAll(keepingCapacity: true)
    scratch.touched.reserveCapacity(used[i].count * relatedWindow)
    // Over raw buffers: 3,600 counts an article (57 terms, 64 neighbours each), where the
    // slices' checks and the appends' made each count cost twenty instructions.
    scratch.counts.withUnsafeMutableBufferPointer { counts in
      for t in used[i] {
        postings[t].withUnsafeBufferPointer { list in
          for k in window(around: i, in: list) {
            let j = list[k]
            if j == i { continue }
            if counts[j] == 0 { scratch.touched.append(Int32(truncatingIfNeeded: j)) }
            counts[j] &+= 1
          }
        }
      }
    }
    // The best three by (shared terms, newer first), kept in order as they are found.
    var best: [(article: Int, shared: UInt32)] = []
    best.reserveCapacity(4)
    scratch.counts.withUnsafeMutableBufferPointer { counts in
      for j32 in scratch.touched {
        let j = Int(j32)
        let shared = counts[j]
        counts[j] = 0
        if best.count == 3, let last = best.last,
          shared < last.shared || (shared == last.shared && j > last.article)
        {
          continue
        }
        let rank =
          best.firstIndex { shared > $0.shared || (shared == $0.shared && j < $0.article) }
          ?? best.count
        if rank < 3 {
          best.insert((j, shared), at: rank)
          if best.count > 3 { best.removeLast() }
        }
      }
    }
    return best.map(\.article)
  }

  var homePage: HomePage {
    let popular = glossary.terms.indices
      .filter { !postings[$0].isEmpty }
      .sorted {
        (postings[$0].count, glossary.terms[$1].slug) > (
          postings[$1].count, glossary.terms[$0].slug
        )
      }
      .prefix(8)
      .map { termSummaries[$0] }
    return HomePage(articles: summaries, popularTerms: Array(popular))
  }

  var glossaryIndexPage: GlossaryIndexPage {
    GlossaryIndexPage(
      terms: termSummaries.sorted {
        ($0.name.lowercased(), $0.slug) < ($1.name.lowercased(), $1.slug)
      })
  }

  /// Article `i`'s page.
  func articlePage(_ i: Int, related: [Int]) -> ArticlePage {
    var page = articlePageCore(i)
    page.article = summaries[i]
    page.keyTerms = usedTerms[i].map { termSummaries[$0] }
    page.related = related.map { summaries[$0] }
    page.older = i + 1 < summaries.count ? summaries[i + 1] : nil
    page.newer = i > 0 ? summaries[i - 1] : nil
    page.endnotes = noteTerms[i].map { termSummaries[$0] }
    return page
  }

  /// Article `i`'s page without what it shows of other pages (the summaries `articlePage` adds):
  /// a page's fingerprint counts those by index, and builds the rest only for the pages that
  /// render. A field added to the page is added here or, if it shows another page, in
  /// `articlePage` and `RenderStage.inputs(ofArticle:)` both.
  func articlePageCore(_ i: Int) -> ArticlePage {
    let document = linked[i]
    return ArticlePage(
      // The body is filled in only if the page is rendered; it counts by its hash.
      article: Self.noSummary, authors: articles[i].authors, body: "",
      bodyHash: document.htmlHash, headings: document.headings,
      readingMinutes: Self.readingMinutes(words: document.wordCount),
      keyTerms: [], related: [], older: nil, newer: nil, endnotes: [])
  }

  /// `articlePageCore(i)` as a fingerprint, hashed field by field: through `Encodable` it was a
  /// third of the fingerprinting of a 10,000-article edit. The fields it leaves out are the
  /// stand-ins `articlePageCore` always gives them (`body` counts by `bodyHash`).
  /// `IncrementalBuildTests.articlePagesHaveTheFieldsTheFingerprintKnows` fails when the page
  /// or `Heading` gains a field, so that it is added here.
  func articlePageCoreFingerprint(_ i: Int, into h: inout StableHasher) {
    // Fields read in place: a copy of the document retained a dozen references, per page.
    h.combine(0x636f_7265_0001)  // this layout's version
    h.combine(UInt64(articles[i].authors.count))
    for author in articles[i].authors { h.combine(author) }
    h.combine(linked[i].htmlHash)
    // Level, text, id and line of every heading (`HeadingList.digest`).
    h.combine(linked[i].headingList.digest.page)
    h.combine(UInt64(Self.readingMinutes(words: linked[i].wordCount)))
  }

  static func readingMinutes(words: Int) -> Int { max(1, (words + 229) / 230) }

  static let noSummary = ArticleSummary(
    slug: "", title: "", summary: "",
    date: ContentDate(year: 0, month: 0, day: 0, epochSeconds: 0, text: ""), updated: nil,
    tags: [], url: "")

  /// Term `t`'s page; without its backlinks when a fingerprint counts them apart.
  func termPage(_ t: Int, withBacklinks: Bool = true) -> TermPage {
    let term = glossary.terms[t]
    return TermPage(
      term: termSummaries[t], definition: linkedTerms[t].html ?? "", aliases: term.aliases,
      related: term.related.compactMap { glossary.index(of: $0.slug).map { termSummaries[$0] } },
      // `RenderStage.inputs(ofTerm:)` counts the backlinks by index.
      backlinks: withBacklinks
        ? Backlinks(articles: summaries, uses: postings[t], quotes: quotes[t]) : Backlinks([]),
      keyTerms: terms(usedIn: linkedTerms[t]),
      endnotes: endnotes(of: linkedTerms[t]))
  }
}
