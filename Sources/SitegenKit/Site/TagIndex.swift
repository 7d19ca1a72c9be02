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
    var found: [(name: String, articles: [ArticleSummary], from: SourceFile, last: Int)] = []
    // A site's articles name the same few hundred tags: each name is made a URL, and found
    // its page, once; later uses look the name up alone. `clashes`: another name has the page.
    var pageOf: [String: (k: Int, url: String, clashes: Bool)] = [:]
    // By index: a copy of each article (a large struct) per loop was a third of the index.
    for i in articles.indices {
      for name in articles[i].tags {
        let page: (k: Int, url: String, clashes: Bool)
        if let known = pageOf[name] {
          page = known
        } else {
          let url = urls.tag(name)
          if let k = byURL[url] {
            page = (k, url, found[k].name != name)
          } else {
            byURL[url] = found.count
            found.append((name, [], articles[i].source, -1))
            page = (found.count - 1, url, false)
          }
          pageOf[name] = page
        }
        let k = page.k
        if page.clashes {
          diagnostics.append(.warning(
            "tag.clash",
            "tag '\(name)' shares the page \(page.url) with '\(found[k].name)' (\(found[k].from.displayPath)); spell them alike",
            at: articles[i].source.location(line: 1)))
        }
        // An article that lists a tag twice is listed on its page once.
        if found[k].last != i {
          found[k].articles.append(summaries[i])
          found[k].last = i
        }
      }
    }
    tags = byURL.sorted { $0.key < $1.key }.map { url, k in
      (TagSummary(name: found[k].name, url: url, count: found[k].articles.count), found[k].articles)
    }
  }
}
