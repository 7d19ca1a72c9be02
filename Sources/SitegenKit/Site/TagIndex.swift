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
    // A site's articles name the same few hundred tags: each name is made a URL once.
    var urlOf: [String: String] = [:]
    for (i, article) in articles.enumerated() {
      for name in article.tags {
        let url: String
        if let known = urlOf[name] {
          url = known
        } else {
          url = urls.tag(name)
          urlOf[name] = url
        }
        if let k = byURL[url] {
          if found[k].name != name {
            diagnostics.append(.warning(
              "tag.clash",
              "tag '\(name)' shares the page \(url) with '\(found[k].name)' (\(found[k].from.displayPath)); spell them alike",
              at: article.source.location(line: 1)))
          }
          // An article that lists a tag twice is listed on its page once.
          if found[k].last != i {
            found[k].articles.append(summaries[i])
            found[k].last = i
          }
        } else {
          byURL[url] = found.count
          found.append((name, [summaries[i]], article.source, i))
        }
      }
    }
    tags = byURL.sorted { $0.key < $1.key }.map { url, k in
      (TagSummary(name: found[k].name, url: url, count: found[k].articles.count), found[k].articles)
    }
  }
}
