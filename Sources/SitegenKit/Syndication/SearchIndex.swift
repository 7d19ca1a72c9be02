/// `/search/index.js`: what the search page searches, built at build time. Articles carry their
/// title, summary, headings, term names and the distinct words of their text; terms their
/// name, aliases and summary. A script (not JSON fetched at run time) so search works offline
/// and from `file://`.
enum SearchIndex {
  struct ArticleEntry {
    var article: ArticleSummary
    var headings: [String]
    var terms: [String]
    var text: String
  }

  struct TermEntry {
    var term: TermSummary
    var aliases: [String]
  }

  static func render(articles: [ArticleEntry], terms: [TermEntry]) -> String {
    func list(_ xs: [String]) -> String { "[" + xs.map(JSON.string).joined(separator: ",") + "]" }
    let a = articles.map { e in
      "{\"url\":\(JSON.string(e.article.url)),\"title\":\(JSON.string(e.article.title)),"
        + "\"summary\":\(JSON.string(e.article.summary)),\"date\":\(JSON.string(e.article.date.display)),"
        + "\"headings\":\(list(e.headings)),\"terms\":\(list(e.terms)),\"words\":\(JSON.string(words(e.text)))}"
    }
    let t = terms.map { e in
      "{\"url\":\(JSON.string(e.term.url)),\"name\":\(JSON.string(e.term.name)),"
        + "\"aliases\":\(list(e.aliases)),\"summary\":\(JSON.string(e.term.summary))}"
    }
    return "window.sitegenSearchIndex={\"articles\":[\n" + a.joined(separator: ",\n")
      + "],\n\"terms\":[\n" + t.joined(separator: ",\n") + "]};\n"
  }

  /// Distinct lowercase words in first-seen order: full-text search at a fraction of the size.
  static func words(_ text: String) -> String {
    var seen = Set<Substring>()
    var out: [Substring] = []
    let lowered = text.lowercased()
    for word in lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where word.count > 1 {
      if seen.insert(word).inserted { out.append(word) }
    }
    return out.joined(separator: " ")
  }
}
