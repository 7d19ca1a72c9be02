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
struct RenderStage<T: Theme>: Sendable {
  let graph: SiteGraph
  let site: SiteContext
  let theme: T
  let linkStage: LinkStage
  /// Made from the site and the theme: part of every page's inputs.
  private let siteInputs: UInt64
  private let memo: Fingerprint.Memo

  /// Pages per step: term and tag pages list thousands of articles, and peak memory follows
  /// the largest chunk in flight; 64 pages still keep both cores busy.
  static var chunkSize: Int { 64 }

  init(graph: SiteGraph, site: SiteContext, theme: T, linkStage: LinkStage) {
    self.graph = graph
    self.site = site
    self.theme = theme
    self.linkStage = linkStage
    var h = StableHasher()
    h.combine(Fingerprint.of(site))
    h.combine(theme.identity)
    // A new sitegen binary may render the same values differently.
    h.combine(BuildState.stamp("/proc/self/exe") ?? "?")
    siteInputs = h.finalize()
    memo = Fingerprint.Memo(terms: graph.termSummaries, articles: graph.summaries)
  }

  /// Renders what changed into `sink`; returns the paths rendered. `html` holds the articles'
  /// HTML from the link stage (nil where it came from the cache); an entry is dropped once its
  /// page is done, except for the first `keeping` articles (the feed's).
  func run<Sink: PageSink>(
    _ pages: [PageToMake], html: inout [String?], keeping: Int, into sink: Sink
  ) throws(Sink.Failure) -> [String] {
    var rendered: [String] = []
    for start in stride(from: 0, to: pages.count, by: Self.chunkSize) {
      let chunk = Array(pages[start..<min(start + Self.chunkSize, pages.count)])
      let made = make(chunk)
      let stale = chunk.indices.filter {
        sink.reuse(path: chunk[$0].path, inputs: made[$0].inputs) == nil
      }
      rendered += stale.map { chunk[$0].path }
      let bodies = html
      try sink.add(
        orderedParallelMap(stale) { k in
          var page = made[k].page
          if case .article(let a) = chunk[k].source, case .article(var article) = page {
            article.body = bodies[a] ?? linkStage.html(of: a, graph.linked[a])
            page = .article(article)
          }
          return RenderedPage(
            path: chunk[k].path, html: theme.render(page, site: site), inputs: made[k].inputs)
        })
      for item in chunk {
        if case .article(let a) = item.source, a >= keeping { html[a] = nil }
      }
    }
    return rendered
  }

  /// The chunk's page values and their fingerprints, on every core; article pages in runs that
  /// share one scratch buffer for related articles.
  private func make(_ chunk: [PageToMake]) -> [(page: Page, inputs: UInt64)] {
    let runs = stride(from: 0, to: chunk.count, by: 16).map { $0..<min($0 + 16, chunk.count) }
    return orderedParallelMap(runs) { run in
      var scratch: [UInt32] = []
      return run.map { k -> (Page, UInt64) in
        let page: Page
        switch chunk[k].source {
        case .page(let fixed): page = fixed
        case .term(let t): page = .term(graph.termPage(t))
        case .article(let a):
          if scratch.isEmpty { scratch = [UInt32](repeating: 0, count: graph.articles.count) }
          page = .article(
            graph.articlePage(a, related: graph.relatedArticles(a, scratch: &scratch)))
        }
        var h = StableHasher()
        h.combine(siteInputs)
        h.combine(Fingerprint.of(page, memo: memo))
        return (page, h.finalize())
      }
    }.flatMap { $0 }
  }
}
