/// Tags and the articles under each: `/tags/` and `/tags/<tag>/`.
struct TagIndex {
  /// A–Z by page path; each with its articles newest first.
  var tags: [(summary: TagSummary, articles: [ArticleSummary])] = []
  var diagnostics: [Diagnostic] = []

  /// `articles` newest first, as the pipeline holds them.
  init(articles: [Article], summaries: [ArticleSummary], urls: SiteURLs) {
    var byURL: [String: (name: String, articles: [ArticleSummary], from: SourceFile)] = [:]
    for (i, article) in articles.enumerated() {
      for name in article.tags {
        let url = urls.tag(name)
        if let existing = byURL[url] {
          if existing.name != name {
            diagnostics.append(.warning(
              "tag.clash",
              "tag '\(name)' shares the page \(url) with '\(existing.name)' (\(existing.from.displayPath)); spell them alike",
              at: article.source.location(line: 1)))
          }
          if existing.articles.last != summaries[i] { byURL[url]?.articles.append(summaries[i]) }
        } else {
          byURL[url] = (name, [summaries[i]], article.source)
        }
      }
    }
    tags = byURL.keys.sorted().compactMap { url in
      byURL[url].map { (TagSummary(name: $0.name, url: url, count: $0.articles.count), $0.articles) }
    }
  }
}
