import Foundation
import Testing

/// `sitegen glossary report` on a small site with one of each finding.
@Suite struct GlossaryReportCommandTests {
  static let site: [String: String] = [
    "Content/site.yml": "title: Report\nbase_url: https://report.example/\n",
    "Content/glossary/red-lines.md":
      "---\nterm: red lines\nsummary: Limits.\naliases: [red line, red-line]\ndeprecated: [red-line]\n---\nLimits a side says it will defend.\n",
    "Content/glossary/nato.md":
      "---\nterm: NATO\nsummary: The alliance.\n---\nThe North Atlantic alliance.\n",
    "Content/glossary/sanctions.md":
      "---\nterm: sanctions\nsummary: Penalties.\n---\nEconomic penalties.\n",
    "Content/articles/one.md": """
    ---
    title: One
    summary: S
    date: 2025-01-01
    ---
    ## Red lines in history

    The red-line idea is old. The Security Council met on Monday.
    Read [what NATO said](https://example.org/nato).

    """,
    "Content/articles/two.md": """
    ---
    title: Two
    summary: S
    date: 2025-01-02
    ---
    Later the Security Council met again, and NATO answered.
    Do not link [sanctions]() here.

    """,
  ]

  @Test func textReportHasEachSection() throws {
    let site = TemporarySite(files: Self.site)
    let r = try CLI.run(["glossary", "report"], in: site.path)
    #expect(r.status == 0, "\(r.stderr)")
    let expected = """
      Glossary report: 3 terms, 2 articles

      Terms no article uses (1):
        Content/glossary/sanctions.md:2:7: sanctions [sanctions]

      Mentions not linked because they are in a heading or link text (2):
        Content/articles/one.md:6:4: 'Red lines' [red-lines] in a heading
        Content/articles/one.md:9:12: 'NATO' [nato] in link text; not linked anywhere else in this file

      Candidate terms: capitalised phrases used twice or more (1):
        Security Council: 2 times (Content/articles/one.md:8:31, Content/articles/two.md:6:11)

      Deprecated aliases still in use (1):
        'red-line' for 'red lines' [red-lines]: 1 time (Content/articles/one.md:8:5)

      """
    #expect(r.stdout == expected, "\(r.stdout)")
  }

  @Test func jsonReportForTools() throws {
    let site = TemporarySite(files: Self.site)
    let r = try CLI.run(["glossary", "report", "--format", "json"], in: site.path)
    #expect(r.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(object["terms"] as? Int == 3)
    let unused = try #require(object["unusedTerms"] as? [[String: Any]])
    #expect(unused.map { $0["slug"] as? String } == ["sanctions"])
    let unlinked = try #require(object["unlinkedMentions"] as? [[String: Any]])
    #expect(unlinked.map { $0["place"] as? String } == ["heading", "link"])
    #expect(unlinked.first?["linkedElsewhere"] as? Bool == true, "red-line is mentioned in text")
    #expect(unlinked.last?["line"] as? Int == 9)
    let candidates = try #require(object["candidateTerms"] as? [[String: Any]])
    #expect(candidates.first?["phrase"] as? String == "Security Council")
    #expect(candidates.first?["count"] as? Int == 2)
    let deprecated = try #require(object["deprecatedAliases"] as? [[String: Any]])
    #expect(deprecated.first?["alias"] as? String == "red-line")
    #expect((deprecated.first?["places"] as? [[String: Any]])?.first?["column"] as? Int == 5)
  }

  @Test func contentErrorsAreReportedWithExitOne() throws {
    let site = TemporarySite(files: Self.site)
    site.write("Content/articles/bad.md", "---\ntitle: Bad\n---\n")
    let r = try CLI.run(["glossary", "report"], in: site.path)
    #expect(r.status == 1)
    #expect(
      r.stdout.hasPrefix("Glossary report: 3 terms, 2 articles"), "the rest is still reported")
    #expect(r.stderr.contains("Content/articles/bad.md:1:1: error: missing required key 'summary'"))
    #expect(try CLI.run(["glossary", "report", "--content", "Nope"], in: site.path).status == 2)
    #expect(try CLI.run(["glossary", "report", "--format", "xml"], in: site.path).status == 2)
  }
}
