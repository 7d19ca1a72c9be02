/// Whether an article may mention one of a few spellings, told from its Markdown source without
/// parsing it: after a glossary edit that adds, removes or changes spellings, the link stage
/// links again only the articles that may (an alias added to a 10,000-article site linked every
/// article again: a cmark parse and a term scan each, 1.2 s).
///
/// Both sides are read as words: maximal runs of ASCII letters and digits, each character
/// lowercased by its Unicode mapping first (U+212A KELVIN SIGN reads as `k`, as the matcher
/// folds it); every other character separates words. A mention is a stretch of one text run
/// whose folded characters are the spelling's, with no word character just outside it
/// (`TermMatcher`), so its words are the spelling's words, one after the other. Cmark takes a
/// run's characters from the source in order, and what it drops between two of them holds no
/// word (a `> ` or an indent at a line's start, a backslash before punctuation); emphasis, code,
/// links and raw HTML end a run. So the spelling's words follow one another in the source's words
/// too. The exception is a character reference (`&amp;`, `&#107;`): cmark turns it into a
/// character the source does not spell, so a source with one may mention anything.
///
/// A false "may" costs one article linked again; a false "cannot" would leave a stale page,
/// which is why the test reads the whole body, code and headings included, and asks only for
/// words in order.
struct SpellingMentions: Sendable {
  /// Each spelling's words, as hashes; a spelling without words may be mentioned anywhere.
  private let spellings: [[UInt64]]
  private let anywhere: Bool
  /// Open addressing over the spellings' first words (0 marks a free slot).
  private let firstWords: [UInt64]

  init(_ names: [String]) {
    var spellings: [[UInt64]] = []
    var anywhere = false
    for name in names {
      var name = name
      let words = name.withUTF8 { Self.words($0, referencesMakeOpaque: false) } ?? []
      if words.isEmpty { anywhere = true } else { spellings.append(words) }
    }
    var size = 16
    while size < spellings.count * 2 { size <<= 1 }
    var table = [UInt64](repeating: 0, count: size)
    for words in spellings {
      var slot = Self.slot(words[0], size)
      while table[slot] != 0 && table[slot] != words[0] { slot = (slot + 1) & (size - 1) }
      table[slot] = words[0]
    }
    self.spellings = spellings
    self.anywhere = anywhere
    self.firstWords = table
  }

  var isEmpty: Bool { spellings.isEmpty && !anywhere }

  /// False only when no spelling can be mentioned in the Markdown `body`.
  func mayBeMentioned(in body: String) -> Bool {
    var body = body
    return body.withUTF8 { mayBeMentioned(in: $0) }
  }

  /// False only when no spelling can be mentioned in the Markdown `body`, as UTF-8.
  func mayBeMentioned(in body: UnsafeBufferPointer<UInt8>) -> Bool {
    if anywhere { return true }
    if spellings.isEmpty { return false }
    guard let words = Self.words(body, referencesMakeOpaque: true) else { return true }
    for start in words.indices where isFirstWord(words[start]) {
      for spelling in spellings where spelling[0] == words[start] {
        if start + spelling.count <= words.count
          && words[start..<start + spelling.count].elementsEqual(spelling)
        {
          return true
        }
      }
    }
    return false
  }

  private func isFirstWord(_ word: UInt64) -> Bool {
    var slot = Self.slot(word, firstWords.count)
    while firstWords[slot] != 0 {
      if firstWords[slot] == word { return true }
      slot = (slot + 1) & (firstWords.count - 1)
    }
    return false
  }

  private static func slot(_ word: UInt64, _ size: Int) -> Int {
    Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 40) & (size - 1)
  }

  /// The words of `text` as nonzero hashes, in order; nil when `referencesMakeOpaque` and the
  /// text has something that may be a character reference (`&` before a letter, digit or `#`).
  ///
  /// A glossary edit reads every article with this (80 MB at 10,000 articles), so a word's bytes
  /// are gathered eight to a register and mixed in once per eight, not once per byte, and a
  /// table tells a byte's class in one load.
  static func words(_ text: UnsafeBufferPointer<UInt8>, referencesMakeOpaque: Bool) -> [UInt64]? {
    byteClass.withUnsafeBufferPointer { table in
      var words: [UInt64] = []
      words.reserveCapacity(text.count / 5)
      var hasher = WordHasher()
      var i = 0
      while i < text.count {
        let b = text[i]
        let folded = table[Int(b)]
        if folded >= 0x30 {
          hasher.take(folded)
          i += 1
          continue
        }
        if let word = hasher.end() { words.append(word) }
        if folded == 0 {
          i += 1
          continue
        }
        if b == UInt8(ascii: "&") {
          i += 1
          if referencesMakeOpaque, i < text.count,
            text[i] == UInt8(ascii: "#") || table[Int(text[i])] >= 0x30
          {
            return nil
          }
          continue
        }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        let next = min(i + length, text.count)
        let scalar = FoldedText.decode(text, i, next)
        i = next
        // Most characters beyond ASCII in an article are punctuation (’ “ ” – …), which no case
        // mapping turns into a letter: only those that change when lowercased are looked up.
        guard let scalar, !(0x2000...0x206F).contains(scalar.value),
          scalar.properties.changesWhenLowercased
        else { continue }
        for mapped in scalar.properties.lowercaseMapping.unicodeScalars {
          let c = mapped.isASCII ? table[Int(mapped.value)] : 0
          if c >= 0x30 {
            hasher.take(c)
          } else if let word = hasher.end() {
            words.append(word)
          }
        }
      }
      if let word = hasher.end() { words.append(word) }
      return words
    }
  }

  /// A word's hash from its bytes, eight to a register.
  private struct WordHasher {
    private var hash: UInt64 = 0
    private var gathered: UInt64 = 0
    private var count = 0

    @inline(__always)
    mutating func take(_ byte: UInt8) {
      gathered = gathered << 8 | UInt64(byte)
      count += 1
      if count & 7 == 0 {
        hash = (hash ^ gathered) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
        gathered = 0
      }
    }

    /// The word taken so far, nonzero (0 marks a free slot in the table of first words), and a
    /// fresh start; nil when there is none.
    @inline(__always)
    mutating func end() -> UInt64? {
      guard count > 0 else { return nil }
      var h = (hash ^ gathered ^ UInt64(count) << 56) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      hash = 0
      gathered = 0
      count = 0
      return h | 1
    }
  }

  /// Per byte: an ASCII letter (lowercased) or digit as itself, 0x30 and up; 1 for `&` and the
  /// bytes of characters beyond ASCII, which need a closer look; 0 for a separator.
  private static let byteClass: [UInt8] = (0...255).map { b -> UInt8 in
    switch b {
    case 0x30...0x39, 0x61...0x7A: UInt8(b)
    case 0x41...0x5A: UInt8(b | 0x20)
    case 0x26, 0x80...0xFF: 1
    default: 0
    }
  }
}
