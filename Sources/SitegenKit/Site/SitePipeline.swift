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
  /// Glossary definitions linked afresh: all of them, or none when the cache held them.
  public var linkedTerms = 0
  /// Article files read from disk: the others' stamps vouched for the cached parse.
  public var readArticles = 0
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
  /// Articles parsed at a time (see `stream`): 1,024 files are about 7 MB.
  static let parseStretch = 1024

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
  /// build's cache; a page whose inputs the sink already has is not rendered. `cacheReady`
  /// receives this build's cache as soon as the link stage has made it. `spillPath` names a
  /// file that may hold the articles' HTML between linking and rendering (`ArticleHTML`), beyond
  /// the first `spillHolding` bytes (48 MB unless told).
  public static func stream<Sink: PageSink>(
    _ content: consuming LoadedContent, options: BuildOptions, theme: some Theme,
    rendering: Rendering = .unlessErrors, previous: BuildCache? = nil, spillPath: String? = nil,
    spillHolding: Int? = nil,
    into sink: Sink, cacheReady: (BuildCache) -> Void = { _ in }
  ) throws(Sink.Failure) -> BuildReport {
    var diagnostics = content.diagnostics
    var timer = StageTimer()

    // parse
    // Without a usable site.yml the build goes on with stand-in values, to report every problem.
    let (parsedConfig, configDiagnostics) = content.siteConfig.map(SiteConfig.parse) ?? (nil, [])
    diagnostics += configDiagnostics
    let config = parsedConfig ?? SiteConfig(title: "Untitled", baseURL: "https://example.invalid/")
    // A stretch of files at a time, each file's bytes let go once it is parsed: an article
    // copies most of its file (the body), and with every file held until all were parsed the
    // stage needed the site's Markdown twice over (a peak of 625 MB against 325 MB after
    // loading at 40,000 articles). Memory just freed is reused; new memory is slow to touch
    // on this machine kind (a page fault a page).
    var parsedArticles: [(Article?, [Diagnostic], BuildCache.Parsed)] = []
    parsedArticles.reserveCapacity(content.articles.count)
    for start in stride(from: 0, to: content.articles.count, by: Self.parseStretch) {
      let range = start..<min(start + Self.parseStretch, content.articles.count)
      // Taken out of `content`, so that this copy holds the only reference to the bytes.
      let files = Array(content.articles[range])
      for i in range { content.articles[i].bytes = [] }
      parsedArticles += orderedParallelMap(Array(files.indices)) { [files] k in
        Article.parse(files[k], cache: previous, position: start + k)
      }
    }
    let parsedTerms = orderedParallelMap(content.terms) { Term.parse($0, cache: previous) }
    diagnostics += parsedArticles.flatMap(\.1) + parsedTerms.flatMap(\.1)
    // By index: zipping the two arrays copied each file and each whole parse to keep one
    // field of each (30 M instructions on this thread at 10,000 articles).
    let parseCache = CacheRecords(
      parsedArticles.indices.map {
        CacheRecords.Record(path: content.articles[$0].relativePath, value: parsedArticles[$0].2)
      })
    let readArticles = content.articles.count { !$0.isUnread }
    // The parsed articles hold what the build needs of the files; their bytes can go.
    content.articles = []

    timer.lap("parse")
    sink.prepare()
    // index
    var (articles, articleDiagnostics) = ArticleIndex.index(
      parsedArticles.compactMap(\.0), options: options)
    parsedArticles = []  // the index holds the articles now, and the link stage will take them
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
    var linkStage = LinkStage(
      linker: linker, articles: articles.published, defaultMode: config.glossaryLinks)
    // The stage alone holds the bodies, so that it can let each go once it is linked.
    articles.published = []
    let html = ArticleHTML(
      count: linkStage.articles.count, spillingTo: spillPath,
      holding: spillHolding ?? ArticleHTML.heldLimit)
    var linkResult = linkStage.run(previous: previous, html: html)
    linkResult.cache.parsed = parseCache
    linkResult.cache.parsedTerms = Dictionary(
      zip(content.terms.map(\.relativePath), parsedTerms.map(\.2)),
      uniquingKeysWith: { a, _ in a })
    let documents = linkResult.documents
    linkResult.documents = []
    articles.published = linkStage.articles
    let termLinks = TermLinks.link(
      glossary.terms, linker: linker, context: linkResult.cache.context,
      mode: config.glossaryLinks, previous: previous)
    let linkedTermCount = termLinks.fresh ? glossary.terms.count : 0
    linkResult.cache.linkedTerms = (termLinks.key, termLinks.documents)
    let linkedTerms = termLinks.documents
    diagnostics += documents.flatMap(\.diagnostics) + linkedTerms.flatMap(\.diagnostics)
    diagnostics += linkStage.changedSources.diagnostics
    timer.lap("link")
    let graph = SiteGraph(
      articles: articles.published, linked: documents, glossary: glossary,
      linkedTerms: linkedTerms, urls: urls)
    diagnostics += graph.diagnostics

    timer.lap("graph")
    // render
    let site = SiteContext(config: config, urls: urls)
    let tagIndex = TagIndex(articles: articles.published, summaries: graph.summaries, urls: urls)
    diagnostics += tagIndex.diagnostics
    var pages: [PageToMake] = [
      PageToMake(path: "index.html", source: .page(.home(graph.homePage))),
      PageToMake(path: "404.html", source: .page(.notFound)),
      PageToMake(
        path: "glossary/index.html", source: .page(.glossaryIndex(graph.glossaryIndexPage))),
      PageToMake(
        path: "tags/index.html",
        source: .page(.tagsIndex(TagsIndexPage(tags: tagIndex.tags.map(\.summary))))),
      PageToMake(
        path: "search/index.html",
        source: .page(
          .search(
            SearchPage(
              indexScripts: [urls.search + "index.js"]
                + SiteFiles.searchShardPaths(articles: articles.published.count).map {
                  urls.basePath + $0
                })))),
    ]
    pages += articles.published.indices.map {
      PageToMake(
        path: .joining("articles/", articles.published[$0].slug, "/index.html"),
        source: .article($0))
    }
    pages += glossary.terms.indices.map {
      PageToMake(
        path: .joining("glossary/", glossary.terms[$0].slug, "/index.html"), source: .term($0))
    }
    pages += tagIndex.tags.map { tag in
      PageToMake(
        path: String(tag.summary.url.dropFirst(urls.basePath.count)) + "index.html",
        source: .page(.tag(TagPage(tag: tag.summary, articles: tag.articles))))
    }
    if options.strict { diagnostics = diagnostics.escalatingWarnings() }
    let renders: Bool
    switch rendering {
    case .always: renders = true
    case .unlessErrors: renders = !diagnostics.hasErrors
    case .never: renders = false
    }
    // Related articles, for the pages: the last build's while no article's terms changed,
    // brought up to date where only some did.
    var related: [[Int]] = []
    if renders {
      let key = graph.relatedKey
      let orderKey = graph.relatedOrderKey
      let cached = previous?.related.flatMap { cached in
        cached.lists.count == graph.articles.count
          && cached.lists.allSatisfy({ $0.allSatisfy(graph.articles.indices.contains) })
          ? cached : nil
      }
      if let cached, cached.key == key {
        related = cached.lists
      } else if let cached, cached.orderKey == orderKey, let previous,
        let previousUsed = graph.previousUsedTerms(previous)
      {
        related = graph.updatedRelated(cached.lists, previousUsed: previousUsed)
      } else {
        related = graph.allRelated()
      }
      linkResult.cache.related = (key, orderKey, related)
    }
    // Everything the next build may reuse is known now: the caller can store it while the
    // pages render.
    cacheReady(linkResult.cache)
    var report = BuildReport(
      diagnostics: diagnostics.sortedForOutput(), articleCount: articles.published.count,
      termCount: glossary.terms.count, fileCount: 0,
      nextPublication: articles.leftOut.filter { !$0.draft && $0.date.epochSeconds > options.now }
        .map(\.date.epochSeconds).min(),
      linkedArticles: articles.published.count - linkResult.reused, linkedTerms: linkedTermCount,
      readArticles: readArticles,
      buildCache: linkResult.cache)
    if !renders { return report }

    // The feed carries whole articles: the newest ones keep their HTML.
    let feedCount =
      config.feedLimit == 0 ? documents.count : min(documents.count, config.feedLimit)
    let render = RenderStage(
      graph: graph, related: related, site: site, theme: theme, linkStage: linkStage)
    report.renderedPages = try render.run(pages, html: html, keeping: feedCount, into: sink)
    try sink.add(theme.assets.map { RenderedPage(path: "assets/\($0.name)", bytes: $0.bytes) })
    timer.lap("pages")
    let stage = linkStage
    try sink.add(
      SiteFiles.make(
        pages: pages, articles: articles.published, linked: documents, feedCount: feedCount,
        feedHTML: {
          orderedParallelMap(Array(0..<feedCount)) { a in
            html.get(a) ?? stage.html(of: a, documents[a])
          }
        }, graph: graph, site: site, reuse: { sink.reuse(path: $0, inputs: $1) }))
    timer.lap("feed, sitemap, search index")
    report.fileCount =
      pages.count + theme.assets.count + 4
      + SearchIndex.shardCount(articles: articles.published.count)
    // A file read late for a page may have changed since linking: then nothing may be written.
    let late = linkStage.changedSources.diagnostics.filter { !report.diagnostics.contains($0) }
    if !late.isEmpty { report.diagnostics = (report.diagnostics + late).sortedForOutput() }
    // Freeing what the stages made took a one-article edit 10-15 ms on this thread. (`graph`
    // cannot be consumed, but the render stage holds it too, and this thread lets go of its
    // reference first: the handover goes through a queue.)
    let published = articles.published
    articles.published = []
    var leftovers = Optional(
      (
        consume render, consume pages, consume documents, consume published, graph,
        consume linkStage, consume related
      ))
    releaseInBackground(&leftovers)
    return report
  }
}
