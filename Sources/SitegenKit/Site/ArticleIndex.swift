/// The index stage for articles: one slug per article, and which are in this build.
struct ArticleIndex {
  /// Newest first (then by slug).
  var published: [Article]
  /// Drafts and future-dated articles this build leaves out.
  var leftOut: [Article]

  static func index(_ parsed: [Article], options: BuildOptions) -> (ArticleIndex, [Diagnostic]) {
    // Indices are sorted, not the articles: an Article is a large value to move around.
    var diagnostics: [Diagnostic] = []
    var bySlug: [String: Int] = [:]
    var unique: [Int] = []
    let byPath = parsed.indices.sorted {
      parsed[$0].source.relativePath < parsed[$1].source.relativePath
    }
    for i in byPath {
      let article = parsed[i]
      if let first = bySlug[article.slug] {
        diagnostics.append(
          .error(
            "article.duplicate-slug",
            "slug '\(article.slug)' is already used by \(parsed[first].source.displayPath); give this article another 'slug:'",
            at: article.slugLocation))
        continue
      }
      bySlug[article.slug] = i
      unique.append(i)
    }
    let isIn = { (a: Article) in
      options.includeDrafts || (!a.draft && a.date.epochSeconds <= options.now)
    }
    let newestFirst = unique.sorted {
      (parsed[$0].date, parsed[$1].slug) > (parsed[$1].date, parsed[$0].slug)
    }
    return (
      ArticleIndex(
        published: newestFirst.filter { isIn(parsed[$0]) }.map { parsed[$0] },
        leftOut: newestFirst.filter { !isIn(parsed[$0]) }.map { parsed[$0] }),
      diagnostics
    )
  }
}
