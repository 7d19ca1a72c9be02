import Testing

@testable import SitegenKit

/// The matcher alone: which spellings it finds in a text run, and where.
@Suite struct TermMatcherTests {
  /// One match as the original text it covers, with its term and spelling.
  struct Found: Equatable, CustomStringConvertible {
    var text: String
    var term: Int
    var name: Int = 0

    var description: String { "\"\(text)\" (term \(term), name \(name))" }
  }

  /// Matches `text` against terms whose spellings are `names[t]`, case-insensitively unless
  /// `caseSensitive` says otherwise.
  static func find(_ text: String, _ names: [[String]], caseSensitive: [Bool]? = nil) -> [Found] {
    let matcher = TermMatcher(
      names: names, caseSensitive: caseSensitive ?? names.map { _ in false })
    let bytes = Array(text.utf8)
    let matches = bytes.withUnsafeBufferPointer { matcher.matches(in: $0) }
    return matches.map {
      Found(
        text: String(decoding: bytes[$0.range], as: UTF8.self), term: $0.term, name: $0.name)
    }
  }

  // MARK: whole words, Unicode-aware

  @Test func findsATermAsAWholeWord() {
    #expect(
      Self.find("Talk of security guarantees again.", [["security guarantees"]])
        == [Found(text: "security guarantees", term: 0)])
    #expect(Self.find("Nothing relevant here.", [["security guarantees"]]).isEmpty)
    #expect(Self.find("", [["security guarantees"]]).isEmpty)
    #expect(Self.find("security guarantees", []).isEmpty)
  }

  @Test(arguments: [
    ("Киев требует гарантии безопасности, а не обещаний.", "гарантии безопасности"),
    ("ГАРАНТИИ БЕЗОПАСНОСТИ были обещаны.", "ГАРАНТИИ БЕЗОПАСНОСТИ"),
    ("«Гарантии безопасности» — это не заверения.", "Гарантии безопасности"),
  ])
  func cyrillicTermInCyrillicText(text: String, expected: String) {
    #expect(
      Self.find(text, [["гарантии безопасности"]]) == [Found(text: expected, term: 0)])
  }

  @Test(arguments: [
    "сверхгарантии безопасности",  // a Cyrillic letter before
    "гарантии безопасностия",  // a Cyrillic letter after
    "гарантии безопасности2",  // a digit after
  ])
  func cyrillicTermDoesNotMatchInsideLongerWords(text: String) {
    #expect(Self.find(text, [["гарантии безопасности"]]).isEmpty)
  }

  @Test func accentedTerm() {
    #expect(
      Self.find("The era of détente ended.", [["détente"]]) == [Found(text: "détente", term: 0)])
    #expect(
      Self.find("DÉTENTE, then Détente.", [["détente"]])
        == [Found(text: "DÉTENTE", term: 0), Found(text: "Détente", term: 0)])
    #expect(Self.find("Two détentes failed.", [["détente"]]).isEmpty)
    // "é" is a letter: an ASCII-only notion of words would find "tente" here.
    #expect(Self.find("The era of détente ended.", [["tente"]]).isEmpty)
    // A combining accent belongs to the letter before it.
    #expect(Self.find("A cafe\u{301} society.", [["cafe"]]).isEmpty)
  }

  @Test(arguments: ["sanctionsX", "unsanctioned", "unsanctions", "sanctions_list", "sanctions2"])
  func noMatchInsideALongerWord(text: String) {
    #expect(Self.find("The \(text) here.", [["sanctions", "sanction"]]).isEmpty)
  }

  @Test(arguments: [
    "(sanctions)", "sanctions.", "sanctions-era", "“sanctions”", "sanctions/tariffs",
  ])
  func punctuationIsAWordBoundary(text: String) {
    #expect(
      Self.find("The \(text) bite.", [["sanctions"]]) == [Found(text: "sanctions", term: 0)])
  }

  // MARK: case

  @Test(arguments: [
    "security guarantees", "Security Guarantees", "SECURITY GUARANTEES", "sEcUrItY gUaRaNtEeS",
  ])
  func caseInsensitiveByDefault(text: String) {
    #expect(
      Self.find("On \(text) now.", [["Security guarantees"]]) == [Found(text: text, term: 0)])
  }

  @Test func caseSensitiveTermMatchesOnlyItsOwnCase() {
    let names = [["NATO"]]
    #expect(Self.find("NATO met.", names, caseSensitive: [true]) == [Found(text: "NATO", term: 0)])
    #expect(Self.find("nato met.", names, caseSensitive: [true]).isEmpty)
    #expect(Self.find("Nato met.", names, caseSensitive: [true]).isEmpty)
    // The same spelling without the flag matches every case.
    #expect(Self.find("nato met.", names, caseSensitive: [false]) == [Found(text: "nato", term: 0)])
  }

  @Test func caseSensitiveAndInsensitiveTermsTogether() {
    let names = [["NATO"], ["sanctions"]]
    #expect(
      Self.find("nato and SANCTIONS; NATO and Sanctions.", names, caseSensitive: [true, false])
        == [
          Found(text: "SANCTIONS", term: 1), Found(text: "NATO", term: 0),
          Found(text: "Sanctions", term: 1),
        ])
  }

  // MARK: apostrophes

  @Test(arguments: [
    "Ukraine’s security guarantees",  // U+2019, what smart punctuation writes
    "Ukraine's security guarantees",
    "Ukraineʼs security guarantees",  // U+02BC
    "UKRAINE’S SECURITY GUARANTEES",
  ])
  func straightApostropheInTermMatchesEveryApostrophe(text: String) {
    #expect(
      Self.find("Talks on \(text) stalled.", [["Ukraine's security guarantees"]])
        == [Found(text: text, term: 0)])
  }

  @Test(arguments: ["Ukraine's security guarantees", "Ukraine’s security guarantees"])
  func typographicApostropheInTermMatchesStraightOne(text: String) {
    #expect(
      Self.find("Talks on \(text) stalled.", [["Ukraine’s security guarantees"]])
        == [Found(text: text, term: 0)])
  }

  @Test func apostropheEndsAWord() {
    #expect(
      Self.find("Ukraine’s allies and Ukraine's.", [["Ukraine"]])
        == [Found(text: "Ukraine", term: 0), Found(text: "Ukraine", term: 0)])
    #expect(
      Self.find("They said ‘sanctions’.", [["sanctions"]]) == [Found(text: "sanctions", term: 0)])
  }

  // MARK: longest first, never overlapping

  @Test func longestMatchFirst() {
    let names = [["security"], ["security guarantees"]]
    #expect(
      Self.find("Western security guarantees matter.", names)
        == [Found(text: "security guarantees", term: 1)])
    #expect(Self.find("Western security matters.", names) == [Found(text: "security", term: 0)])
    #expect(
      Self.find("security, then security guarantees, then security.", names)
        == [
          Found(text: "security", term: 0), Found(text: "security guarantees", term: 1),
          Found(text: "security", term: 0),
        ])
  }

  @Test func longestSpellingOfOneTermWins() {
    #expect(
      Self.find("Red lines and a red line.", [["red line", "red lines"]])
        == [Found(text: "Red lines", term: 0, name: 1), Found(text: "red line", term: 0, name: 0)])
  }

  @Test func longestWinsAcrossCaseSensitiveAndFoldedTerms() {
    let names = [["NATO"], ["NATO enlargement"]]
    #expect(
      Self.find("NATO enlargement since 2008.", names, caseSensitive: [true, false])
        == [Found(text: "NATO enlargement", term: 1)])
    #expect(
      Self.find("nato enlargement since 2008.", names, caseSensitive: [true, false])
        == [Found(text: "nato enlargement", term: 1)])
  }

  @Test func overlappingCandidatesLongerWinsEvenWhenLater() {
    #expect(
      Self.find("The new start treaty lapsed.", [["new start"], ["start treaty"]])
        == [Found(text: "start treaty", term: 1)])
  }

  @Test func overlappingCandidatesOfEqualLengthEarlierWins() {
    #expect(
      Self.find("east west bank", [["west bank"], ["east west"]])
        == [Found(text: "east west", term: 1)])
    // A chain: the first and third win, the middle one overlaps both.
    #expect(
      Self.find("aa bb cc dd", [["bb cc"], ["cc dd"], ["aa bb"]])
        == [Found(text: "aa bb", term: 2), Found(text: "cc dd", term: 1)])
    // The longest is chosen first; shorter ones on either side of it that overlap it lose.
    #expect(
      Self.find("x aa bbb cc", [["x aa"], ["aa bbb"], ["bbb cc"]])
        == [Found(text: "aa bbb", term: 1)])
  }

  @Test func aPrefixThatFailsStillFindsTheShorterTermInside() {
    // "b c d" is abandoned at "x": the automaton must fall back to "c".
    #expect(Self.find("a b c x", [["b c d"], ["c"]]) == [Found(text: "c", term: 1)])
    #expect(
      Self.find("he ushers hers she", [["he"], ["she"], ["hers"], ["his"]]) == [
        Found(text: "he", term: 0), Found(text: "hers", term: 2), Found(text: "she", term: 1),
      ])
  }

  // MARK: whitespace

  @Test(arguments: [
    "security   guarantees",
    "security\nguarantees",
    "security\t\n  guarantees",
    "security\r\nguarantees",
    "security\u{00A0}guarantees",  // no-break space
    "security\u{2003}guarantees",  // em space
    "security \u{00A0}guarantees",
    "security\u{00A0}\u{00A0}guarantees",
  ])
  func whitespaceRunsInsideAMention(text: String) {
    #expect(
      Self.find("Talk of \(text) again.", [["security guarantees"]])
        == [Found(text: text, term: 0)])
  }

  /// ASCII runs are matched without a folded copy, keeping only the last folded bytes'
  /// origins; a long name, after collapsed blanks, must still start where it does.
  @Test func longNamesAfterCollapsedBlanksStartInThePlace() {
    let name = "the comprehensive bilateral security and defence cooperation agreement"
    let text =
      "Words,  \n\t then   The Comprehensive  Bilateral\nSecurity and Defence Cooperation   Agreement."
    #expect(
      Self.find(text, [[name], ["security"]])
        == [
          Found(
            text: "The Comprehensive  Bilateral\nSecurity and Defence Cooperation   Agreement",
            term: 0)
        ])
  }

  @Test func whitespaceInsideATermIsFolded() {
    #expect(
      Self.find("Talk of security guarantees again.", [["  security \t guarantees\n"]])
        == [Found(text: "security guarantees", term: 0)])
  }

  @Test func whitespaceCannotStandInForOtherSeparators() {
    #expect(Self.find("security-guarantees", [["security guarantees"]]).isEmpty)
    #expect(Self.find("securityguarantees", [["security guarantees"]]).isEmpty)
  }

  // MARK: literal spellings

  @Test func regexMetacharactersAreLiteral() {
    #expect(
      Self.find("We shipped C++ (beta) today.", [["C++ (beta)"]])
        == [Found(text: "C++ (beta)", term: 0)])
    #expect(Self.find("We shipped C (beta) today.", [["C++ (beta)"]]).isEmpty)
    #expect(Self.find("Read a.b first.", [["a.b"]]) == [Found(text: "a.b", term: 0)])
    #expect(Self.find("Read axb first.", [["a.b"]]).isEmpty)
    #expect(Self.find("Read a.bc first.", [["a.b"]]).isEmpty)
    #expect(Self.find("Either x|y or x.", [["x|y"]]) == [Found(text: "x|y", term: 0)])
    #expect(Self.find("Then [x]* and x.", [["[x]*"]]) == [Found(text: "[x]*", term: 0)])
  }

  // MARK: many terms

  /// A small deterministic generator, so the big tests are the same on every run.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static let vocabulary = [
    "red", "line", "lines", "nato", "security", "guarantee", "guarantees", "east", "west",
    "bank", "treaty", "new", "start", "kyiv", "moscow", "alliance",
  ]

  /// `count` different spellings (ignoring case) of one to three words, sharing many prefixes
  /// and suffixes, some capitalised.
  static func generatedTerms(_ count: Int) -> [String] {
    var generator = Generator(state: 2008)
    var seen = Set<String>()
    var terms: [String] = []
    while terms.count < count {
      let words = (0...generator.next(3)).map { _ in vocabulary[generator.next(vocabulary.count)] }
      let term = words.joined(separator: " ")
      guard seen.insert(term).inserted else { continue }
      terms.append(generator.next(4) == 0 ? term.uppercased() : term)
    }
    return terms
  }

  /// The rules restated by brute force, for ASCII text with single spaces: every whole-word
  /// occurrence of every term, then longest first, then earliest, never overlapping.
  static func bruteForce(_ text: String, _ terms: [String]) -> [Found] {
    let haystack = Array(text.lowercased().utf8)
    func isWord(_ i: Int) -> Bool {
      guard i >= 0, i < haystack.count else { return false }
      let b = haystack[i]
      return (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95
    }
    // Every generated term starts with a letter, so a whole-word match starts a word.
    let wordStarts = haystack.indices.filter { isWord($0) && !isWord($0 - 1) }
    var candidates: [(range: Range<Int>, term: Int)] = []
    for (t, term) in terms.enumerated() {
      let needle = Array(term.lowercased().utf8)
      for start in wordStarts
      where start + needle.count <= haystack.count
        && haystack[start..<start + needle.count].elementsEqual(needle)
        && !isWord(start + needle.count)
      {
        candidates.append((start..<start + needle.count, t))
      }
    }
    var chosen: [(range: Range<Int>, term: Int)] = []
    for c in candidates.sorted(by: {
      ($0.range.count, -$0.range.lowerBound) > ($1.range.count, -$1.range.lowerBound)
    }) where !chosen.contains(where: { $0.range.overlaps(c.range) }) {
      chosen.append(c)
    }
    let bytes = Array(text.utf8)
    return chosen.sorted { $0.range.lowerBound < $1.range.lowerBound }.map {
      Found(text: String(decoding: bytes[$0.range], as: UTF8.self), term: $0.term)
    }
  }

  /// The ASCII scan checks word edges byte by byte; it must agree with the Unicode check on
  /// every range of ASCII text, whatever sits at the edges.
  @Test func asciiWordEdgesAgreeWithTheUnicodeCheck() {
    let alphabet = Array("aZ09_ -.,'()\n\t".utf8)
    var generator = Generator(state: 77)
    var checked = 0
    for _ in 0..<60 {
      let length = 1 + generator.next(12)
      let bytes = (0..<length).map { _ in alphabet[generator.next(alphabet.count)] }
      bytes.withUnsafeBufferPointer { text in
        for start in 0..<text.count {
          for end in (start + 1)...text.count {
            #expect(
              TermMatcher.isWholeWordASCII(start..<end, in: text)
                == TermMatcher.isWholeWord(start..<end, in: text),
              "\(String(decoding: bytes, as: UTF8.self).debugDescription) \(start)..<\(end)")
            checked += 1
          }
        }
      }
    }
    #expect(checked > 1_000)
  }

  @Test func fiveHundredTermsEachFoundAlone() {
    let terms = Self.generatedTerms(500)
    #expect(Set(terms.map { $0.lowercased() }).count == 500)
    let names = terms.map { [$0] }
    let matcher = TermMatcher(names: names, caseSensitive: names.map { _ in false })
    for (t, term) in terms.enumerated() {
      let text = "Before \(term.lowercased()) after."
      let bytes = Array(text.utf8)
      let matches = bytes.withUnsafeBufferPointer { matcher.matches(in: $0) }
      #expect(matches.map(\.term) == [t], "\(term)")
      #expect(matches.map(\.range) == [7..<7 + term.utf8.count], "\(term)")
    }
  }

  @Test func fiveHundredTermsAgreeWithBruteForce() {
    let terms = Self.generatedTerms(500)
    let fillers = ["and", "the", "redx", "xline", "of", "2008", "Kyiv,", "NATO.", "(west)"]
    var generator = Generator(state: 1994)
    var total = 0
    for _ in 0..<12 {
      let words = (0..<250).map { _ in
        generator.next(3) == 0
          ? fillers[generator.next(fillers.count)]
          : Self.vocabulary[generator.next(Self.vocabulary.count)]
      }
      let text = words.map { generator.next(5) == 0 ? $0.capitalized : $0 }.joined(separator: " ")
      let expected = Self.bruteForce(text, terms)
      total += expected.count
      #expect(Self.find(text, terms.map { [$0] }) == expected)
    }
    #expect(total > 500, "the generated texts should hold many mentions")
  }

  /// The ASCII scan runs through bytes that keep the automaton at its root without stepping;
  /// it must report what a step for every byte of the folded text reports, wherever blanks,
  /// capitals and pattern prefixes fall.
  @Test(arguments: [true, false])
  func scanningPastTheRootFindsWhatSteppingFinds(foldCase: Bool) {
    let names = ["red line", "red lines", "line", "ed l", "nato", "Kyiv  talks", "a"]
    let patterns = names.map { FoldedText.pattern($0, foldCase: foldCase) }
    let automaton = TermAutomaton(patterns: patterns)
    let pieces = [
      "red", "Red", "RED", "line", "lines", "nato", "NATO", "kyiv", "talks", "a", "b",
      "zz", "ed", "l", ",", ".",
    ]
    let blanks = [" ", "  ", "\n", "\t ", " \r\n"]
    var generator = Generator(state: 2026)
    var total = 0
    for _ in 0..<200 {
      var text = generator.next(2) == 0 ? blanks[generator.next(blanks.count)] : ""
      for _ in 0..<(1 + generator.next(30)) {
        text += pieces[generator.next(pieces.count)] + blanks[generator.next(blanks.count)]
      }
      let bytes = Array(text.utf8)
      var fast: [[Int]] = []
      var stepped: [[Int]] = []
      bytes.withUnsafeBufferPointer { buffer in
        automaton.scanFoldingASCII(buffer, foldCase: foldCase) { fast.append([$0, $1, $2]) }
        let folded = FoldedText(buffer, foldCase: foldCase)
        automaton.scan(folded.bytes) { pattern, end in
          let start = end - patterns[pattern].count
          stepped.append([pattern, Int(folded.origin[start]), Int(folded.origin[end - 1]) + 1])
        }
      }
      total += stepped.count
      #expect(fast == stepped, "\(text.debugDescription)")
    }
    #expect(total > 400, "the texts should hold many matches")
  }
}
