/// Finds the names in running text that might deserve a glossary entry: two or more capitalised
/// words in a row ("Security Council", "Treaty of Paris", "Article 5"), across single spaces
/// only, so that lists ("Kyiv, Moscow") and sentences stay apart.
enum CapitalisedPhrases {
  /// Small words that may join capitalised ones inside a name, never start or end it. Not
  /// "and": it joins two names far more often than it sits inside one.
  static let connectors: Set<String> = ["of", "the", "for", "on", "de", "la", "von", "van", "al"]
  /// Capitalised only because they start a sentence or a clause: dropped from a phrase's start.
  static let openers: Set<String> = [
    "A", "An", "The", "In", "On", "At", "As", "But", "And", "Or", "If", "When", "While", "This",
    "That", "These", "Those", "It", "Its", "For", "From", "To", "By", "With", "After", "Before",
    "Since", "Under", "Over", "What", "Why", "How", "Who", "Where", "Which", "Then", "So", "Yet",
    "Both", "Each", "Every", "Some", "Most", "Many", "No", "Not", "One", "Two", "We", "They",
    "He", "She", "Our", "Their", "His", "Her", "There", "Here", "Even", "Only", "Also", "Unlike",
    "Like", "Until", "Once", "Although", "Though", "Because", "During", "Against", "Without",
    "Between", "Among", "Into", "Such", "Any", "All", "Neither", "Nor", "Either", "Whether",
  ]

  /// The phrases of `text`, each with the UTF-8 offset where it starts.
  static func find(in text: String) -> [(String, Int)] {
    var found: [(String, Int)] = []
    var current: [Word] = []
    let bytes = Array(text.utf8)
    /// After `. `, `? `, `: ` or at the start: capitalised whatever the word is.
    func startsSentence(_ word: Word) -> Bool {
      var i = word.offset - 1
      while i >= 0, bytes[i] == 0x20 { i -= 1 }
      return i < 0 || [0x2E, 0x21, 0x3F, 0x3A].contains(bytes[i])
    }
    func flush() {
      var words = current[...]
      while let first = words.first,
        openers.contains(first.text) || !first.isCapitalised
          // "Later the Security Council": a sentence's first word before a connector.
          || (startsSentence(first) && words.dropFirst().first.map { !$0.isCapitalised } == true)
      {
        words = words.dropFirst()
      }
      while let last = words.last, !last.isCapitalised && !last.isNumber {
        words = words.dropLast()
      }
      current = []
      // Two capitalised words, or one and its number ("Article 5").
      let capitalised = words.filter(\.isCapitalised).count
      guard let first = words.first, let last = words.last,
        capitalised >= 2 || (capitalised == 1 && words.count == 2 && last.isNumber)
      else { return }
      let utf8 = text.utf8
      let start = utf8.index(utf8.startIndex, offsetBy: first.offset)
      let end = utf8.index(utf8.startIndex, offsetBy: last.offset + last.text.utf8.count)
      found.append((String(text[start..<end]), first.offset))
    }
    for word in words(in: text) {
      // Only one plain space between two words of a name.
      let joins =
        current.last.map {
          let gap = $0.offset + $0.fullLength
          return !$0.endsPhrase && gap + 1 == word.offset && bytes[gap] == 0x20
        } ?? true
      if !joins { flush() }
      // "Article 5": a number right after a capitalised word; "Treaty of Paris": a connector.
      let fits =
        word.isCapitalised || (!current.isEmpty && connectors.contains(word.text))
        || (word.isNumber && current.last?.isCapitalised == true)
      if fits {
        current.append(word)
      } else {
        flush()
      }
    }
    flush()
    return found
  }

  /// The form two spellings share when they are the same phrase.
  static func key(_ phrase: String) -> String {
    phrase.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
      .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  struct Word {
    var text: String
    var offset: Int
    /// Bytes in the text, a possessive `'s` included.
    var fullLength: Int
    /// Ended by a possessive: "NATO's allies" does not join.
    var endsPhrase: Bool

    var isCapitalised: Bool { text.first.map { $0.isUppercase } ?? false }
    var isNumber: Bool { text.allSatisfy(\.isNumber) }
  }

  /// Letters, digits and inner hyphens or apostrophes make words; a possessive `'s` is cut off.
  static func words(in text: String) -> [Word] {
    var result: [Word] = []
    var start: String.Index?
    var offset = 0
    var startOffset = 0
    func close(at end: String.Index, endOffset: Int) {
      guard let s = start else { return }
      var word = String(text[s..<end])
      while let last = word.last, last == "-" || last == "'" || last == "\u{2019}" {
        word.removeLast()
      }
      var possessive = false
      for suffix in ["'s", "\u{2019}s"] where word.hasSuffix(suffix) {
        word.removeLast(2)
        possessive = true
      }
      if !word.isEmpty {
        result.append(
          Word(
            text: word, offset: startOffset, fullLength: endOffset - startOffset,
            endsPhrase: possessive))
      }
      start = nil
    }
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      let isWordCharacter =
        c.isLetter || c.isNumber || (start != nil && (c == "-" || c == "'" || c == "\u{2019}"))
      if isWordCharacter {
        if start == nil {
          start = i
          startOffset = offset
        }
      } else {
        close(at: i, endOffset: offset)
      }
      offset += c.utf8.count
      i = text.index(after: i)
    }
    close(at: text.endIndex, endOffset: offset)
    return result
  }
}
