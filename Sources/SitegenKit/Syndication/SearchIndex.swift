import SitegenMarkdown

/// The search page's index, built at build time: `/search/index.js` defines it with the glossary
/// terms, and `/search/articles-K.js` scripts add the articles, shard by shard. Articles carry
/// their title, summary, headings, term names and the distinct words of their text; terms their
/// name, aliases and summary. Scripts (not JSON fetched at run time) so search works offline and
/// from `file://`.
///
/// Shards, because a large site's article entries are tens of megabytes (25 MB at 10,000
/// articles): one file meant that every edit made, hashed and wrote all of it again. An article
/// goes to the shard its slug hashes to, so an edit rewrites one shard, and an added article
/// moves no other.
enum SearchIndex {
  /// About 400 articles a shard (a few hundred kilobytes), in a power of two of shards.
  static func shardCount(articles: Int) -> Int {
    var count = 1
    while count * 400 < articles { count <<= 1 }
    return count
  }

  static func shard(ofSlug slug: String, count: Int) -> Int {
    Int(ContentHash.of(string: slug) & UInt64(count - 1))
  }

  static func shardPath(_ shard: Int) -> String { "search/articles-\(shard).js" }

  static let shardPrefix =
    "window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat([\n"

  struct ArticleEntry {
    var article: ArticleSummary
    var headings: [String]
    /// The names of the terms it uses, each already a JSON string (`JSON.string`): a site's
    /// articles name the same few hundred terms hundreds of thousands of times.
    var termsJSON: [String]
    /// `JSON.string(words(text))` of the article's plain text, as UTF-8.
    var wordsJSON: ArraySlice<UInt8>
  }

  struct TermEntry {
    var term: TermSummary
    var aliases: [String]
  }

  static func list(_ xs: [String]) -> String {
    "[" + xs.map(JSON.string).joined(separator: ",") + "]"
  }

  /// What `appendArticleJSON(e)` writes, for a shard's fingerprint: change one with the other.
  /// Taken from what the entry is made of, without making it (every shard is fingerprinted on
  /// every build): the date by the parts `display` shows, the term names and the words by
  /// their hashes, the headings' texts by their digest.
  static func fingerprint(
    _ article: ArticleSummary, headings: UInt64, terms: [Int], termNameHashes: [UInt64],
    wordsHash: UInt64, into h: inout StableHasher
  ) {
    h.combine(article.url)
    h.combine(article.title)
    h.combine(article.summary)
    for part in [article.date.year, article.date.month, article.date.day] {
      h.combine(UInt64(truncatingIfNeeded: part))
    }
    // The headings' texts (`HeadingList.digest`).
    h.combine(headings)
    h.combine(UInt64(terms.count))
    for t in terms { h.combine(termNameHashes[t]) }
    h.combine(wordsHash)
  }

  /// One article's entry, as JSON, onto the end of its shard: its words are most of a large
  /// site's index.
  static func appendArticleJSON(_ e: ArticleEntry, to out: inout [UInt8]) {
    out += "{\"url\":".utf8
    JSON.append(e.article.url, to: &out)
    out += ",\"title\":".utf8
    JSON.append(e.article.title, to: &out)
    out += ",\"summary\":".utf8
    JSON.append(e.article.summary, to: &out)
    out += ",\"date\":".utf8
    JSON.append(e.article.date.display, to: &out)
    out += ",\"headings\":[".utf8
    for (i, heading) in e.headings.enumerated() {
      if i > 0 { out.append(44) }
      JSON.append(heading, to: &out)
    }
    out += "],\"terms\":[".utf8
    for (i, term) in e.termsJSON.enumerated() {
      if i > 0 { out.append(44) }
      out += term.utf8
    }
    out += "],\"words\":".utf8
    out += e.wordsJSON
    out.append(125)
  }

  /// `/search/index.js`: defines the index with the terms; the article shards fill it in.
  static func render(terms: [TermEntry]) -> [UInt8] {
    let t = terms.map { e in
      "{\"url\":\(JSON.string(e.term.url)),\"name\":\(JSON.string(e.term.name)),"
        + "\"aliases\":\(list(e.aliases)),\"summary\":\(JSON.string(e.term.summary))}"
    }
    return Array(
      ("window.sitegenSearchIndex={\"articles\":[],\n\"terms\":[\n" + t.joined(separator: ",\n")
        + "]};\n").utf8)
  }

