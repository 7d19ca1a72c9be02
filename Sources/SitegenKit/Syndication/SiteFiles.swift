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

  /// The feed carries the newest `feedCount` articles; `feedHTML` makes their HTML. The feed,
  /// the sitemap and each search shard whose inputs are the ones the previous build wrote them
  /// from are kept (`reuse`, as for pages) and not made again: the feed's HTML is not even made.
  static func make(
    pages: [PageToMake], articles: [Article], linked: [LinkedDocument], feedCount: Int,
    feedHTML: () -> [String], graph: SiteGraph, site: SiteContext,
    reuse: (_ path: String, _ inputs: UInt64) -> UInt64?
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
    // Each name counts by its hash, worked out once: articles name the same few hundred terms
    // hundreds of thousands of times.
    let termNameHashes = termNames.map { ContentHash.of(string: $0) }
    // Another sitegen binary may write the same entries differently.
    let binary = BuildState.stamp("/proc/self/exe") ?? "?"
    let shardInputs = orderedParallelMap(members) { shard -> UInt64 in
      var h = StableHasher()
      h.combine(binary)
      h.combine(UInt64(shard.count))
      for i in shard {
        SearchIndex.fingerprint(
          graph.summaries[i], headings: linked[i].headingList.digest.texts,
          terms: graph.usedTerms[i],
          termNameHashes: termNameHashes, wordsHash: linked[i].searchWordsHash, into: &h)
      }
      return h.finalize()
    }
    let staleShards = members.indices.filter {
      reuse(SearchIndex.shardPath($0), shardInputs[$0]) == nil
    }
    var siteInputs = StableHasher()
    siteInputs.combine(binary)
    siteInputs.combine(Fingerprint.of(site))
    let feedInputs = Self.feedInputs(
      count: feedCount, articles: articles, linked: linked, graph: graph, site: siteInputs)
    let feedIsStale = reuse("feed.xml", feedInputs) == nil
    let articleHTML = feedIsStale ? feedHTML() : []
    let paths = pages.compactMap { entry -> Sitemap.Entry? in
      switch entry.source {
      case .page(.notFound): return nil
      case .article(let i):
        let a = graph.summaries[i]
        return Sitemap.Entry(path: a.url, lastModified: a.updated ?? a.date)
      default:
        // A page's folder URL: its path without the trailing index.html (the generic
        // `replacing` searched each path at 37,000 instructions a call).
        let path =
          entry.path.hasSuffix("index.html") ? entry.path.dropLast(10) : Substring(entry.path)
        return Sitemap.Entry(path: urls.basePath + path, lastModified: nil)
      }
    }
    var sitemap = siteInputs
    sitemap.combine(UInt64(paths.count))
    for entry in paths {
      sitemap.combine(entry.path)
      sitemap.combine(entry.lastModified?.isoDate)
    }
    let sitemapInputs = sitemap.finalize()
    let sitemapIsStale = reuse("sitemap.xml", sitemapInputs) == nil
    let jobs: [Job] =
      (feedIsStale ? [.feed] : []) + (sitemapIsStale ? [.sitemap] : []) + [.robots, .searchTerms]
      + staleShards.map { .searchShard($0) }
    return orderedParallelMap(jobs) { job in
      switch job {
      case .feed:
        let entries = articleHTML.indices.map { i in
          AtomFeed.Entry(
            article: graph.summaries[i], authors: articles[i].authors, html: articleHTML[i],
            endnotes: graph.endnotes(of: linked[i]))
        }
        return RenderedPage(
          path: "feed.xml", bytes: Array(AtomFeed.render(entries, site: site).utf8),
          inputs: feedInputs)
      case .sitemap:
        return RenderedPage(
          path: "sitemap.xml", bytes: Array(Sitemap.render(paths, urls: urls).utf8),
          inputs: sitemapInputs)
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
          bytes: SearchIndex.renderShard(members[k].map(entry)),
          inputs: shardInputs[k])
      }
    }
  }

  /// What the feed shows of its articles (`AtomFeed.Entry`), each HTML by its hash: the feed is
  /// kept without its articles' HTML being made again. `SiteFilesTests` fails when the entry
  /// gains a field, so that it is counted here.
  private static func feedInputs(
    count: Int, articles: [Article], linked: [LinkedDocument], graph: SiteGraph,
    site: StableHasher
  ) -> UInt64 {
    var h = site
    h.combine(UInt64(count))
    // Each term's fingerprint once: the feed's fifty articles have some 2,800 endnotes, and
    // fingerprinting each through its encoder was 11 M instructions of a one-article edit.
    var termHashes = [UInt64?](repeating: nil, count: graph.termSummaries.count)
    for i in 0..<count {
      h.combine(Fingerprint.of(graph.summaries[i]))
      h.combine(UInt64(articles[i].authors.count))
      for author in articles[i].authors { h.combine(author) }
      h.combine(linked[i].htmlHash)
      // `graph.endnotes(of:)`'s terms, as the graph indexed them.
      let notes = graph.noteTerms[i]
      h.combine(UInt64(notes.count))
      for t in notes {
        let hash = termHashes[t] ?? Fingerprint.of(graph.termSummaries[t])
        termHashes[t] = hash
        h.combine(hash)
      }
    }
    return h.finalize()
  }
}
