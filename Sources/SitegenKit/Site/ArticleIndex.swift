/// The index stage for articles: one slug per article, and which are in this build.
struct ArticleIndex {
  /// Newest first (then by slug).
  var published: [Article]
  /// Drafts and future-dated articles this build leaves out.
  var leftOut: [Article]

  static func index(_ parsed: [Article], options: BuildOptions) -> (ArticleIndex, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var bySlug: [String: Article] = [:]
    var unique: [Article] = []
    for article in parsed.sorted(by: { $0.source.relativePath < $1.source.relativePath }) {
      if let first = bySlug[article.slug] {
        diagnostics.append(.error(
          "article.duplicate-slug",
          "slug '\(article.slug)' is already used by \(first.source.displayPath); give this article another 'slug:'",
          at: article.slugLocation))
        continue
      }
      bySlug[article.slug] = article
      unique.append(article)
    }
    let isIn = { (a: Article) in options.includeDrafts || (!a.draft && a.date.epochSeconds <= options.now) }
    let newestFirst = unique.sorted { ($0.date, $1.slug) > ($1.date, $0.slug) }
    return (
      ArticleIndex(published: newestFirst.filter(isIn), leftOut: newestFirst.filter { !isIn($0) }),
      diagnostics
    )
  }
}
