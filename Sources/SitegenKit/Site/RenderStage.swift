/// A page to make, named before its value exists: article and term pages are made chunk by
/// chunk, so a large site's page values (sixty term summaries per article) are never all in
/// memory at once.
struct PageToMake: Sendable {
  enum Source: Sendable {
    case page(Page)
    case article(Int)
    case term(Int)
  }

  var path: String
  var source: Source
}

/// The render stage: each page's inputs fingerprinted, the pages whose inputs the sink does not
/// have rendered, chunk by chunk in order. An article's HTML is let go once its page is made.
///
/// An article page shows sixty summaries of other pages, and a term page thousands: those count
/// in a fingerprint by their own fingerprints, worked out once per build, and a page value is
/// built only for a page that renders.
struct RenderStage<T: Theme>: Sendable {
  let graph: SiteGraph
  let site: SiteContext
  let theme: T
  let linkStage: LinkStage
  /// Each article's related articles (`SiteGraph.allRelated`).
  let related: [[Int]]
  /// Made from the site and the theme: part of every page's inputs.
  private let siteInputs: UInt64
  private let memo: Fingerprint.Memo
  private let termHashes: [UInt64]
  private let articleHashes: [UInt64]

  /// Pages per step: term and tag pages list thousands of articles, and peak memory follows
  /// the largest chunk in flight; 64 pages still keep both cores busy.
  static var chunkSize: Int { 64 }

  init(
    graph: SiteGraph, related: [[Int]], site: SiteContext, theme: T, linkStage: LinkStage
  ) {
    self.graph = graph
    self.related = related
    self.site = site
    self.theme = theme
    self.linkStage = linkStage
    var h = StableHasher()
    h.combine(Fingerprint.of(site))
    h.combine(theme.identity)
    // A new sitegen binary may render the same values differently.
    h.combine(BuildState.stamp("/proc/self/exe") ?? "?")
    siteInputs = h.finalize()
    termHashes = graph.termSummaries.map { Fingerprint.of($0) }
    articleHashes = orderedParallelMap(graph.summaries) { Fingerprint.of($0) }
    memo = Fingerprint.Memo(
      terms: graph.termSummaries, termHashes: termHashes, articles: graph.summaries,
      articleHashes: articleHashes)
  }

  /// Renders what changed into `sink`; returns the paths rendered. `html` holds the articles'
  /// HTML from the link stage (none where it came from the cache); an entry is dropped once its
  /// page is done, except for the first `keeping` articles (the feed's).
  func run<Sink: PageSink>(
    _ pages: [PageToMake], html: ArticleHTML, keeping: Int, into sink: Sink
  ) throws(Sink.Failure) -> [String] {
    var rendered: [String] = []
    for start in stride(from: 0, to: pages.count, by: Self.chunkSize) {
      let chunk = Array(pages[start..<min(start + Self.chunkSize, pages.count)])
      let made = inputs(of: chunk)
      let stale = chunk.indices.filter {
        sink.reuse(path: chunk[$0].path, inputs: made[$0].inputs) == nil
      }
      rendered += stale.map { chunk[$0].path }
      try sink.add(
        orderedParallelMap(stale) { k in
          let page: Page
          switch chunk[k].source {
          case .page(let fixed): page = fixed
          case .term(let t): page = .term(graph.termPage(t))
          case .article(let a):
            var article = graph.articlePage(a, related: made[k].related)
            article.body = HTML(
              rawBytes: html.bytes(a) ?? Array(linkStage.html(of: a, graph.linked[a]).utf8))
            page = .article(article)
          }
          return RenderedPage(
            path: chunk[k].path, html: theme.render(page, site: site), inputs: made[k].inputs)
        })
      for item in chunk {
        if case .article(let a) = item.source, a >= keeping { html.drop(a) }
      }
    }
    return rendered
  }

  /// The chunk's fingerprints on every core, with each article's related articles.
  private func inputs(of chunk: [PageToMake]) -> [(inputs: UInt64, related: [Int])] {
    orderedParallelMap(chunk) { page -> (UInt64, [Int]) in
      var h = StableHasher()
      h.combine(siteInputs)
      switch page.source {
      case .page(let fixed):
        h.combine(Fingerprint.of(fixed, memo: memo))
        return (h.finalize(), [])
      case .term(let t):
        inputs(ofTerm: t, into: &h)
        return (h.finalize(), [])
      case .article(let a):
        inputs(ofArticle: a, related: related[a], into: &h)
        return (h.finalize(), related[a])
      }
    }
  }

  /// `graph.articlePage(a, related:)` as a fingerprint: its core field by field, the summaries
  /// it shows by their fingerprints, in its fields' order.
  private func inputs(ofArticle a: Int, related: [Int], into h: inout StableHasher) {
    graph.articlePageCoreFingerprint(a, into: &h)
    h.combine(articleHashes[a])
    for list in [graph.usedTerms[a].map { termHashes[$0] }, related.map { articleHashes[$0] }] {
      h.combine(UInt64(list.count))
      for x in list { h.combine(x) }
    }
    h.combine(a + 1 < articleHashes.count ? articleHashes[a + 1] : 0)
    h.combine(a > 0 ? articleHashes[a - 1] : 0)
    h.combine(UInt64(graph.noteTerms[a].count))
    for t in graph.noteTerms[a] { h.combine(termHashes[t]) }
  }

  /// `graph.termPage(t)` as a fingerprint: the page without its backlinks by value, then each
  /// backlink by its article's fingerprint, then the quoted sentences (at most
  /// `SiteGraph.quotedUses`), each after its article's fingerprint. Looking a quote up per
  /// backlink was 1,800 dictionary lookups a term at 10,000 articles, nearly all misses.
  private func inputs(ofTerm t: Int, into h: inout StableHasher) {
    let core = graph.termPage(t, withBacklinks: false)
    h.combine(Fingerprint.of(Page.term(core), memo: memo))
    h.combine(UInt64(graph.postings[t].count))
    for a in graph.postings[t] { h.combine(articleHashes[a]) }
    let quoted = graph.quotes[t].sorted { $0.key < $1.key }
    h.combine(UInt64(quoted.count))
    for (a, sentence) in quoted {
      h.combine(articleHashes[a])  // not the index, which an added article shifts
      h.combine(sentence)
    }
  }
}
