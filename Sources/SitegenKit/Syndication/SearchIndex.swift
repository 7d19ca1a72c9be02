/// `/search/index.js`: what the search page searches, built at build time. Articles carry their
/// title, summary, headings, term names and the distinct words of their text; terms their
/// name, aliases and summary. A script (not JSON fetched at run time) so search works offline
/// and from `file://`.
enum SearchIndex {
  struct ArticleEntry {
    var article: ArticleSummary
    var headings: [String]
    /// The names of the terms it uses, each already a JSON string (`JSON.string`): a site's
    /// articles name the same few hundred terms hundreds of thousands of times.
    var termsJSON: [String]
    /// `JSON.string(words(text))` of the article's plain text.
    var wordsJSON: String
  }

  struct TermEntry {
    var term: TermSummary
    var aliases: [String]
  }

  static func list(_ xs: [String]) -> String {
    "[" + xs.map(JSON.string).joined(separator: ",") + "]"
  }

  /// One article's entry, as JSON, in one buffer: its words are most of a large site's index.
  static func articleJSON(_ e: ArticleEntry) -> String {
    var out = ""
    out.reserveCapacity(e.wordsJSON.utf8.count + 512)
    out += "{\"url\":"
    JSON.append(e.article.url, to: &out)
    out += ",\"title\":"
    JSON.append(e.article.title, to: &out)
    out += ",\"summary\":"
    JSON.append(e.article.summary, to: &out)
    out += ",\"date\":"
    JSON.append(e.article.date.display, to: &out)
    out += ",\"headings\":"
    out += list(e.headings)
    out += ",\"terms\":["
    for (i, term) in e.termsJSON.enumerated() {
      if i > 0 { out += "," }
      out += term
    }
    out += "],\"words\":"
    out += e.wordsJSON
    out += "}"
    return out
  }

  /// The script, from the articles' entries (`articleJSON`) and the terms, as bytes: built in
  /// one buffer, since a large site's index is tens of megabytes and each `+` of Strings would
  /// copy all of it.
  static func render(articles a: [String], terms: [TermEntry]) -> [UInt8] {
    let t = terms.map { e in
      "{\"url\":\(JSON.string(e.term.url)),\"name\":\(JSON.string(e.term.name)),"
        + "\"aliases\":\(list(e.aliases)),\"summary\":\(JSON.string(e.term.summary))}"
    }
    var out: [UInt8] = []
    out.reserveCapacity((a + t).reduce(64) { $0 + $1.utf8.count + 2 })
    func append(_ list: [String]) {
      for (i, entry) in list.enumerated() {
        if i > 0 { out += ",\n".utf8 }
        out += entry.utf8
      }
    }
    out += "window.sitegenSearchIndex={\"articles\":[\n".utf8
    append(a)
    out += "],\n\"terms\":[\n".utf8
    append(t)
    out += "]};\n".utf8
    return out
  }

  /// Distinct lowercase words in first-seen order: full-text search at a fraction of the size.
  /// Split on ASCII bytes that are not letters or digits; any non-ASCII byte belongs to a word.
  static func words(_ text: String) -> String { scan(text).words }

  /// `words(text)`, and the number of words as a reader counts them (runs between spaces and
  /// line breaks, for reading time), in one pass over the bytes.
  ///
  /// Words are told apart by a 64-bit hash of their bytes in a small open-addressing table: no
  /// word is made a String, and no per-process-seeded hashing runs per word (this was a tenth of
  /// a cold build's instructions with a `Set`).
  static func scan(_ text: String) -> (words: String, wordCount: Int) {
    var text = text
    return text.withUTF8 { bytes in
      var seen = WordHashes(expected: bytes.count / 6)
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count / 3)
      var count = 0
      var inSpaceWord = false
      var start = -1  // where the current word starts in `out`, or -1 between words
      var hash: UInt64 = 0
      var ascii = true
      func finish() {
        defer { start = -1 }
        guard start >= 0 else { return }
        let length = out.count - start - (start == 0 ? 0 : 1)
        if length > 1 {
          if !ascii {
            // Lowercasing beyond ASCII needs Unicode's rules; rare enough to do per word.
            let wordStart = out.count - length
            let lowered = Array(
              String(decoding: out[wordStart...], as: UTF8.self).lowercased().utf8)
            out.replaceSubrange(wordStart..., with: lowered)
            hash = ContentHash.of(lowered)
          }
          if seen.insert(hash) { return }
        }
        out.removeSubrange(start...)
      }
      for b in bytes {
        let space = b == 32 || b == 10 || b == 9
        if !space && !inSpaceWord { count += 1 }
        inSpaceWord = !space
        var c = b
        switch b {
        case 0x30...0x39, 0x61...0x7A: break
        case 0x41...0x5A: c = b + 32
        case 0x80...0xFF: ascii = false
        default:
          finish()
          continue
        }
        if start < 0 {
          start = out.count
          if !out.isEmpty { out.append(32) }
          hash = 0xcbf2_9ce4_8422_2325
          ascii = true
          if b >= 0x80 { ascii = false }
        }
        out.append(c)
        hash = (hash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
      }
      finish()
      return (String(decoding: out, as: UTF8.self), count)
    }
  }
}

/// A set of 64-bit word hashes: linear probing in a power-of-two table that grows at half full.
private struct WordHashes {
  private var slots: [UInt64]
  private var used = 0
  private var hasZero = false

  init(expected: Int) {
    var size = 64
    while size < expected * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
  }

  /// True if `hash` was not in the set (it is now).
  mutating func insert(_ hash: UInt64) -> Bool {
    if hash == 0 {
      defer { hasZero = true }
      return !hasZero
    }
    if (used + 1) * 2 > slots.count { grow() }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 7) & mask
    while slots[i] != 0 {
      if slots[i] == hash { return false }
      i = (i + 1) & mask
    }
    slots[i] = hash
    used += 1
    return true
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    used = 0
    for h in old where h != 0 { _ = insert(h) }
  }
}
