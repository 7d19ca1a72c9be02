import Testing

@testable import SitegenKit

@Suite struct SearchIndexTests {
  @Test func distinctLowercaseWordsInFirstSeenOrder() {
    #expect(SearchIndex.words("Red lines, red LINES; NATO's a-b 2008!") == "red lines nato 2008")
  }

  @Test func nonASCIIWordsAreLowercasedAndKeptWhole() {
    #expect(
      SearchIndex.words("Гарантии БЕЗОПАСНОСТИ, гарантии; Détente")
        == "гарантии безопасности détente")
  }

  /// The scan writes the JSON string of the words itself: the same bytes `JSON.string` makes
  /// of them, for words of every length around the eight bytes it hashes at a time, at the
  /// very end of the text, with line separators inside a word, and case folded to one word.
  @Test func scanWritesTheWordsAsAJSONString() {
    let cases: [(text: String, words: String)] = [
      ("", ""),
      ("a", ""),
      (
        "Seven77 EIGHT888 nine9999 Nine9999 sixteen-bytes-no sixteenbytesnoo",
        "seven77 eight888 nine9999 sixteen bytes no sixteenbytesnoo"
      ),
      (
        "Twentyfourbytesofletters twentyfourBYTESofletters twentyfourbytesofletterz",
        "twentyfourbytesofletters twentyfourbytesofletterz"
      ),
      ("ab\u{2028}cd Ab\u{2028}CD and <b>&amp;</b> \"quoted\"", "ab\u{2028}cd and amp quoted"),
      ("ÉTAT état Etat", "état etat"),
      ("end of text: Xy", "end of text xy"),
    ]
    for (text, words) in cases {
      let scanned = SearchIndex.scan(text)
      #expect(String(decoding: scanned.json, as: UTF8.self) == JSON.string(words), "\(text)")
      #expect(SearchIndex.words(text) == words)
    }
    #expect(SearchIndex.scan("one two\nthree, four-five  six").wordCount == 5)
  }

  /// The scan finds word ends eight bytes at a time: over texts of every kind of byte, words
  /// of every length and every position against the text's end, it finds what a byte-by-byte
  /// reading of the rule finds.
  @Test func scanAgreesWithTheRuleOnAnyText() {
    func isWordByte(_ b: UInt8) -> Bool {
      (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        || b >= 0x80
    }
    func expected(_ text: String) -> (words: String, count: Int) {
      let bytes = Array(text.utf8)
      var words: [String] = []
      var seen = Set<String>()
      var i = 0
      while i < bytes.count {
        guard isWordByte(bytes[i]) else {
          i += 1
          continue
        }
        let start = i
        while i < bytes.count && isWordByte(bytes[i]) { i += 1 }
        guard i - start > 1 else { continue }
        let word = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        if seen.insert(word).inserted { words.append(word) }
      }
      let count = text.utf8.split(whereSeparator: { $0 == 32 || $0 == 10 || $0 == 9 }).count
      return (words.joined(separator: " "), count)
    }
    let pieces = [
      "a", "B", "7", "Zz", "word", "LongerWords", "twelvebytes1", "seventeen-bytes!!", " ", "  ",
      "\n", "\t", ",", ".", "'", "@", "[", "`", "{", "/", ":", "é", "Ü", "Кир", "🇺🇦", "\u{2028}",
      "x\u{301}", "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<Int.random(in: 0...40, using: &generator) {
        text += pieces.randomElement(using: &generator)!
      }
      let (words, count) = expected(text)
      let scanned = SearchIndex.scan(text)
      #expect(
        String(decoding: scanned.json, as: UTF8.self) == JSON.string(words),
        "\(text.debugDescription)")
      #expect(scanned.wordCount == count, "\(text.debugDescription)")
    }
  }

  /// The table of words seen starts small and grows: thousands of distinct words come out
  /// once each, in first-seen order, however many repeats come between.
  @Test func aTextOfThousandsOfDistinctWordsKeepsEveryOne() {
    let distinct = (0..<3_000).map { "w\($0)x" }
    let text = distinct.enumerated().map { i, w in i % 7 == 0 ? "\(w) W0X \(w.uppercased())" : w }
      .joined(separator: " ")
    let scanned = SearchIndex.scan(text)
    #expect(
      String(decoding: scanned.json, as: UTF8.self) == JSON.string(distinct.joined(separator: " ")))
    #expect(scanned.wordCount == 3_000 + 2 * 429)
  }

  @Test func wordBytesAreFoundEightAtATime() {
    for b in 0...255 {
      let byte = UInt8(b)
      let isWord =
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
        || (0x61...0x7A).contains(byte) || byte >= 0x80
      // The byte alone, and the byte among word bytes at every position.
      for position in 0..<8 {
        var chunk = UInt64(0x6161_6161_6161_6161)  // "aaaaaaaa"
        chunk &= ~(UInt64(0xFF) << (8 * position))
        chunk |= UInt64(byte) << (8 * position)
        let expected: UInt64 = isWord ? 0 : UInt64(0x80) << (8 * position)
        #expect(WordBytes.notWordBytes(chunk) == expected, "byte \(b) at \(position)")
      }
    }
  }

  @Test func shardsHoldAboutFourHundredArticlesInAPowerOfTwo() {
    #expect(SearchIndex.shardCount(articles: 0) == 1)
    #expect(SearchIndex.shardCount(articles: 400) == 1)
    #expect(SearchIndex.shardCount(articles: 401) == 2)
    #expect(SearchIndex.shardCount(articles: 10_000) == 32)
    let slugs = (0..<10_000).map { "a\($0)" }
    let shards = slugs.map { SearchIndex.shard(ofSlug: $0, count: 32) }
    #expect(shards.allSatisfy { (0..<32).contains($0) })
    // Spread evenly enough that no shard is more than twice the average.
    let sizes = Dictionary(grouping: shards, by: { $0 }).mapValues(\.count)
    #expect(sizes.count == 32 && sizes.values.allSatisfy { $0 < 2 * 10_000 / 32 })
    #expect(
      SearchIndex.shard(ofSlug: "talks", count: 32) == SearchIndex.shard(ofSlug: "talks", count: 32)
    )
  }

  /// The shards are written through the byte form of JSON strings, appended to what a shard
  /// already holds: the bytes before it stay, and the string that follows is the one
  /// `JSON.string` makes, line separators, controls and HTML-significant bytes included.
  @Test func jsonBytesMatchJSONStrings() {
    let samples = [
      "", "plain", "quote \" and \\ backslash", "<script>&</script>", "tab\tnew\nline\r",
      "\u{0}\u{1F}", "line\u{2028}para\u{2029}end", "\u{2028}", "dash – and “quotes” ❤",
      "e2 alone: \u{2000}\u{20AC}", "Гарантии",
    ]
    for s in samples {
      var bytes: [UInt8] = [1, 2]
      JSON.append(s, to: &bytes)
      #expect(Array(bytes.dropFirst(2)) == Array(JSON.string(s).utf8), "\(s.debugDescription)")
    }
    #expect(JSON.string("a\u{2028}b") == "\"a\\u2028b\"")
  }

  @Test func contentHashIsStableAndSeesEveryByte() {
    let a = Array("The same bytes, twice over.".utf8)
    #expect(ContentHash.of(a) == ContentHash.of(a))
    var b = a
    b[b.count - 1] = UInt8(ascii: "!")
    #expect(ContentHash.of(a) != ContentHash.of(b))
    #expect(ContentHash.of([]) != ContentHash.of([0]))
    #expect(ContentHash.hex(ContentHash.of(Array("x".utf8))).count == 16)
    // Past 64 bytes four lanes run: each of them, and the bytes after them, still count.
    let long = Array((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    for i in [0, 8, 16, 24, 63, 64, 190, 199] {
      var changed = long
      changed[i] ^= 1
      #expect(ContentHash.of(changed) != ContentHash.of(long), "byte \(i)")
    }
  }

  /// An article's shard comes from its slug's hash, and must not move between versions: these
  /// values are the ones every version so far has given (one lane, whatever the length).
  @Test func shardHashesAreTheSameAsEver() {
    #expect(ContentHash.of(string: "talks") == 0xc524_7a99_6f0c_32be)
    #expect(
      ContentHash.of(string: "red-lines-and-nato-enlargement-since-2008") == 0xf9fa_aef2_81ab_14f8)
    #expect(
      ContentHash.of(string: String(repeating: "a-long-slug-", count: 8)) == 0x0e72_5555_2308_8445)
  }
}