  /// One shard's script, from its articles' entries, in one buffer: each `+` of
  /// Strings would copy all of it.
  static func renderShard(_ entries: [ArticleEntry]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(entries.reduce(64) { $0 + $1.wordsJSON.count + 1_024 })
    // One array literal, not arguments to `push`: engines cap how many a call may take.
    out += shardPrefix.utf8
    for (i, entry) in entries.enumerated() {
      if i > 0 { out += ",\n".utf8 }
      appendArticleJSON(entry, to: &out)
    }
    out += "\n]);\n".utf8
    return out
  }

  /// Distinct lowercase words in first-seen order: full-text search at a fraction of the size.
  /// Split on ASCII bytes that are not letters or digits; any non-ASCII byte belongs to a word.
  static func words(_ text: String) -> String {
    // `scan` makes the JSON string; its words are letters, digits and non-ASCII characters,
    // which JSON leaves as they are but for U+2028 and U+2029.
    let json = String(decoding: scan(text).json.dropFirst().dropLast(), as: UTF8.self)
    return json.replacing("\\u2028", with: "\u{2028}").replacing("\\u2029", with: "\u{2029}")
  }

  /// `JSON.string(words(text))` as UTF-8, and the number of words as a reader counts them (runs
  /// between spaces and line breaks, for reading time), in one pass over the bytes.
  ///
  /// Words are told apart by a 64-bit hash of their bytes in a small open-addressing table: no
  /// word is made a String, and no per-process-seeded hashing runs per word (this was a tenth of
  /// a cold build's instructions with a `Set`). The JSON is written as the words are found:
  /// making a String of the words and escaping it again were three more passes over them.
  ///
  /// It goes a word at a time: the inner loop only finds the word's end, and an ASCII word is
  /// lowercased and hashed eight bytes at a time (`WordHash`); bytes are copied out only for a
  /// word not seen before (most of an article's words are repeats).
  static func scan(_ text: String) -> (json: [UInt8], wordCount: Int) {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return ([34, 34], 0) }
      return wordByte.withUnsafeBufferPointer { wordByte in
        let n = bytes.count
        // Sized for the distinct words, a fraction of all of them (it grows if need be): sized
        // for all, the table was cleared at 32 KB an article and spilled out of the L1 cache.
        var seen = WordHashes(expected: n / 24)
        var out: [UInt8] = []
        out.reserveCapacity(n / 3 + 2)
        out.append(34)
        var count = 0
        var inToken = false  // inside a run of non-space bytes (the reader's words)
        var i = 0
        // Wrapping arithmetic on indices that stay within the text (n is a buffer's count):
        // the overflow checks were some 6 % of the loop's instructions.
        while i < n {
          let b = base[i]
          if b == 32 || b == 10 || b == 9 {
            inToken = false
            i &+= 1
            continue
          }
          if !inToken {
            count &+= 1
            inToken = true
          }
          guard wordByte[Int(b)] != 0 else {
            i &+= 1
            continue
          }
          let start = i
          var any = b
          i &+= 1
          // Eight bytes at a time while the text lasts: the word's end is the first byte that
          // is not a word byte, found with a count of trailing zeros, where a loop a byte at
          // a time took a mispredicted exit at every word.
          while i &+ 8 <= n {
            let chunk = UInt64(
              littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let ends = WordBytes.notWordBytes(chunk)
            if ends == 0 {
              if chunk & 0x8080_8080_8080_8080 != 0 { any = 0x80 }
              i &+= 8
              continue
            }
            let taken = ends.trailingZeroBitCount &>> 3
            let kept: UInt64 = (1 &<< UInt64(taken &* 8)) &- 1
            if chunk & kept & 0x8080_8080_8080_8080 != 0 { any = 0x80 }
            i &+= taken
            break
          }
          if i &+ 8 > n {
            while i < n {
              let c = wordByte[Int(base[i])]
              if c == 0 { break }
              any |= c
              i &+= 1
            }
          }
          let length = i &- start
          guard length > 1 else { continue }
          if any < 0x80 {
            // Letters and digits only: setting 0x20 lowercases a letter and leaves a digit.
            let hash = WordHash.ofASCII(bytes, start: start, count: length)
            guard seen.insert(hash) else { continue }
            if out.count > 1 { out.append(32) }
            for k in start..<i { out.append(base[k] | 0x20) }
          } else {
            // Lowercasing beyond ASCII needs Unicode's rules; rare enough to do per word.
            let word = UnsafeBufferPointer(start: base + start, count: length)
            let lowered = String(decoding: word, as: UTF8.self).lowercased()
            let hash = lowered.withUTF8Bytes { WordHash.of($0) }
            guard seen.insert(hash) else { continue }
            if out.count > 1 { out.append(32) }
            JSON.appendEscaped(lowered, to: &out)
          }
        }
        out.append(34)
        return (out, count)
      }
    }
  }

  /// For each byte: 0 if it is not part of a word, else the byte lowercased (ASCII letters
  /// and digits, and every byte of a non-ASCII character, which stays as it is).
  private static let wordByte: [UInt8] = (0...255).map { b -> UInt8 in
    switch b {
    case 0x30...0x39, 0x61...0x7A, 0x80...0xFF: return UInt8(b)
    case 0x41...0x5A: return UInt8(b + 32)
    default: return 0
    }
  }
}

