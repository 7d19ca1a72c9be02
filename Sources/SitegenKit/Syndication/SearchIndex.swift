/// `/search/index.js`: what the search page searches, built at build time. Articles carry their
/// title, summary, headings, term names and the distinct words of their text; terms their
/// name, aliases and summary. A script (not JSON fetched at run time) so search works offline
/// and from `file://`.
enum SearchIndex {
  struct ArticleEntry {
    var article: ArticleSummary
    var headings: [String]
    var terms: [String]
    /// `words(text)` of the article's plain text.
    var words: String
  }

  struct TermEntry {
    var term: TermSummary
    var aliases: [String]
  }

  static func list(_ xs: [String]) -> String { "[" + xs.map(JSON.string).joined(separator: ",") + "]" }

  /// One article's entry, as JSON.
  static func articleJSON(_ e: ArticleEntry) -> String {
    "{\"url\":\(JSON.string(e.article.url)),\"title\":\(JSON.string(e.article.title)),"
      + "\"summary\":\(JSON.string(e.article.summary)),\"date\":\(JSON.string(e.article.date.display)),"
      + "\"headings\":\(list(e.headings)),\"terms\":\(list(e.terms)),\"words\":\(JSON.string(e.words))}"
  }

  /// The script, from the articles' entries (`articleJSON`) and the terms.
  static func render(articles a: [String], terms: [TermEntry]) -> String {
    let t = terms.map { e in
      "{\"url\":\(JSON.string(e.term.url)),\"name\":\(JSON.string(e.term.name)),"
        + "\"aliases\":\(list(e.aliases)),\"summary\":\(JSON.string(e.term.summary))}"
    }
    return "window.sitegenSearchIndex={\"articles\":[\n" + a.joined(separator: ",\n")
      + "],\n\"terms\":[\n" + t.joined(separator: ",\n") + "]};\n"
  }

  /// Distinct lowercase words in first-seen order: full-text search at a fraction of the size.
  /// Split on ASCII bytes that are not letters or digits; any non-ASCII byte belongs to a word.
  static func words(_ text: String) -> String {
    var seen = Set<String>()
    var out: [String] = []
    var word: [UInt8] = []
    func finish() {
      defer { word.removeAll(keepingCapacity: true) }
      guard word.count > 1 else { return }
      var w = String(decoding: word, as: UTF8.self)
      if word.contains(where: { $0 >= 0x80 }) { w = w.lowercased() }
      if seen.insert(w).inserted { out.append(w) }
    }
    for b in text.utf8 {
      switch b {
      case 0x30...0x39, 0x61...0x7A, 0x80...0xFF: word.append(b)
      case 0x41...0x5A: word.append(b + 32)
      default: finish()
      }
    }
    finish()
    return out.joined(separator: " ")
  }
}
