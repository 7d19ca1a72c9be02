import Testing

@testable import SitegenKit
@testable import SitegenTemplates

/// The key terms box is also the print endnotes: each linked term's item carries the number its
/// links show, whatever order the two lists come in, and no note is left out.
@Suite struct KeyTermsBoxTests {
  static func term(_ slug: String) -> TermSummary {
    TermSummary(
      slug: slug, name: "Name \(slug)", summary: "About \(slug).", url: "/glossary/\(slug)/")
  }

  /// `(slug, note)` of each item in the box, in order; note 0 where there is none.
  static func items(_ html: HTML) -> [(String, Int)] {
    let text = String(decoding: html.bytes, as: UTF8.self)
    return text.split(separator: "<div class=\"key-term\" ").dropFirst().map { item in
      let slug = item.split(separator: "\"")[1]
      let note = item.prefix { $0 != ">" }.split(separator: "data-note=\"").dropFirst().first
      return (String(slug), note.flatMap { Int($0.prefix { $0 != "\"" }) } ?? 0)
    }
  }

  @Test func numbersEachLinkedTermInTheOrderOfFirstUse() {
    let (a, b, c) = (Self.term("a"), Self.term("b"), Self.term("c"))
    let box = keyTermsBox([a, b, c], notes: [a, b, c])
    #expect(Self.items(box).map(\.0) == ["a", "b", "c"])
    #expect(Self.items(box).map(\.1) == [1, 2, 3])
    let text = String(decoding: box.bytes, as: UTF8.self)
    #expect(text.contains("<dd id=\"gloss:b\">About b.</dd>"), "links describe themselves by it")
    #expect(!text.contains("term-endnotes"), "a second list for print is back")
  }

  /// A term first used where it is not linked (a heading) is listed before terms linked
  /// earlier; an unlinked term has no number.
  @Test func keepsTheOrderOfUseAndGivesEachNoteItsOwnNumber() {
    let (a, b, c) = (Self.term("a"), Self.term("b"), Self.term("c"))
    let box = keyTermsBox([a, b, c], notes: [b, a])
    #expect(Self.items(box).map(\.0) == ["a", "b", "c"])
    #expect(Self.items(box).map(\.1) == [2, 1, 0])
  }

  @Test func aNoteWhoseTermIsNotListedIsStillPrinted() {
    let (a, d) = (Self.term("a"), Self.term("d"))
    let box = keyTermsBox([a], notes: [d, a])
    #expect(Self.items(box).map(\.0) == ["a", "d"])
    #expect(Self.items(box).map(\.1) == [2, 1])
  }

  /// The first numbers' attributes are made once; past them, each is written out.
  @Test func numbersPastTheMadeOnesAreWrittenOut() {
    let terms = (1...300).map { Self.term("t\($0)") }
    let box = keyTermsBox(terms, notes: terms)
    #expect(Self.items(box).map(\.1) == Array(1...300))
  }

  @Test func isEmptyWithoutTerms() {
    #expect(keyTermsBox([], notes: []).bytes.isEmpty)
  }

  @Test func escapesWhatContentGives() {
    let odd = TermSummary(
      slug: "x\"y", name: "<b>", summary: "a & b", url: "/glossary/x/")
    let text = String(decoding: keyTermsBox([odd], notes: [odd]).bytes, as: UTF8.self)
    #expect(text.contains("data-term=\"x&quot;y\" data-note=\"1\">"))
    #expect(text.contains("&lt;b&gt;") && text.contains("a &amp; b"))
  }
}