/// Which of eight bytes are word bytes (`SearchIndex.wordByte`), all at once: each byte's high
/// bit answers for it, and no sum carries into the next byte (the high bits are cleared first).
enum WordBytes {
  private static func lanes(_ b: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(b) }

  /// `0x80` in each byte of `x` that is not an ASCII letter or digit and not part of a
  /// non-ASCII character; 0 in the others.
  @inline(__always)
  static func notWordBytes(_ x: UInt64) -> UInt64 {
    let high = lanes(0x80)
    let ascii = x & ~high
    // y in lo...hi: y + (0x80 - lo) sets the high bit, y + (0x7F - hi) does not.
    func inRange(_ y: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
      (y &+ lanes(0x80 - lo)) & ~(y &+ lanes(0x7F - hi)) & high
    }
    let word = (x & high) | inRange(ascii, 0x30, 0x39) | inRange(ascii | lanes(0x20), 0x61, 0x7A)
    return ~word & high
  }
}

/// A word's 64-bit hash, over its lowercased bytes eight at a time: a word of up to eight bytes
/// (most words) is one load and one multiply, and two such words of one length never share a
/// hash (each step is invertible).
private enum WordHash {
  static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash = seed(bytes.count)
    var i = 0
    while true {
      var chunk: UInt64 = 0
      for k in 0..<min(8, bytes.count - i) { chunk |= UInt64(bytes[i + k]) << (8 * k) }
      i += 8
      guard i < bytes.count else { return finish(hash ^ chunk) }
      hash = mix(hash, chunk)
    }
  }

  /// `of(word lowercased)` for a word of ASCII letters and digits, `count` bytes at `start` in
  /// `text`: read eight bytes at a time, the bytes past the word masked off, where the text
  /// goes on for eight bytes after the word.
  @inline(__always)
  static func ofASCII(_ text: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> UInt64 {
    guard start + count + 8 <= text.count else {
      return lowercasedASCII(UnsafeBufferPointer(rebasing: text[start..<start + count]))
    }
    let raw = UnsafeRawBufferPointer(text)
    var hash = seed(count)
    var i = 0
    while count - i > 8 {
      let chunk = raw.loadUnaligned(fromByteOffset: start + i, as: UInt64.self)
      hash = mix(hash, UInt64(littleEndian: chunk) | lowercase)
      i += 8
    }
    let chunk = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + i, as: UInt64.self))
    let mask = ~UInt64(0) &>> UInt64(64 - 8 * (count - i))
    return finish(hash ^ ((chunk | lowercase) & mask))
  }

  /// 0x20 in every byte: set, it lowercases an ASCII letter and leaves a digit.
  private static let lowercase: UInt64 = 0x2020_2020_2020_2020

  /// Words at the text's end.
  @inline(never)
  private static func lowercasedASCII(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { lowered in
      for k in word.indices { lowered[k] = word[k] | 0x20 }
      return of(UnsafeBufferPointer(lowered))
    }
  }

  @inline(__always)
  private static func seed(_ count: Int) -> UInt64 { 0x9E37_79B9_7F4A_7C15 &* UInt64(count) }

  /// A full eight-byte chunk taken in, before the next.
  @inline(__always)
  private static func mix(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
    finish(hash ^ chunk) &* 0x9E37_79B9_7F4A_7C15
  }

  @inline(__always)
  private static func finish(_ hash: UInt64) -> UInt64 {
    let h = hash &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h &>> 32)
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
  @inline(__always)
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

  @inline(never)
  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    used = 0
    for h in old where h != 0 { _ = insert(h) }
  }
}
