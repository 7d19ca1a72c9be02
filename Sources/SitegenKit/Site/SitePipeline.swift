import SitegenMarkdown

/// The built site in memory: every file and every diagnostic, before anything is written.
public struct GeneratedSite: Sendable {
  public var pages: [RenderedPage]
  public var diagnostics: [Diagnostic]
  public var articleCount: Int
  public var termCount: Int
}

/// What a build found, apart from the files themselves.
public struct BuildReport: Sendable {
  public var diagnostics: [Diagnostic]
  public var articleCount: Int
  public var termCount: Int
  /// Files rendered (0 when errors stopped the rendering).
  public var fileCount: Int
  /// When the earliest future-dated article is due: the site changes then, inputs or not.
  public var nextPublication: Int?
  /// Pages rendered (the rest were kept from the previous build), and how many articles were
  /// linked afresh rather than taken from the cache.
  public var renderedPages: [String] = []
  public var linkedArticles = 0
  /// What the next build may reuse of this one's linking.
  var buildCache: BuildCache?
}

/// When the render stage runs.
public enum Rendering: Sendable {
  /// Tests and tools that want the pages of a broken site too.
  case always
  /// A build: errors mean there is nothing to write.
  case unlessErrors
  /// `check`: diagnostics only.
  case never
}

/// load → parse → index → link → render, as plain values; `SiteBuilder` adds the disk.
public enum SitePipeline {
  /// The whole site in memory, rendered even when the content has errors (tests, tools).
  public static func generate(
    _ content: LoadedContent, options: BuildOptions, theme: some Theme
  ) -> GeneratedSite {
    let collected = CollectedPages()
    let report = stream(
      content, options: options, theme: theme, rendering: .always, into: collected)
    return GeneratedSite(
      pages: collected.pages.sorted { $0.path < $1.path }, diagnostics: report.diagnostics,
      articleCount: report.articleCount, termCount: report.termCount)
  }

