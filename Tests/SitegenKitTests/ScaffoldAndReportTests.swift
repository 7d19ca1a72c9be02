import Testing

@testable import SitegenKit

/// `sitegen new`'s files, the placeholder rule, and the glossary report's phrase finder.
@Suite struct ScaffoldTests {
  @Test func datesAreUTCCalendarDays() {
    #expect(Scaffold.isoDate(epochSeconds: 0) == "1970-01-01")
    #expect(Scaffold.isoDate(epochSeconds: 1_764_374_400) == "2025-11-29")
    #expect(Scaffold.isoDate(epochSeconds: 1_709_164_799) == "2024-02-28")
    #expect(Scaffold.isoDate(epochSeconds: 1_709_164_800) == "2024-02-29")
    #expect(Scaffold.isoDate(epochSeconds: -1) == "1969-12-31")
    // Round trip with the parser's own day count.
    for days in stride(from: -1000, to: 30_000, by: 37) {
      let text = Scaffold.isoDate(epochSeconds: days * 86_400 + 3_600)
      #expect(ContentDate.parse(text)?.epochSeconds == days * 86_400, "\(text)")
    }
  }

  @Test func titlesAreQuotedForYAML() throws {
    let s = try #require(Scaffold(.article, title: "  \"A\" & B: #1 \\ x  ", now: 0))
    #expect(s.relativePath == "articles/a-b-1-x.md")
    #expect(s.text.hasPrefix("---\ntitle: \"\\\"A\\\" & B: #1 \\\\ x\"\n"))
    let (article, diagnostics) = Article.parse(source(s.text, s.relativePath))
    #expect(article?.title == "\"A\" & B: #1 \\ x", "\(diagnostics)")
    #expect(article?.draft == true)
    #expect(Scaffold(.term, title: "—", now: 0) == nil)
    let term = try #require(Scaffold(.term, title: "Red lines", now: 0))
    let (parsed, termDiagnostics) = Term.parse(source(term.text, term.relativePath))
    #expect(parsed?.name == "Red lines", "\(termDiagnostics)")
    #expect(termDiagnostics.isEmpty)
  }
}

@Suite struct PlaceholderTests {
  func placeholders(_ marked: Marked) -> [Diagnostic] { Placeholders.find(in: marked.file()) }

  @Test func frontMatterValuesAreFlaggedWhereTheyStart() {
    let quoted = Marked("---\ntitle: T\nsummary: ‸\"TODO: fill\"\ndate: 2025-01-01\n---\nBody.\n")
    let d = placeholders(quoted)
    #expect(d.count == 1)
    #expect(d.first?.id == "content.placeholder")
    #expect(d.first?.severity == .warning)
    #expect(d.first?.message == "'summary' is still a placeholder; replace the TODO")
    #expect(d.first?.location?.line == quoted.line && d.first?.location?.column == quoted.column)
    let listed = Marked("---\ntitle: T\nauthors:\n  - ‸TODO who\n---\n")
    #expect(placeholders(listed).first?.location?.column == listed.column)
    #expect(placeholders(listed).first?.location?.line == listed.line)
  }

  @Test func bodyLinesOutsideCodeAreFlagged() {
    let body = Marked("---\ntitle: T\n---\nText.\n\n  ‸TODO: the rest\n")
    #expect(placeholders(body).map(\.location?.line) == [body.line])
    #expect(placeholders(body).first?.location?.column == body.column)
    let fenced = Marked("---\ntitle: ‸T\n---\n```\nTODO in code\n```\nA TODO mid-line is fine.\n")
    #expect(placeholders(fenced).isEmpty)
  }
}

@Suite struct CapitalisedPhraseTests {
  func phrases(_ text: String) -> [String] { CapitalisedPhrases.find(in: text).map(\.0) }

  @Test func namesOfTwoOrMoreCapitalisedWords() {
    #expect(phrases("The Security Council met.") == ["Security Council"])
    #expect(
      phrases("under the Treaty of Paris and Article 5 today") == ["Treaty of Paris", "Article 5"])
    #expect(phrases("Later the Security Council met") == ["Security Council"])
    #expect(phrases("Kyiv, Moscow and Washington") == [], "a list is not a name")
    #expect(phrases("Ukraine and Georgia") == [], "nor two names joined by and")
    #expect(phrases("NATO’s Eastern Flank") == ["Eastern Flank"], "a possessive ends a name")
    #expect(phrases("In Brussels, leaders met") == [])
    #expect(phrases("in 2008 Bucharest Summit") == ["Bucharest Summit"])
  }

  @Test func offsetsPointAtTheFirstWord() {
    let text = "Café owners and the European Union agree."
    let found = CapitalisedPhrases.find(in: text)
    #expect(found.map(\.0) == ["European Union"])
    let offset = try? #require(found.first?.1)
    #expect(offset == Array(text.utf8).count - Array("European Union agree.".utf8).count)
  }
}
