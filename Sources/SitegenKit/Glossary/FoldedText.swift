import Foundation

/// Text prepared for term matching, over UTF-8 bytes: whitespace runs become one space, typographic
/// apostrophes become `'`, and (when folding) letters are lowercased. `origin` maps every byte
/// back to the start of the character it came from, so matches land on the original text.
struct FoldedText {
  var bytes: [UInt8] = []
  /// `origin[i]`: offset in the original text of the character that produced `bytes[i]`.
  var origin: [Int32] = []

  /// (ASCII runs, most of every article, do not come here: the matcher folds them as it scans,
  /// `TermAutomaton.scanFoldingASCII`. Term names and other runs do.)
  init(_ text: UnsafeBufferPointer<UInt8>, foldCase: Bool) {
    bytes.reserveCapacity(text.count)
    origin.reserveCapacity(text.count)
    var i = 0
    var lastWasSpace = false
    while i < text.count {
      let b = text[i]
      if b < 0x80 {
        if let folded = Self.fold(ascii: b, foldCase: foldCase, after: &lastWasSpace) {
          append(folded, from: i)
        }
        i += 1
        continue
      }
      let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
      let end = min(i + length, text.count)
      let scalar = Self.decode(text, i, end)
      // A run may mix ASCII and other spaces ("a \u{A0}b"): it still folds to one space.
      let wasSpace = lastWasSpace
      lastWasSpace = false
      if let scalar {
        if scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "\u{2018}" {
          append(0x27, from: i)
        } else if scalar.properties.isWhitespace {
          if !wasSpace { append(0x20, from: i) }
          lastWasSpace = true
        } else if foldCase {
          for u in scalar.properties.lowercaseMapping.utf8 { append(u, from: i) }
        } else {
          for j in i..<end { append(text[j], from: i) }
        }
      } else {
        for j in i..<end { append(text[j], from: i) }
      }
      i = end
    }
  }

  /// One ASCII byte folded: blanks as a space, nil for a blank that continues a run; letters
  /// lowercased when `foldCase`. The one rule for both paths of the matcher.
  @inline(__always)
  static func fold(ascii b: UInt8, foldCase: Bool, after lastWasSpace: inout Bool) -> UInt8? {
    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
      defer { lastWasSpace = true }
      return lastWasSpace ? nil : 0x20
    }
    lastWasSpace = false
    return foldCase && b >= 0x41 && b <= 0x5A ? b + 32 : b
  }

  static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var any: UInt8 = 0
    for b in text { any |= b }
    return any < 0x80
  }

  /// Folds a term's name the same way (trimmed), for the automaton.
  static func pattern(_ name: String, foldCase: Bool) -> [UInt8] {
    // Foundation's trimming cost 17,000 instructions a name; a name that starts and ends with
    // a printable ASCII character has nothing to trim.
    let printable: (UInt8) -> Bool = { $0 > 0x20 && $0 < 0x7F }
    let trimmed =
      name.utf8.first.map(printable) == true && name.utf8.last.map(printable) == true
      ? name : name.trimmingCharacters(in: .whitespacesAndNewlines)
    var utf8 = Array(trimmed.utf8)
    return utf8.withUnsafeMutableBufferPointer {
      FoldedText(UnsafeBufferPointer($0), foldCase: foldCase).bytes
    }
  }

  private mutating func append(_ byte: UInt8, from offset: Int) {
    bytes.append(byte)
    origin.append(Int32(offset))
  }

  /// Does a match may start at `i` / end at `i` on a whole character of the original?
  func isCharacterBoundary(_ i: Int) -> Bool {
    i == 0 || i == bytes.count || origin[i] != origin[i - 1]
  }

  /// The original byte range of folded bytes `range` (end: start of the next character).
  func originalRange(_ range: Range<Int>, originalCount: Int) -> Range<Int> {
    let start = Int(origin[range.lowerBound])
    let end = range.upperBound < origin.count ? Int(origin[range.upperBound]) : originalCount
    return start..<end
  }

  static func decode(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Unicode.Scalar? {
    var iterator = text[start..<end].makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
    return nil
  }
}
