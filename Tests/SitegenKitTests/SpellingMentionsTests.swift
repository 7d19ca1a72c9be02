import SitegenMarkdown
import Testing

@testable import SitegenKit

/// The glossary edit's test of which articles to link again: never "cannot" where the linker
/// finds a mention, and "cannot" where the words are not there in order.
@Suite struct SpellingMentionsTests {
  func may(_ spellings: [String], _ body: String) -> Bool {
    SpellingMentions(spellings).mayBeMentioned(in: body)
  }

  @Test func wordsMustFollowOneAnotherWhole() {
    #expect(may(["red line"], "They drew a red line."))
    #expect(may(["red line"], "They drew a Red\n> LINE there."), "a line break and a quote prefix")
    #expect(may(["red line"], "a **red** line"), "markup between words is not told apart")
    #expect(!may(["red line"], "A line that is red."))
    #expect(!may(["red line"], "Red lines were drawn."), "whole words only")
    #expect(!may(["red line"], "Redline."))
    #expect(!may(["security guarantee"], "security, and a guarantee"))
    #expect(!may([], "anything"))
  }

  @Test func charactersFoldAsTheMatcherFoldsThem() {
    #expect(may(["Putin's red line"], "Putin’s red line held."), "a typographic apostrophe")
    #expect(may(["NATO"], "nato"), "case is left to the linker")
    #expect(may(["kiev"], "\u{212A}iev"), "KELVIN SIGN lowercases to k")
    #expect(may(["Mińsk"], "MIŃSK talks"))
    #expect(!may(["Mińsk"], "Minsk talks"))
    #expect(may(["U.S. guarantee"], "the U.S. guarantee"))
  }

  @Test func aCharacterReferenceMayHideAnything() {
    #expect(may(["red line"], "red&nbsp;line"))
    #expect(may(["kiev"], "&#107;iev"))
    #expect(!may(["red line"], "R & D, AT & T"), "an ampersand alone is just a character")
    #expect(may(["—"], "no words in the spelling: it may be anywhere"))
  }

  /// Random bodies mixing Markdown's constructs, linked with a glossary of spellings taken from
  /// their own words: every term the linker uses must be one the test lets through.
  @Test func neverMissesWhatTheLinkerFinds() throws {
    var rng = SplitMix(seed: 0x5EED)
    let words = [
      "red", "line", "Lines", "security", "guarantee", "Putin’s", "Putin's", "NATO", "nato",
      "\u{212A}iev", "kiev", "Mińsk", "MIŃSK", "İstanbul", "u", "s", "talks", "x",
    ]
    let joins = [
      " ", " ", " ", "\n", "\n> ", "  \n", "*", " **", "_", "`", "[", "](x.md) ", "&amp;",
      "&nbsp;", "\\*", "—", "’", "'", "-", " | ", "\n\n- ", "\n\n1. ", "\n\n# ", "[^1]",
      "<b>", "&#107;",
    ]
    let variants = [
      "\u{212A}iev": "kiev", "kiev": "\u{212A}IEV", "Putin’s": "putin's", "Putin's": "PUTIN’S",
      "MIŃSK": "mińsk", "Mińsk": "MIŃSK", "Lines": "lines", "line": "LINE", "nato": "Nato",
    ]
    var checked = 0
    for _ in 0..<300 {
      var body = ""
      var sequence: [String] = []
      for _ in 0..<rng.below(30) + 5 {
        let word = words[rng.below(words.count)]
        sequence.append(word)
        body += word + joins[rng.below(joins.count)]
      }
      body += "\n\n[^1]: A note about red lines.\n"
      // Spellings from runs of the body's own words, so that many are found.
      var names: [String] = []
      for _ in 0..<6 {
        let start = rng.below(sequence.count)
        let count = min(rng.below(3) + 1, sequence.count - start)
        let separator = [" ", " ", "'", "-"][rng.below(4)]
        // Often another form of a word, one the matcher folds to the same, so that a mention
        // is found where the body spells it differently.
        let name = sequence[start..<start + count].map { word in
          rng.below(2) == 0 ? word : (variants[word] ?? word)
        }.joined(separator: separator)
        let folded = FoldedText.pattern(name, foldCase: true)
        if !names.contains(where: { FoldedText.pattern($0, foldCase: true) == folded }) {
          names.append(name)
        }
      }
      let files = names.enumerated().map { i, name in
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\")
          .replacingOccurrences(of: "\"", with: "\\\"")
        return (
          path: "glossary/t\(i).md",
          text: "---\nterm: \"\(quoted)\"\nsummary: S.\n---\nDefinition.\n"
        )
      }
      let (glossary, terms, diagnostics) = GlossaryFixture.glossary(files)
      guard !diagnostics.contains(where: { $0.severity == .error }) else { continue }
      let linker = DocumentLinker(
        glossary: glossary, resolver: LinkResolver(articles: [], unpublished: [], terms: terms),
        urls: SiteURLs(SiteConfig(title: "Test", baseURL: "https://example.org/")),
        options: .site(rawHTML: false))
      let document = linker.link(
        body: body, source: GlossaryFixture.file("articles/a.md", body), firstLine: 1,
        mode: .all)
      for slug in document.useSlugs.slugs {
        let term = try #require(glossary.term(slug))
        checked += 1
        #expect(
          SpellingMentions(term.names.map(\.text)).mayBeMentioned(in: body),
          "'\(term.name)' is linked in \(body.debugDescription) but was ruled out")
      }
    }
    #expect(checked > 100, "too few mentions found to test anything: \(checked)")
  }
}

/// A small seeded generator: the same cases on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
