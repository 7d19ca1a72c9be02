/// Finds mentions of glossary terms in text: whole words, Unicode-aware, case-insensitive unless
/// a term says otherwise, apostrophes and line breaks alike, longest match first, never
/// overlapping. One pass per automaton over the text's UTF-8 bytes.
public struct TermMatcher: Sendable {
  /// One spelling the matcher looks for.
  public struct Spelling: Sendable, Hashable {
    public var term: Int
    public var name: Int
    public var caseSensitive: Bool
  }

  /// A mention: original byte range, and which spelling of which term.
  public struct Match: Sendable, Hashable {
    public var range: Range<Int>
    public var term: Int
    public var name: Int
  }

  private let folded: TermAutomaton
  private let foldedSpellings: [Spelling]
  private let exact: TermAutomaton
  private let exactSpellings: [Spelling]

  /// `names[t]` lists the spellings of term `t`; `caseSensitive[t]` says how to match them.
  public init(names: [[String]], caseSensitive: [Bool]) {
    var foldedPatterns: [[UInt8]] = []
    var exactPatterns: [[UInt8]] = []
    var fs: [Spelling] = []
    var es: [Spelling] = []
    for (t, spellings) in names.enumerated() {
      for (n, name) in spellings.enumerated() {
        if caseSensitive[t] {
          exactPatterns.append(FoldedText.pattern(name, foldCase: false))
          es.append(Spelling(term: t, name: n, caseSensitive: true))
        } else {
          foldedPatterns.append(FoldedText.pattern(name, foldCase: true))
          fs.append(Spelling(term: t, name: n, caseSensitive: false))
        }
      }
    }
    folded = TermAutomaton(patterns: foldedPatterns)
    foldedSpellings = fs
    exact = TermAutomaton(patterns: exactPatterns)
    exactSpellings = es
  }

  /// The mentions in `text`, sorted by position, none overlapping.
  public func matches(in text: UnsafeBufferPointer<UInt8>) -> [Match] {
    var candidates: [Match] = []
    find(in: text, with: folded, foldedSpellings, foldCase: true, into: &candidates)
    find(in: text, with: exact, exactSpellings, foldCase: false, into: &candidates)
    return Self.longestFirst(candidates)
  }

  private func find(
    in text: UnsafeBufferPointer<UInt8>, with automaton: TermAutomaton, _ spellings: [Spelling],
    foldCase: Bool, into candidates: inout [Match]
  ) {
    guard !automaton.isEmpty else { return }
    if FoldedText.isASCII(text) {
      // Every byte is a character: every folded byte is on a boundary, and a match (never
      // ending in a blank: names are trimmed) ends right after its last byte.
      automaton.scanFoldingASCII(text, foldCase: foldCase) { pattern, start, end in
        guard Self.isWholeWordASCII(start..<end, in: text) else { return }
        let s = spellings[pattern]
        candidates.append(Match(range: start..<end, term: s.term, name: s.name))
      }
      return
    }
    let prepared = FoldedText(text, foldCase: foldCase)
    automaton.scan(prepared.bytes) { pattern, end in
      let start = end - Int(automaton.patternLengths[pattern])
      guard prepared.isCharacterBoundary(start), prepared.isCharacterBoundary(end) else { return }
      let range = prepared.originalRange(start..<end, originalCount: text.count)
      guard Self.isWholeWord(range, in: text) else { return }
      let s = spellings[pattern]
      candidates.append(Match(range: range, term: s.term, name: s.name))
    }
  }

  /// Where matches overlap the longer wins, then the earlier.
  static func longestFirst(_ candidates: [Match]) -> [Match] {
    guard candidates.count > 1 else { return candidates }
    // Most runs' mentions come in order and apart (a scan reports them by where they end): then
    // every one is chosen, in the order given, and ranking them was a thousand instructions a run.
    if zip(candidates, candidates.dropFirst()).allSatisfy({
      $0.range.upperBound <= $1.range.lowerBound
    }) {
      return candidates
    }
    let ranked = candidates.sorted {
      ($0.range.count, -$0.range.lowerBound, -$0.term, -$0.name)
        > ($1.range.count, -$1.range.lowerBound, -$1.term, -$1.name)
    }
    var chosen: [Match] = []  // kept sorted by position
    for m in ranked {
      let i = chosen.partitionPoint { $0.range.lowerBound >= m.range.upperBound }
      let overlapsNext = i < chosen.count && chosen[i].range.overlaps(m.range)
      let overlapsPrevious = i > 0 && chosen[i - 1].range.overlaps(m.range)
      if !overlapsNext && !overlapsPrevious { chosen.insert(m, at: i) }
    }
    return chosen
  }

  /// A mention must not continue a word on either side (when its own edge is a word character).
  static func isWholeWord(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    if let first = scalar(at: range.lowerBound, in: text), isWordCharacter(first),
      let before = scalar(before: range.lowerBound, in: text), isWordCharacter(before)
    {
      return false
    }
    if let last = scalar(before: range.upperBound, in: text), isWordCharacter(last),
      let after = scalar(at: range.upperBound, in: text), isWordCharacter(after)
    {
      return false
    }
    return true
  }

  /// `isWholeWord` for ASCII text, where a byte is a character.
  static func isWholeWordASCII(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    if range.lowerBound > 0, isWordByte(text[range.lowerBound]),
      isWordByte(text[range.lowerBound - 1])
    {
      return false
    }
    if range.upperBound < text.count, isWordByte(text[range.upperBound - 1]),
      isWordByte(text[range.upperBound])
    {
      return false
    }
    return true
  }

  @inline(__always)
  static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
  }

  @inline(__always)
  static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
    s.isASCII ? isWordByte(UInt8(truncatingIfNeeded: s.value)) : isWordCharacterBeyondASCII(s)
  }

  /// Kept apart from the ASCII test: a function that touches Unicode's property types asks the
  /// runtime for their metadata on entry, which made every call, ASCII or not, 117 instructions.
  @inline(never)
  static func isWordCharacterBeyondASCII(_ s: Unicode.Scalar) -> Bool {
    let p = s.properties
    return p.isAlphabetic || p.numericType != nil
      || [.nonspacingMark, .spacingMark, .enclosingMark].contains(p.generalCategory)
  }

  static func scalar(at i: Int, in text: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    guard i < text.count else { return nil }
    let b = text[i]
    let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    return FoldedText.decode(text, i, min(i + length, text.count))
  }

  static func scalar(before i: Int, in text: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    guard i > 0 else { return nil }
    var start = i - 1
    while start > 0 && (text[start] & 0xC0) == 0x80 { start -= 1 }
    return FoldedText.decode(text, start, i)
  }
}

extension RandomAccessCollection where Index == Int {
  /// The first index whose element satisfies `belongsToSecondPart` (which must be monotonic).
  func partitionPoint(_ belongsToSecondPart: (Element) -> Bool) -> Int {
    var low = startIndex
    var high = endIndex
    while low < high {
      let mid = (low + high) / 2
      if belongsToSecondPart(self[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
