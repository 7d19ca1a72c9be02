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
  /// Words are told apart by a 64-bit hash of their bytes, so no word is made a String twice.
  static func words(_ text: String) -> String {
    var seen = Set<UInt64>()
    var out: [UInt8] = []
    var word: [UInt8] = []
    var hash: UInt64 = 0
    var ascii = true
    func finish() {
      defer {
        word.removeAll(keepingCapacity: true)
        hash = 0xcbf2_9ce4_8422_2325
        ascii = true
      }
      guard word.count > 1 else { return }
      var bytes = word
      if !ascii {
        bytes = Array(String(decoding: word, as: UTF8.self).lowercased().utf8)
        hash = ContentHash.of(bytes)
      }
      guard seen.insert(hash).inserted else { return }
      if !out.isEmpty { out.append(32) }
      out += bytes
    }
    hash = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
      var c = b
      switch b {
      case 0x30...0x39, 0x61...0x7A: break
      case 0x41...0x5A: c = b + 32
      case 0x80...0xFF: ascii = false
      default:
        finish()
        continue
      }
      word.append(c)
      hash = (hash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
    }
    finish()
    return String(decoding: out, as: UTF8.self)
  }
}
