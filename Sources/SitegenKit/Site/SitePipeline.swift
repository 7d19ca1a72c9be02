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
    var pages: [RenderedPage] = []
    let report = stream(content, options: options, theme: theme, rendering: .always) {
      pages += $0
    }
    return GeneratedSite(
      pages: pages.sorted { $0.path < $1.path }, diagnostics: report.diagnostics,
      articleCount: report.articleCount, termCount: report.termCount)
  }

  /// Runs the stages and hands rendered files to `emit` in chunks, so a large site is never
  /// all in memory. Every diagnostic is known before the first file is rendered; with errors
  /// nothing is rendered (unless asked), so nothing can be written.
  public static func stream(
    _ content: LoadedContent, options: BuildOptions, theme: some Theme,
    rendering: Rendering = .unlessErrors, emit: ([RenderedPage]) throws -> Void
  ) rethrows -> BuildReport {
    var diagnostics = content.diagnostics
    var timer = StageTimer()

    // parse
    // Without a usable site.yml the build goes on with stand-in values, to report every problem.
    let (parsedConfig, configDiagnostics) = content.siteConfig.map(SiteConfig.parse) ?? (nil, [])
    diagnostics += configDiagnostics
    let config = parsedConfig ?? SiteConfig(title: "Untitled", baseURL: "https://example.invalid/")
    let parsedArticles = orderedParallelMap(content.articles) { Article.parse($0) }
    let parsedTerms = orderedParallelMap(content.terms) { Term.parse($0) }
    diagnostics += parsedArticles.flatMap(\.1) + parsedTerms.flatMap(\.1)

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
      resolver: LinkResolver(articles: articles.published, unpublished: articles.leftOut, terms: glossary.terms),
      urls: urls, options: .site(rawHTML: config.rawHTML))

    timer.lap("index")
    // link
    let linkedArticles = orderedParallelMap(articles.published) { article in
      // What search and reading time need of the text is kept; the text itself is dropped,
      // so a large site's plain text is never all in memory.
      var document = linker.link(
        body: article.body, source: article.source, firstLine: article.bodyFirstLine,
        mode: article.glossaryLinks ?? config.glossaryLinks)
      document.searchWords = SearchIndex.words(document.plainText)
      document.wordCount = SiteGraph.wordCount(document.plainText)
      document.plainText = ""
      return document
    }
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
    var pages: [(path: String, page: Page)] = [
      ("index.html", .home(graph.homePage)), ("404.html", .notFound),
      ("glossary/index.html", .glossaryIndex(graph.glossaryIndexPage)),
      ("tags/index.html", .tagsIndex(TagsIndexPage(tags: tagIndex.tags.map(\.summary)))),
      ("search/index.html", .search(SearchPage(indexScript: urls.search + "index.js"))),
    ]
    // Page values in parallel too: related articles cost a little per article.
    pages += orderedParallelMap(Array(articles.published.indices)) {
      ("articles/\(articles.published[$0].slug)/index.html", Page.article(graph.articlePage($0)))
    }
    pages += orderedParallelMap(Array(glossary.terms.indices)) {
      ("glossary/\(glossary.terms[$0].slug)/index.html", Page.term(graph.termPage($0)))
    }
    pages += tagIndex.tags.map { tag in
      (String(tag.summary.url.dropFirst(urls.basePath.count)) + "index.html",
       .tag(TagPage(tag: tag.summary, articles: tag.articles)))
    }
    if options.strict { diagnostics = diagnostics.escalatingWarnings() }
    var report = BuildReport(
      diagnostics: diagnostics.sortedForOutput(), articleCount: articles.published.count,
      termCount: glossary.terms.count, fileCount: 0,
      nextPublication: articles.leftOut.filter { !$0.draft && $0.date.epochSeconds > options.now }
        .map(\.date.epochSeconds).min())
    switch rendering {
    case .always: break
    case .unlessErrors: if diagnostics.hasErrors { return report }
    case .never: return report
    }

    // Small chunks: term and tag pages list thousands of articles, and peak memory follows the
    // largest chunk in flight; 64 pages still keep both cores busy.
    let chunkSize = 64
    for start in stride(from: 0, to: pages.count, by: chunkSize) {
      let chunk = Array(pages[start..<min(start + chunkSize, pages.count)])
      try emit(orderedParallelMap(chunk) { entry in
        RenderedPage(path: entry.path, html: theme.render(entry.page, site: site))
      })
    }
    try emit(theme.assets.map { RenderedPage(path: "assets/\($0.name)", bytes: $0.bytes) })
    timer.lap("pages")
    try emit(SiteFiles.make(
      pages: pages, articles: articles.published, linked: linkedArticles, graph: graph, site: site))
    timer.lap("feed, sitemap, search index")
    report.fileCount = pages.count + theme.assets.count + 4
    return report
  }
}
