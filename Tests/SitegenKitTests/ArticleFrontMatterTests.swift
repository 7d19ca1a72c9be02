import Testing

@testable import SitegenKit

/// Every front-matter rule of the foundation issue, each asserting message, id and file line.
@Suite struct ArticleFrontMatterTests {
  /// Parses `marked` as an article and returns the one diagnostic with `id`, checking its place.
  func expectDiagnostic(
    _ marked: Marked, id: String, severity: Diagnostic.Severity = .error,
    containing fragment: String,
    checkColumn: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let (_, diagnostics) = Article.parse(marked.file())
    let matching = diagnostics.filter { $0.id == id }
    #expect(
      matching.count == 1, "expected one \(id) in \(diagnostics)", sourceLocation: sourceLocation)
    guard let d = matching.first else { return }
    #expect(d.severity == severity, sourceLocation: sourceLocation)
    #expect(d.message.contains(fragment), "message: \(d.message)", sourceLocation: sourceLocation)
    #expect(d.location?.path == "Content/articles/sample.md", sourceLocation: sourceLocation)
    #expect(d.location?.line == marked.line, "line of \(d)", sourceLocation: sourceLocation)
    if checkColumn {
      #expect(d.location?.column == marked.column, "column of \(d)", sourceLocation: sourceLocation)
    }
  }

  @Test func validArticleParsesEveryKey() throws {
    let text = """
      ---
      title: "Red lines, explained"
      summary: What a red line is.
      date: 2025-08-25
      updated: 2025-08-26T10:00:00+02:00
      slug: red-lines
      tags: [nato, russia]
      authors: ["Desk"]
      draft: false
      glossary_links: section
      ---
      Body text.
      """
    let (article, diagnostics) = Article.parse(source(text))
    #expect(diagnostics.isEmpty)
    let a = try #require(article)
    #expect(a.title == "Red lines, explained")
    #expect(a.slug == "red-lines")
    #expect(a.tags == ["nato", "russia"])
    #expect(a.authors == ["Desk"])
    #expect(a.date.isoDate == "2025-08-25")
    #expect(a.updated?.epochSeconds == ContentDate.parse("2025-08-26T08:00:00Z")?.epochSeconds)
    #expect(a.glossaryLinks == .section)
    #expect(a.body == "Body text.")
    #expect(a.bodyFirstLine == 12)
  }

  @Test func slugDefaultsToFileStem() throws {
    let (article, _) = Article.parse(
      source("---\ntitle: T\nsummary: S\ndate: 2025-01-01\n---\n", "articles/my-story.md"))
    #expect(try #require(article).slug == "my-story")
  }

  @Test func wrongTypeForTitle() {
    expectDiagnostic(
      Marked("---\ntitle: ‸[a, b]\nsummary: S\ndate: 2025-01-01\n---\n"),
      id: "front-matter.type", containing: "'title' must be text", checkColumn: true)
  }

  @Test func listExpectedForTags() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\ntags: ‸nato\n---\n"),
      id: "front-matter.type", containing: "'tags' must be a list; write tags: [nato]",
      checkColumn: true)
  }

  @Test func impossibleDate() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: ‸2024-02-30\n---\n"),
      id: "front-matter.date", containing: "'2024-02-30' is not a real date", checkColumn: true)
  }

  @Test func malformedRFC3339() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\nupdated: ‸2025-01-01T25:00:00Z\n---\n"),
      id: "front-matter.date", containing: "not a real date")
  }

  @Test func emptyTitle() {
    expectDiagnostic(
      Marked("---\ntitle: ‸\"\"\nsummary: S\ndate: 2025-01-01\n---\n"),
      id: "front-matter.empty", containing: "'title' is empty")
  }

  @Test func missingRequiredKeyPointsAtOpeningLine() {
    expectDiagnostic(
      Marked("‸---\ntitle: T\ndate: 2025-01-01\n---\n"),
      id: "front-matter.missing-key", containing: "missing required key 'summary'")
  }

  @Test func duplicateKeyPointsAtSecondOccurrence() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\n‸title: U\ndate: 2025-01-01\n---\n"),
      id: "front-matter.duplicate-key", containing: "key 'title' is given twice (first at line 2)")
  }

  @Test func unknownKeyWarnsWithSuggestion() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\n‸titel: X\n---\n"),
      id: "front-matter.unknown-key", severity: .warning, containing: "did you mean 'title'?",
      checkColumn: true)
  }

  @Test func unknownKeyFarFromAnyListsKnownKeys() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\n‸colour: red\n---\n"),
      id: "front-matter.unknown-key", severity: .warning, containing: "known keys are title")
  }

  @Test func slugOutsideAllowedCharacters() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\nslug: ‸Red_Lines\n---\n"),
      id: "article.slug", containing: "slug 'Red_Lines' may use only a-z, 0-9 and '-'")
  }

  @Test func slugWithPathCharactersIsRefused() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\nslug: ‸../../etc\n---\n"),
      id: "article.slug", containing: "may use only a-z")
  }

  @Test func yamlAnchorsAreRefused() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: ‸&s S\ndate: 2025-01-01\ntags: [*s]\n---\n"),
      id: "yaml.anchor", containing: "anchors and aliases")
  }

  @Test func aliasBombIsRefusedQuickly() {
    var yaml = "---\ntitle: T\nsummary: S\ndate: 2025-01-01\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for i in 1..<12 {
      yaml +=
        "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
    }
    yaml += "---\n"
    let (_, diagnostics) = Article.parse(source(yaml))
    #expect(diagnostics.contains { $0.id == "yaml.anchor" && $0.location?.line == 5 })
  }

  @Test func yaml11BooleansAreNotBooleans() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: S\ndate: 2025-01-01\ndraft: ‸no\n---\n"),
      id: "front-matter.type", containing: "'draft' must be true or false, not 'no'")
  }

  @Test func yaml11BooleanAsTitleMustBeQuoted() {
    expectDiagnostic(
      Marked("---\ntitle: ‸yes\nsummary: S\ndate: 2025-01-01\n---\n"),
      id: "front-matter.type", containing: "put it in quotes")
  }

  @Test func customTagsAreRefused() {
    expectDiagnostic(
      Marked("---\ntitle: T\nsummary: ‸!shout S\ndate: 2025-01-01\n---\n"),
      id: "yaml.custom-tag", containing: "custom YAML tag '!shout'")
  }

  @Test func yamlSyntaxErrorHasFileLine() {
    let marked = Marked("---\ntitle: T\nsummary: \"S\ndate: 2025-01-01\n‸---\n")
    let (_, diagnostics) = Article.parse(marked.file())
    let d = diagnostics.first { $0.id == "yaml.syntax" }
    #expect(d != nil, "\(diagnostics)")
    #expect((d?.location?.line ?? 0) >= 3, "a YAML error is reported inside the block")
    #expect(d?.message.contains("YAML syntax error") == true)
  }

  @Test func missingFrontMatter() {
    expectDiagnostic(
      Marked("‸# Just markdown\n"), id: "front-matter.missing",
      containing: "must start with front matter")
  }

  @Test func unterminatedFrontMatter() {
    expectDiagnostic(
      Marked("‸---\ntitle: T\nsummary: S\n\nBody without a closing line.\n"),
      id: "front-matter.unterminated", containing: "never closed")
  }

  @Test func emptyFileNeedsFrontMatter() {
    expectDiagnostic(Marked("‸"), id: "front-matter.missing", containing: "front matter")
  }

  @Test func invalidUTF8NamesTheLine() {
    let bytes =
      Array("---\ntitle: T\nsummary: S\ndate: 2025-01-01\n---\nfine\nbad ".utf8) + [0xFF, 0x41]
      + Array("\n".utf8)
    let (_, diagnostics) = Article.parse(
      SourceFile(relativePath: "articles/x.md", displayPath: "x.md", bytes: bytes))
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.id == "encoding.invalid-utf8")
    #expect(diagnostics.first?.location?.line == 7)
    #expect(diagnostics.first?.location?.column == 5)
  }

  @Test func utf16IsRefused() {
    let bytes: [UInt8] = [0xFF, 0xFE, 0x2D, 0x00]
    let (_, diagnostics) = Article.parse(
      SourceFile(relativePath: "articles/x.md", displayPath: "x.md", bytes: bytes))
    #expect(diagnostics.first?.id == "encoding.utf16")
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("---\ntitle: T\nsummary: S\ndate: 2025-01-01\n---\nBody\n".utf8)
    let (article, diagnostics) = Article.parse(
      SourceFile(relativePath: "articles/x.md", displayPath: "x.md", bytes: bytes))
    #expect(diagnostics.isEmpty)
    #expect(try #require(article).title == "T")
  }

  @Test func crlfParsesLikeLF() throws {
    let lf = "---\ntitle: T\nsummary: S\ndate: 2025-01-01\n---\nLine one\nline two\n"
    let crlf = lf.replacing("\n", with: "\r\n")
    let (a, _) = Article.parse(source(lf))
    let (b, _) = Article.parse(source(crlf))
    #expect(try #require(a).body == (try #require(b)).body)
    #expect(a?.bodyFirstLine == b?.bodyFirstLine)
  }

  @Test func allProblemsOfOneFileAreReported() {
    let (_, diagnostics) = Article.parse(
      source("---\ntitle: \"\"\ndate: 2024-13-01\ndraft: maybe\nslug: Bad Slug\n---\n"))
    let ids = Set(diagnostics.map(\.id))
    #expect(
      ids.isSuperset(of: [
        "front-matter.empty", "front-matter.missing-key", "front-matter.date", "front-matter.type",
        "article.slug",
      ]))
  }

  /// Blocks without `&`, `*` or `!` skip the walks for anchors and tags: the marks must see
  /// every such byte, wherever it is, and nothing else.
  @Test func yamlMarksSeeAnchorAliasAndTagIndicators() {
    let plain = FrontMatter.YAMLMarks("title: Talks\ntags: [a, b]\ndate: 2026-01-02\n")
    #expect(!plain.anchorsOrAliases && !plain.tags)
    #expect(FrontMatter.YAMLMarks("a: &x 1\n").anchorsOrAliases)
    #expect(FrontMatter.YAMLMarks("a: 1\nb: *x").anchorsOrAliases)
    #expect(!FrontMatter.YAMLMarks("a: *x").tags)
    #expect(FrontMatter.YAMLMarks("a: !!python/object x").tags)
    #expect(FrontMatter.YAMLMarks("title: \"Wow!\"").tags)  // a false alarm costs a walk only
  }
}
