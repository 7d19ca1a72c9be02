/// The files around the pages: feed, sitemap, robots.txt and the search index.
enum SiteFiles {
  static func make(
    pages: [(path: String, page: Page)], articles: [Article], linked: [LinkedDocument],
    graph: SiteGraph, site: SiteContext
  ) -> [RenderedPage] {
    let urls = site.urls
    let feed = AtomFeed.render(
      articles.indices.map { i in
        AtomFeed.Entry(
          article: graph.summaries[i], authors: articles[i].authors, html: linked[i].html,
          endnotes: graph.endnotes(of: linked[i]))
      }, site: site)
    let sitemap = Sitemap.render(
      pages.compactMap { entry in
        switch entry.page {
        case .notFound: return nil
        case .article(let a): return Sitemap.Entry(path: a.article.url, lastModified: a.article.updated ?? a.article.date)
        default:
          let path = urls.basePath + entry.path.replacing("index.html", with: "")
          return Sitemap.Entry(path: path, lastModified: nil)
        }
      }, urls: urls)
    let search = SearchIndex.render(
      articles: articles.indices.map { i in
        SearchIndex.ArticleEntry(
          article: graph.summaries[i], headings: linked[i].headings.map(\.text),
          terms: linked[i].termUses.compactMap { graph.glossary.term($0.slug)?.name },
          text: linked[i].plainText)
      },
      terms: graph.glossary.terms.indices.map { t in
        SearchIndex.TermEntry(term: graph.termSummaries[t], aliases: graph.glossary.terms[t].aliases)
      })
    return [
      RenderedPage(path: "feed.xml", bytes: Array(feed.utf8)),
      RenderedPage(path: "sitemap.xml", bytes: Array(sitemap.utf8)),
      RenderedPage(path: "robots.txt", bytes: Array(Sitemap.robots(urls: urls).utf8)),
      RenderedPage(path: "search/index.js", bytes: Array(search.utf8)),
    ]
  }
}
