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

/// The render stage: each page's inputs fingerprinted (`PageFingerprints`), the pages whose inputs
/// the sink does not have rendered, chunk by chunk in order. An article's HTML is let go once
/// its page is made, and a page value is built only for a page that renders.
struct RenderStage<T: Theme>: Sendable {
  let graph: SiteGraph
  let site: SiteContext
  let theme: T
  let linkStage: LinkStage
  /// Each article's related articles (`SiteGraph.allRelated`).
  let related: [[Int]]
  private let inputs: PageFingerprints

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
    inputs = PageFingerprints(graph: graph, site: site, themeIdentity: theme.identity)
  }

  /// Renders what changed into `sink`; returns the paths rendered. `html` holds the articles'
  /// HTML from the link stage (none where it came from the cache); an entry is dropped once its
  /// page is done, except for the first `keeping` articles (the feed's).
  ///
  /// Every page is fingerprinted first, in one pass on every core: a fingerprint is 8 bytes,
  /// and a one-article edit then asks the cores once, not once per chunk (160 rounds at 10,000
  /// articles). The pages that render go in chunks, which bound the page values in memory.
  func run<Sink: PageSink>(
    _ pages: [PageToMake], html: ArticleHTML, keeping: Int, into sink: Sink
  ) throws(Sink.Failure) -> [String] {
    let made = fingerprints(of: pages)
    var stale: [Int] = []
    for k in pages.indices {
      if sink.reuse(path: pages[k].path, inputs: made[k]) == nil {
        stale.append(k)
      } else if case .article(let a) = pages[k].source, a >= keeping {
        html.drop(a)
      }
    }
    for start in stride(from: 0, to: stale.count, by: Self.chunkSize) {
      let chunk = Array(stale[start..<min(start + Self.chunkSize, stale.count)])
      try sink.add(
        orderedParallelMap(chunk) { k in
          let page: Page
          switch pages[k].source {
          case .page(let fixed): page = fixed
          case .term(let t): page = .term(graph.termPage(t))
          case .article(let a):
            var article = graph.articlePage(a, related: related[a])
            article.body = HTML(
              rawBytes: html.bytes(a) ?? linkStage.htmlBytes(of: a, graph.linked[a]))
            page = .article(article)
          }
          return RenderedPage(
            path: pages[k].path, html: theme.render(page, site: site), inputs: made[k])
        })
      for k in chunk {
        if case .article(let a) = pages[k].source, a >= keeping { html.drop(a) }
      }
    }
    return stale.map { pages[$0].path }
  }

  /// Every page's fingerprint, on every core.
  private func fingerprints(of pages: [PageToMake]) -> [UInt64] {
    let inputs = self.inputs
    let related = self.related
    return orderedParallelMap(pages) { page -> UInt64 in
      guard case .article(let a) = page.source else { return inputs.of(page.source, related: []) }
      return inputs.of(page.source, related: related[a])
    }
  }
}
