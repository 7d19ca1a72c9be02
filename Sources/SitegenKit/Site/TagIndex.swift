/// Tags and the articles under each: `/tags/` and `/tags/<tag>/`.
struct TagIndex {
  /// A–Z by page path; each with its articles newest first.
  var tags: [(summary: TagSummary, articles: [ArticleSummary])] = []
  var diagnostics: [Diagnostic] = []

  /// `articles` newest first, as the pipeline holds them.
  init(articles: [Article], summaries: [ArticleSummary], urls: SiteURLs) {
    // Tags by URL point into a list, so that appending to a tag's articles is in place: a
    // copy of the entry held while appending made every append copy the whole list.
    var byURL: [String: Int] = [:]
    // Per tag page, in parallel arrays: reading a field of a tuple element copied the whole
    // tuple (a source file and a list among its fields), 20,000 times at 10,000 articles.
    var names: [String] = []
    var lists: [[ArticleSummary]] = []
    var sources: [SourceFile] = []
    var lastArticle: [Int] = []
    // A site's articles name the same few hundred tags: each name is made a URL, and found
    // its page, once; later uses look the name up alone. `clashes`: another name has the page.
    var pageOf: [String: (k: Int, clashes: Bool)] = [:]
    // By index: a copy of each article (a large struct) per loop was a third of the index.
    for i in articles.indices {
      for name in articles[i].tags {
        let page: (k: Int, clashes: Bool)
        if let known = pageOf[name] {
          page = known
        } else {
          let url = urls.tag(name)
          if let k = byURL[url] {
            page = (k, names[k] != name)
          } else {
            byURL[url] = names.count
            names.append(name)
            lists.append([])
            sources.append(articles[i].source)
            lastArticle.append(-1)
            page = (names.count - 1, false)
          }
          pageOf[name] = page
        }
        let k = page.k
        if page.clashes {
          diagnostics.append(
            .warning(
              "tag.clash",
              "tag '\(name)' shares the page \(urls.tag(name)) with '\(names[k])' (\(sources[k].displayPath)); spell them alike",
              at: articles[i].source.location(line: 1)))
        }
        // An article that lists a tag twice is listed on its page once.
        if lastArticle[k] != i {
          lists[k].append(summaries[i])
          lastArticle[k] = i
        }
      }
    }
    tags = byURL.sorted { $0.key < $1.key }.map { url, k in
      (TagSummary(name: names[k], url: url, count: lists[k].count), lists[k])
    }
  }
}
