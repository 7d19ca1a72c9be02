import Testing

@testable import SitegenKit

/// The parse and index stages for glossary entries: one namespace of spellings, related slugs
/// that exist, case rules, and every problem at the line an editor must change.
@Suite struct GlossaryIndexTests {
  typealias Fixture = GlossaryFixture

  static func entry(_ frontMatter: String, body: String = "A definition.") -> String {
    "---\n\(frontMatter)\n---\n\(body)\n"
  }

  static func matches(_ glossary: Glossary, in text: String) -> [String] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { glossary.matcher.matches(in: $0) }.map {
      glossary.terms[$0.term].slug + ":" + String(decoding: bytes[$0.range], as: UTF8.self)
    }
  }

  // MARK: one namespace of spellings

  @Test func sameAliasInTwoEntriesIsAnErrorWithBothPlaces() {
    let redLines = Self.entry(
      """
      term: red lines
      summary: Limits a state declares it will defend.
      aliases:
        - red line
      """)
    let thresholds = Self.entry(
      """
      term: thresholds
      summary: Points past which a state acts.
      aliases:
        - limits
        - Red Line
      """)
    let (glossary, _, diagnostics) = Fixture.glossary([
      ("glossary/thresholds.md", thresholds), ("glossary/red-lines.md", redLines),
    ])
    // The entries are taken in slug order: red-lines claims the spelling first.
    let first = Fixture.location(
      of: "red line", onLineWith: "- red line", in: redLines, path: "glossary/red-lines.md")
    let second = Fixture.location(
      of: "Red Line", in: thresholds, path: "glossary/thresholds.md")
    #expect(diagnostics.map(\.id) == ["glossary.duplicate-name", "glossary.duplicate-name"])
    #expect(diagnostics.map(\.severity) == [.error, .note])
    #expect(diagnostics.map(\.location) == [second, first])
    #expect(
      diagnostics.first?.message.contains(
        "already an alias of 'red-lines' (Content/glossary/red-lines.md:\(first.line))") == true)
    #expect(
      diagnostics.last?.message.contains(
        "claimed by 'thresholds' (Content/glossary/thresholds.md:\(second.line))") == true)
    // Both entries stay in the glossary; the spelling links to the first.
    #expect(glossary.terms.map(\.slug) == ["red-lines", "thresholds"])
    #expect(Self.matches(glossary, in: "A red line.") == ["red-lines:red line"])
  }

  @Test func sameTermNameInTwoEntriesIgnoringCase() {
    let penalties = Self.entry("term: Sanctions\nsummary: Penalties.")
    let sanctions = Self.entry("term: sanctions\nsummary: Economic penalties.")
    let (_, _, diagnostics) = Fixture.glossary([
      ("glossary/sanctions.md", sanctions), ("glossary/penalties.md", penalties),
    ])
    #expect(diagnostics.map(\.severity) == [.error, .note])
    #expect(diagnostics.allSatisfy { $0.id == "glossary.duplicate-name" })
    #expect(
      diagnostics.map(\.location) == [
        Fixture.location(
          of: "sanctions", onLineWith: "term:", in: sanctions, path: "glossary/sanctions.md"),
        Fixture.location(
          of: "Sanctions", onLineWith: "term:", in: penalties, path: "glossary/penalties.md"),
      ])
    #expect(diagnostics.first?.message.contains("already the name of 'penalties'") == true)
  }

  @Test func spellingsTheMatcherCannotTellApartAreDuplicates() {
    let a = Self.entry("term: Ukraine’s guarantees\nsummary: One.")
    let b = Self.entry("term: x\nsummary: Two.\naliases: [\"ukraine's   guarantees\"]")
    let (_, _, diagnostics) = Fixture.glossary([("glossary/a.md", a), ("glossary/b.md", b)])
    #expect(diagnostics.map(\.id) == ["glossary.duplicate-name", "glossary.duplicate-name"])
    #expect(diagnostics.map(\.severity) == [.error, .note])
    #expect(
      diagnostics.first?.location?.line == Fixture.line(of: "aliases", in: b))
  }

  @Test func aliasEqualToAnotherTermsNameIsAnError() {
    let guarantees = Self.entry("term: security guarantees\nsummary: Binding promises.")
    let pledges = Self.entry(
      """
      term: pledges
      summary: Promises.
      aliases:
        - Security Guarantees
      """)
    let (_, _, diagnostics) = Fixture.glossary([
      ("glossary/guarantees.md", guarantees), ("glossary/pledges.md", pledges),
    ])
    #expect(diagnostics.map(\.severity) == [.error, .note])
    #expect(
      diagnostics.first
        == .error(
          "glossary.duplicate-name",
          "'Security Guarantees' is already the name of 'guarantees' (Content/glossary/guarantees.md:\(Fixture.line(of: "term:", in: guarantees))); a spelling can link to one term only",
          at: Fixture.location(of: "Security Guarantees", in: pledges, path: "glossary/pledges.md"))
    )
    #expect(
      diagnostics.last?.location
        == Fixture.location(
          of: "security guarantees", onLineWith: "term:", in: guarantees,
          path: "glossary/guarantees.md"))
  }

  @Test func aliasEqualToALaterTermsNameIsAnErrorToo() {
    // Here the entry with the alias comes first in slug order: the name is the duplicate.
    let pledges = Self.entry("term: pledges\nsummary: Promises.\naliases: [Security Guarantees]")
    let guarantees = Self.entry("term: security guarantees\nsummary: Binding promises.")
    let (_, _, diagnostics) = Fixture.glossary([
      ("glossary/a-pledges.md", pledges), ("glossary/guarantees.md", guarantees),
    ])
    #expect(diagnostics.map(\.severity) == [.error, .note])
    #expect(
      diagnostics.first?.location
        == Fixture.location(
          of: "security guarantees", onLineWith: "term:", in: guarantees,
          path: "glossary/guarantees.md"))
    #expect(diagnostics.first?.message.contains("already an alias of 'a-pledges'") == true)
  }

  @Test func repeatedAliasWithinOneEntryIsAWarning() {
    let text = Self.entry(
      """
      term: red lines
      summary: Limits.
      aliases:
        - red line
        - Red Line
        - RED LINES
      """)
    let (glossary, _, diagnostics) = Fixture.glossary([("glossary/red-lines.md", text)])
    #expect(
      diagnostics.map(\.location) == [
        Fixture.location(of: "Red Line", in: text, path: "glossary/red-lines.md"),
        Fixture.location(of: "RED LINES", in: text, path: "glossary/red-lines.md"),
      ])
    #expect(
      diagnostics.allSatisfy { $0.severity == .warning && $0.id == "glossary.repeated-alias" })
    #expect(glossary.terms.map(\.slug) == ["red-lines"])
  }

  @Test func twoFilesWithOneSlugKeepTheFirst() {
    let text = Self.entry("term: red lines\nsummary: Limits.")
    let other = Self.entry("term: lines in red\nsummary: Other limits.")
    let (glossary, _, diagnostics) = Fixture.glossary([
      ("glossary/red-lines.md", text), ("glossary/old/red-lines.md", other),
    ])
    #expect(
      diagnostics == [
        .error(
          "glossary.duplicate-slug",
          "two glossary entries have the slug 'red-lines' (also Content/glossary/old/red-lines.md)",
          at: SitegenKit.SourceLocation(path: "Content/glossary/red-lines.md", line: 1))
      ])
    #expect(glossary.terms.map(\.name) == ["lines in red"])
  }

  // MARK: related

  @Test func unknownRelatedSlugIsAnErrorWithASuggestion() {
    let redLines = Self.entry(
      """
      term: red lines
      summary: Limits.
      related: [nato, securty-guarantees]
      """)
    let unheard = Self.entry(
      """
      term: NATO
      summary: The alliance.
      related:
        - red-lines
        - zzz-unheard-of
      """)
    let guarantees = Self.entry("term: security guarantees\nsummary: Promises.")
    let (glossary, _, diagnostics) = Fixture.glossary([
      ("glossary/red-lines.md", redLines), ("glossary/nato.md", unheard),
      ("glossary/security-guarantees.md", guarantees),
    ])
    #expect(
      diagnostics.sorted(by: { ($0.location?.path ?? "") < ($1.location?.path ?? "") }) == [
        .error(
          "glossary.unknown-related", "no glossary entry 'zzz-unheard-of' to relate to",
          at: Fixture.location(of: "zzz-unheard-of", in: unheard, path: "glossary/nato.md")),
        .error(
          "glossary.unknown-related",
          "no glossary entry 'securty-guarantees' to relate to; did you mean 'security-guarantees'?",
          at: Fixture.location(
            of: "securty-guarantees", in: redLines, path: "glossary/red-lines.md")),
      ])
    #expect(glossary.term("nato")?.related.map(\.slug) == ["red-lines", "zzz-unheard-of"])
  }

  @Test func knownRelatedSlugsAreClean() {
    let (_, _, diagnostics) = Fixture.glossary(Fixture.standardFiles)
    #expect(diagnostics == [])
  }

  // MARK: case

  @Test func allCapsTermIsCaseSensitiveByDefault() throws {
    let (glossary, _, diagnostics) = Fixture.glossary([
      ("glossary/nato.md", Self.entry("term: NATO\nsummary: The alliance.")),
      ("glossary/g7.md", Self.entry("term: G7\nsummary: Seven economies.")),
      ("glossary/kyiv.md", Self.entry("term: Kyiv\nsummary: The capital.")),
    ])
    #expect(diagnostics == [])
    #expect(try #require(glossary.term("nato")).caseSensitive)
    #expect(try #require(glossary.term("g7")).caseSensitive)
    #expect(try #require(glossary.term("kyiv")).caseSensitive == false)
    #expect(Self.matches(glossary, in: "nato, Nato, g7 and NATO, G7.") == ["nato:NATO", "g7:G7"])
    #expect(Self.matches(glossary, in: "KYIV and kyiv") == ["kyiv:KYIV", "kyiv:kyiv"])
  }

  @Test func caseSensitiveKeyOverridesTheDefault() throws {
    let (glossary, _, diagnostics) = Fixture.glossary([
      ("glossary/nato.md", Self.entry("term: NATO\nsummary: The alliance.\ncase_sensitive: false")),
      ("glossary/pax.md", Self.entry("term: pax\nsummary: Peace.\ncase_sensitive: true")),
    ])
    #expect(diagnostics == [])
    #expect(try #require(glossary.term("nato")).caseSensitive == false)
    #expect(try #require(glossary.term("pax")).caseSensitive)
    #expect(Self.matches(glossary, in: "nato and Pax") == ["nato:nato"])
    #expect(Self.matches(glossary, in: "Nato and pax") == ["nato:Nato", "pax:pax"])
  }

  // MARK: autolink

  @Test func autolinkOffTermIsNotMatchedButIsALinkTarget() throws {
    let (glossary, terms, diagnostics) = Fixture.glossary(Fixture.standardFiles)
    #expect(diagnostics == [])
    let memo = try #require(glossary.term("budapest-memorandum"))
    #expect(memo.autolink == false)
    #expect(Self.matches(glossary, in: "The Budapest Memorandum and NATO.") == ["nato:NATO"])
    let resolver = LinkResolver(articles: [], unpublished: [], terms: terms)
    let article = Fixture.file("articles/a.md", "")
    #expect(
      resolver.resolve("../glossary/budapest-memorandum.md", from: article)
        == .term(slug: "budapest-memorandum", fragment: nil))
  }

  @Test func autolinkOffTermStillOwnsItsSpellings() {
    let (_, _, diagnostics) = Fixture.glossary([
      ("glossary/a.md", Self.entry("term: the memorandum\nsummary: One.\nautolink: false")),
      ("glossary/b.md", Self.entry("term: x\nsummary: Two.\naliases: [The Memorandum]")),
    ])
    #expect(diagnostics.map(\.severity) == [.error, .note])
  }

  // MARK: deprecated spellings

  @Test func deprecatedAliasMustBeAnAlias() {
    let text = Self.entry(
      """
      term: red lines
      summary: Limits.
      aliases: [red line]
      deprecated:
        - redline
      """)
    let (terms, diagnostics) = Fixture.parseTerms([("glossary/red-lines.md", text)])
    #expect(terms.isEmpty)
    #expect(
      diagnostics == [
        .error(
          "glossary.deprecated-not-alias",
          "deprecated spelling 'redline' must also be listed under aliases",
          at: Fixture.location(of: "redline", in: text, path: "glossary/red-lines.md"))
      ])
  }

  @Test func deprecatedAliasIsMarkedIgnoringCase() throws {
    let text = Self.entry(
      "term: red lines\nsummary: Limits.\naliases: [red line, Redline]\ndeprecated: [redline]")
    let (terms, diagnostics) = Fixture.parseTerms([("glossary/red-lines.md", text)])
    #expect(diagnostics == [])
    let term = try #require(terms.first)
    #expect(term.names.map(\.text) == ["red lines", "red line", "Redline"])
    #expect(term.names.map(\.isDeprecated) == [false, false, true])
    #expect(term.aliases == ["red line", "Redline"])
  }

  // MARK: parse errors that keep an entry out

  @Test func missingSummaryIsAnError() {
    let (terms, diagnostics) = Fixture.parseTerms([
      ("glossary/red-lines.md", Self.entry("term: red lines"))
    ])
    #expect(terms.isEmpty)
    #expect(diagnostics.map(\.id) == ["front-matter.missing-key"])
    #expect(diagnostics.first?.message.contains("'summary'") == true)
  }

  @Test func badFileNameIsAnErrorWithASuggestion() {
    let (terms, diagnostics) = Fixture.parseTerms([
      ("glossary/Red_Lines.md", Self.entry("term: red lines\nsummary: Limits."))
    ])
    #expect(terms.isEmpty)
    #expect(diagnostics.map(\.id) == ["glossary.slug"])
    #expect(diagnostics.first?.message.contains("'red-lines.md'") == true)
  }

  @Test func spellingWithoutLettersIsAnError() {
    let text = Self.entry("term: red lines\nsummary: Limits.\naliases: [\"—\"]")
    let (terms, diagnostics) = Fixture.parseTerms([("glossary/red-lines.md", text)])
    #expect(terms.isEmpty)
    #expect(diagnostics.map(\.id) == ["glossary.empty-name"])
    #expect(diagnostics.first?.location?.line == Fixture.line(of: "aliases", in: text))
  }
}
