/// The files around the pages: feed, sitemap, robots.txt and the search index.
enum SiteFiles {
  /// One file to make; the four are made side by side.
  private enum Job: Sendable, CaseIterable { case feed, sitemap, robots, search }

  /// `feedHTML` is the HTML of the newest articles, as many as the feed carries.
  static func make(
    pages: [PageToMake], articles: [Article], linked: [LinkedDocument], feedHTML: [String],
    graph: SiteGraph, site: SiteContext
  ) -> [RenderedPage] {
    let urls = site.urls
    // The search index's entries are the costly part: made in parallel, in article order.
    let termNames = graph.glossary.terms.map { JSON.string($0.name) }
    let searchEntries = orderedParallelMap(Array(articles.indices)) { i in
      SearchIndex.articleJSON(
        SearchIndex.ArticleEntry(
          article: graph.summaries[i], headings: linked[i].headings.map(\.text),
          termsJSON: graph.usedTerms[i].map { termNames[$0] }, wordsJSON: linked[i].searchWordsJSON)
      )
    }
    let paths = pages.compactMap { entry -> Sitemap.Entry? in
      switch entry.source {
      case .page(.notFound): return nil
      case .article(let i):
        let a = graph.summaries[i]
        return Sitemap.Entry(path: a.url, lastModified: a.updated ?? a.date)
      default:
        return Sitemap.Entry(
          path: urls.basePath + entry.path.replacing("index.html", with: ""), lastModified: nil)
      }
    }
    return orderedParallelMap(Job.allCases) { job in
      switch job {
      case .feed:
        let entries = feedHTML.indices.map { i in
          AtomFeed.Entry(
            article: graph.summaries[i], authors: articles[i].authors, html: feedHTML[i],
            endnotes: graph.endnotes(of: linked[i]))
        }
        return RenderedPage(
          path: "feed.xml", bytes: Array(AtomFeed.render(entries, site: site).utf8))
      case .sitemap:
        return RenderedPage(
          path: "sitemap.xml", bytes: Array(Sitemap.render(paths, urls: urls).utf8))
      case .robots:
        return RenderedPage(path: "robots.txt", bytes: Array(Sitemap.robots(urls: urls).utf8))
      case .search:
        let terms = graph.glossary.terms.indices.map { t in
          SearchIndex.TermEntry(
            term: graph.termSummaries[t], aliases: graph.glossary.terms[t].aliases)
        }
        return RenderedPage(
          path: "search/index.js", bytes: SearchIndex.render(articles: searchEntries, terms: terms))
      }
    }
  }
}
