/// The files around the pages: feed, sitemap, robots.txt and the search index.
enum SiteFiles {
  /// One file to make; these are made side by side.
  private enum Job: Sendable {
    case feed, sitemap, robots, searchTerms
    case searchShard(Int)
  }

  /// The search index's shard files: one to load per shard, in order, after `search/index.js`.
  static func searchShardPaths(articles: Int) -> [String] {
    (0..<SearchIndex.shardCount(articles: articles)).map(SearchIndex.shardPath)
  }

  /// `feedHTML` is the HTML of the newest articles, as many as the feed carries. A search shard
  /// whose entries are the ones the previous build wrote is kept (`reuse`, as for pages) and not
  /// made again.
  static func make(
    pages: [PageToMake], articles: [Article], linked: [LinkedDocument], feedHTML: [String],
    graph: SiteGraph, site: SiteContext, reuse: (_ path: String, _ inputs: UInt64) -> UInt64?
  ) -> [RenderedPage] {
    let urls = site.urls
    let termNames = graph.glossary.terms.map { JSON.string($0.name) }
    @Sendable func entry(_ i: Int) -> SearchIndex.ArticleEntry {
      SearchIndex.ArticleEntry(
        article: graph.summaries[i], headings: linked[i].headings.map(\.text),
        termsJSON: graph.usedTerms[i].map { termNames[$0] }, wordsJSON: linked[i].searchWordsJSON)
    }
    // Each shard's articles in article order, and its fingerprint, on every core.
    let shardCount = SearchIndex.shardCount(articles: articles.count)
    var shards = [[Int]](repeating: [], count: shardCount)
    for i in articles.indices {
      shards[SearchIndex.shard(ofSlug: articles[i].slug, count: shardCount)].append(i)
    }
    let members = shards
    // Another sitegen binary may write the same entries differently.
    let binary = BuildState.stamp("/proc/self/exe") ?? "?"
    let shardInputs = orderedParallelMap(members) { shard -> UInt64 in
      var h = StableHasher()
      h.combine(binary)
      h.combine(UInt64(shard.count))
      for i in shard { SearchIndex.fingerprint(entry(i), into: &h) }
      return h.finalize()
    }
    let staleShards = members.indices.filter {
      reuse(SearchIndex.shardPath($0), shardInputs[$0]) == nil
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
    let jobs: [Job] =
      [.feed, .sitemap, .robots, .searchTerms] + staleShards.map { .searchShard($0) }
    return orderedParallelMap(jobs) { job in
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
      case .searchTerms:
        let terms = graph.glossary.terms.indices.map { t in
          SearchIndex.TermEntry(
            term: graph.termSummaries[t], aliases: graph.glossary.terms[t].aliases)
        }
        return RenderedPage(path: "search/index.js", bytes: SearchIndex.render(terms: terms))
      case .searchShard(let k):
        return RenderedPage(
          path: SearchIndex.shardPath(k),
          bytes: SearchIndex.renderShard(members[k].map { SearchIndex.articleJSON(entry($0)) }),
          inputs: shardInputs[k])
      }
    }
  }
}
