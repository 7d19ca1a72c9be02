import SitegenMarkdown

/// The built site in memory: every file and every diagnostic, before anything is written.
public struct GeneratedSite: Sendable {
  public var pages: [RenderedPage]
  public var diagnostics: [Diagnostic]
  public var articleCount: Int
  public var termCount: Int
}

/// load → parse → index → link → render, as plain values; `SiteBuilder` adds the disk.
public enum SitePipeline {
  public static func generate(
    _ content: LoadedContent, options: BuildOptions, theme: some Theme
  ) -> GeneratedSite {
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
      linker.link(
        body: article.body, source: article.source, firstLine: article.bodyFirstLine,
        mode: article.glossaryLinks ?? config.glossaryLinks)
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
    var rendered = orderedParallelMap(pages) { entry in
      RenderedPage(path: entry.path, html: theme.render(entry.page, site: site))
    }
    rendered += theme.assets.map { RenderedPage(path: "assets/\($0.name)", bytes: $0.bytes) }
    timer.lap("pages")
    rendered += SiteFiles.make(
      pages: pages, articles: articles.published, linked: linkedArticles, graph: graph, site: site)

    if options.strict { diagnostics = diagnostics.escalatingWarnings() }
    timer.lap("feed, sitemap, search index")
    return GeneratedSite(
      pages: rendered.sorted { $0.path < $1.path }, diagnostics: diagnostics.sortedForOutput(),
      articleCount: articles.published.count, termCount: glossary.terms.count)
  }
}