  /// Runs the stages and hands rendered files to `sink` in chunks, so a large site is never
  /// all in memory. Every diagnostic is known before the first file is rendered; with errors
  /// nothing is rendered (unless asked), so nothing can be written. `previous` is the last
  /// build's link cache; a page whose inputs the sink already has is not rendered.
  public static func stream<Sink: PageSink>(
    _ content: LoadedContent, options: BuildOptions, theme: some Theme,
    rendering: Rendering = .unlessErrors, previous: BuildCache? = nil, into sink: Sink
  ) throws(Sink.Failure) -> BuildReport {
    var diagnostics = content.diagnostics
    var timer = StageTimer()

    // parse
    // Without a usable site.yml the build goes on with stand-in values, to report every problem.
    let (parsedConfig, configDiagnostics) = content.siteConfig.map(SiteConfig.parse) ?? (nil, [])
    diagnostics += configDiagnostics
    let config = parsedConfig ?? SiteConfig(title: "Untitled", baseURL: "https://example.invalid/")
    let parsedArticles = orderedParallelMap(content.articles) { Article.parse($0, cache: previous) }
    let parsedTerms = orderedParallelMap(content.terms) { Term.parse($0) }
    diagnostics += parsedArticles.flatMap(\.1) + parsedTerms.flatMap(\.1)
    let parseCache = Dictionary(
      zip(content.articles.map(\.relativePath), parsedArticles.map(\.2)),
      uniquingKeysWith: { a, _ in a })

    timer.lap("parse")
    // index
    let (articles, articleDiagnostics) = ArticleIndex.index(
      parsedArticles.compactMap(\.0), options: options)
    diagnostics += articleDiagnostics
    let (glossary, glossaryDiagnostics) = Glossary.index(parsedTerms.compactMap(\.0))
    diagnostics += glossaryDiagnostics
    let urls = SiteURLs(config)
    let linker = DocumentLinker(
      glossary: glossary,
      resolver: LinkResolver(
        articles: articles.published, unpublished: articles.leftOut, terms: glossary.terms),
      urls: urls, options: .site(rawHTML: config.rawHTML))

    timer.lap("index")
    // link
    let linkStage = LinkStage(
      linker: linker, articles: articles.published, defaultMode: config.glossaryLinks)
    var linkResult = linkStage.run(previous: previous)
    linkResult.cache.parsed = parseCache
    var linkedArticles = linkResult.documents
    let linkedTerms = orderedParallelMap(glossary.terms) { term in
      linker.link(
        body: term.body, source: term.source, firstLine: term.bodyFirstLine,
        mode: config.glossaryLinks, selfTerm: term.slug)
    }
    diagnostics += linkedArticles.flatMap(\.diagnostics) + linkedTerms.flatMap(\.diagnostics)
    timer.lap("link")
    let graph = SiteGraph(
      articles: articles.published, linked: linkedArticles, glossary: glossary,
      linkedTerms: linkedTerms, urls: urls)
    diagnostics += graph.diagnostics

    timer.lap("graph")
    // render
    let site = SiteContext(config: config, urls: urls)
    let tagIndex = TagIndex(articles: articles.published, summaries: graph.summaries, urls: urls)
    diagnostics += tagIndex.diagnostics
    // The five fixed pages come first, then one per article (`firstArticle` below).
    var pages: [(path: String, page: Page)] = [
      ("index.html", .home(graph.homePage)), ("404.html", .notFound),
      ("glossary/index.html", .glossaryIndex(graph.glossaryIndexPage)),
      ("tags/index.html", .tagsIndex(TagsIndexPage(tags: tagIndex.tags.map(\.summary)))),
      ("search/index.html", .search(SearchPage(indexScript: urls.search + "index.js"))),
    ]
    // Page values in parallel too: related articles cost a little per article.
    pages += zip(articles.published, graph.articlePages()).map {
      ("articles/\($0.slug)/index.html", Page.article($1))
    }
    pages += orderedParallelMap(Array(glossary.terms.indices)) {
      ("glossary/\(glossary.terms[$0].slug)/index.html", Page.term(graph.termPage($0)))
    }
    pages += tagIndex.tags.map { tag in
      (
        String(tag.summary.url.dropFirst(urls.basePath.count)) + "index.html",
        .tag(TagPage(tag: tag.summary, articles: tag.articles))
      )
    }
    if options.strict { diagnostics = diagnostics.escalatingWarnings() }
    timer.lap("pages to make")
    var report = BuildReport(
      diagnostics: diagnostics.sortedForOutput(), articleCount: articles.published.count,
      termCount: glossary.terms.count, fileCount: 0,
      nextPublication: articles.leftOut.filter { !$0.draft && $0.date.epochSeconds > options.now }
        .map(\.date.epochSeconds).min(),
      linkedArticles: articles.published.count - linkResult.reused, buildCache: linkResult.cache)
    switch rendering {
    case .always: break
    case .unlessErrors: if diagnostics.hasErrors { return report }
    case .never: return report
    }

    // Small chunks: term and tag pages list thousands of articles, and peak memory follows the
    // largest chunk in flight; 64 pages still keep both cores busy.
    let firstArticle = 5
    let toMake = pages
    let documents = linkedArticles
    let siteInputs = Fingerprint.of(site) ^ themeIdentity(theme)
    let memo = Fingerprint.Memo(terms: graph.termSummaries, articles: graph.summaries)
    let chunkSize = 64
    for start in stride(from: 0, to: toMake.count, by: chunkSize) {
      let range = start..<min(start + chunkSize, toMake.count)
      let inputs = orderedParallelMap(Array(range)) { i in
        var h = StableHasher()
        h.combine(siteInputs)
        h.combine(Fingerprint.of(toMake[i].page, memo: memo))
        return h.finalize()
      }
      let stale = zip(range, inputs).filter {
        sink.reuse(path: toMake[$0.0].path, inputs: $0.1) == nil
      }
      report.renderedPages += stale.map { toMake[$0.0].path }
      try sink.add(
        orderedParallelMap(stale) { (i, inputs) in
          var page = toMake[i].page
          if case .article(var article) = page, i >= firstArticle,
            i - firstArticle < documents.count
          {
            let a = i - firstArticle
            if documents[a].html == nil { article.body = linkStage.html(of: a, documents[a]) }
            page = .article(article)
          }
          return RenderedPage(
            path: toMake[i].path, html: theme.render(page, site: site), inputs: inputs)
        })
    }
    try sink.add(theme.assets.map { RenderedPage(path: "assets/\($0.name)", bytes: $0.bytes) })
    timer.lap("pages")
    // The feed carries whole articles: the newest ones need their HTML.
    let feedCount =
      config.feedLimit == 0 ? linkedArticles.count : min(linkedArticles.count, config.feedLimit)
    let feedHTML = orderedParallelMap(Array(0..<feedCount)) {
      linkStage.html(of: $0, documents[$0])
    }
    for (i, html) in feedHTML.enumerated() { linkedArticles[i].html = html }
    timer.lap("feed articles")
    let files = SiteFiles.make(
      pages: pages, articles: articles.published, linked: linkedArticles, graph: graph, site: site)
    timer.lap("feed, sitemap, search index made")
    try sink.add(files)
    timer.lap("feed, sitemap, search index")
    report.fileCount = pages.count + theme.assets.count + 4
    return report
  }
}

/// Which theme, and which build of it, renders the pages: part of every page's inputs.
private func themeIdentity(_ theme: some Theme) -> UInt64 {
  var h = StableHasher()
  h.combine(theme.identity)
  h.combine(BuildState.stamp("/proc/self/exe") ?? "?")
  return h.finalize()
}
