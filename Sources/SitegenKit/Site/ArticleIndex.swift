/// The index stage for articles: one slug per article, and which are in this build.
struct ArticleIndex {
  /// Newest first (then by slug).
  var published: [Article]
  /// Drafts and future-dated articles this build leaves out.
  var leftOut: [Article]

  static func index(_ parsed: [Article], options: BuildOptions) -> (ArticleIndex, [Diagnostic]) {
    // Indices are sorted, by keys taken out once: an Article is a large value to copy for
    // every comparison. The loader lists files in order, so the first sort is mostly a check.
    var diagnostics: [Diagnostic] = []
    var bySlug: [String: Int] = [:]
    var unique: [Int] = []
    let paths = parsed.map(\.source.relativePath)
    let byPath =
      zip(paths, paths.dropFirst()).allSatisfy { $0 < $1 }
      ? Array(parsed.indices) : parsed.indices.sorted { paths[$0] < paths[$1] }
    // Fields read in place, by index: a copy of the article per use was a third of the index.
    // One lookup an article, into a table sized once: a lookup then an insert hashed each slug
    // twice, and the table grew fourteen times on the way to 10,000.
    bySlug.reserveCapacity(parsed.count)
    for i in byPath {
      if let first = bySlug.updateValue(i, forKey: parsed[i].slug) {
        bySlug[parsed[i].slug] = first  // the first file keeps the slug
        diagnostics.append(
          .error(
            "article.duplicate-slug",
            "slug '\(parsed[i].slug)' is already used by \(parsed[first].source.displayPath); give this article another 'slug:'",
            at: parsed[i].slugLocation))
        continue
      }
      unique.append(i)
    }
    let isIn = parsed.indices.map { i in
      options.includeDrafts || (!parsed[i].draft && parsed[i].date.epochSeconds <= options.now)
    }
    // `ContentDate`'s order, then the slug, with the seconds compared first as plain integers:
    // tuples of dates and strings cost 11,000 instructions an article.
    let seconds = parsed.map(\.date.epochSeconds)
    let dates = parsed.map(\.date.text)
    let slugs = parsed.map(\.slug)
    let newestFirst = unique.sorted { a, b in
      if seconds[a] != seconds[b] { return seconds[a] > seconds[b] }
      if dates[a] != dates[b] { return dates[a] > dates[b] }
      return slugs[a] < slugs[b]
    }
    return (
      ArticleIndex(
        published: newestFirst.filter { isIn[$0] }.map { parsed[$0] },
        leftOut: newestFirst.filter { !isIn[$0] }.map { parsed[$0] }),
      diagnostics
    )
  }
}
