import Foundation
import Testing

/// `sitegen check` and `sitegen new`, run as editors and CI run them.
@Suite struct CheckCommandTests {
  static let headed =
    "---\ntitle: Hello\nsummary: A greeting.\ndate: 2025-01-01\n---\n## What each side means\n\nText.\n"

  @Test func missingAnchorIsAWarningAndStrictMakesItAnError() throws {
    let site = TemporarySite(
      files: TemporarySite.minimal.merging([
        "Content/articles/hello.md": Self.headed,
        "Content/articles/links.md":
          "---\ntitle: Links\nsummary: S\ndate: 2025-01-02\n---\nSee [the part](hello.md#what-each-side-means)\nand [a typo](hello.md#what-each-side-mean).\n",
      ]) { _, new in new })
    let r = try CLI.run(["check"], in: site.path)
    #expect(r.status == 0, "a missing anchor is a warning: \(r.stderr)")
    #expect(
      r.stderr.contains(
        "Content/articles/links.md:7:14: warning: no heading with id 'what-each-side-mean' on the page this links to; did you mean '#what-each-side-means'? [link.missing-anchor]"
      ), "\(r.stderr)")
    #expect(!r.stderr.contains("'what-each-side-means' on the page"), "a good anchor is fine")
    #expect(r.stdout.contains("Checked Content: 0 errors, 1 warning"))
    #expect(!FileManager.default.fileExists(atPath: site.path + "/Public"), "check writes nothing")

    let strict = try CLI.run(["check", "--strict"], in: site.path)
    #expect(strict.status == 1)
    #expect(
      strict.stderr.contains("links.md:7:14: error: no heading with id 'what-each-side-mean'"))
    let github = try CLI.run(["check"], in: site.path, environment: ["GITHUB_ACTIONS": "true"])
    #expect(
      github.stderr.contains(
        "::warning file=Content/articles/links.md,line=7,col=14,title=link.missing-anchor::"))
  }

  @Test func checkReportsWhatBuildReportsWithTheSameExitCodes() throws {
    let site = TemporarySite()
    site.write(
      "Content/articles/bad.md",
      "---\ntitle: Bad\nsummary: S\ndate: 2025-01-01\n---\nSee [gone](gone.md).\n")
    let check = try CLI.run(["check"], in: site.path)
    let build = try CLI.run(["build"], in: site.path)
    #expect(check.status == 1 && build.status == 1)
    #expect(check.stderr == build.stderr)
    #expect(try CLI.run(["check", "--content", "Nope"], in: site.path).status == 2)
  }
}

@Suite struct NewCommandTests {
  @Test func newArticleScaffoldsAValidDraftThatCheckFlagsUntilFilled() throws {
    let site = TemporarySite()
    let r = try CLI.run(["new", "article", "Red lines & NATO: a \"history\""], in: site.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "Content/articles/red-lines-nato-a-history.md\n")
    let text = try #require(site.read("Content/articles/red-lines-nato-a-history.md"))
    #expect(text.hasPrefix("---\ntitle: \"Red lines & NATO: a \\\"history\\\"\"\n"))
    #expect(text.contains("\ndate: 2025-11-29\n"), "today, from SOURCE_DATE_EPOCH")
    #expect(text.contains("\ndraft: true"))

    // Valid front matter: it builds with --drafts (warnings allowed).
    let build = try CLI.run(["build", "--drafts"], in: site.path)
    #expect(build.status == 0, "\(build.stderr)")
    #expect(
      site.read("Public/articles/red-lines-nato-a-history/index.html")?.contains(
        "Red lines &amp; NATO") == true)

    // check flags every placeholder, drafts included, until they are filled.
    let check = try CLI.run(["check"], in: site.path)
    #expect(check.status == 0)
    let placeholders = check.stderr.split(separator: "\n").filter {
      $0.hasSuffix("[content.placeholder]")
    }
    #expect(placeholders.count == 3, "\(check.stderr)")
    #expect(
      check.stderr.contains(
        "Content/articles/red-lines-nato-a-history.md:3:10: warning: 'summary' is still a placeholder; replace the TODO [content.placeholder]"
      ))
    #expect(
      check.stderr.contains(
        "Content/articles/red-lines-nato-a-history.md:8:1: warning: the text still has a placeholder here"
      ))
    #expect(try CLI.run(["check", "--strict"], in: site.path).status == 1)

    site.write(
      "Content/articles/red-lines-nato-a-history.md",
      "---\ntitle: Red lines\nsummary: Filled in.\ndate: 2025-11-29\nauthors: [Desk]\ndraft: true\n---\nWritten.\n"
    )
    let filled = try CLI.run(["check", "--strict"], in: site.path)
    #expect(filled.status == 0, "\(filled.stderr)")
  }

  @Test func newTermScaffoldsAGlossaryEntry() throws {
    let site = TemporarySite()
    let r = try CLI.run(["new", "term", "Security guarantees"], in: site.path)
    #expect(r.status == 0)
    #expect(r.stdout == "Content/glossary/security-guarantees.md\n")
    let text = try #require(site.read("Content/glossary/security-guarantees.md"))
    #expect(text.hasPrefix("---\nterm: \"Security guarantees\"\nsummary: \"TODO: "))
    let check = try CLI.run(["check"], in: site.path)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(
      check.stderr.contains(
        "Content/glossary/security-guarantees.md:3:10: warning: 'summary' is still a placeholder"))
    #expect(
      check.stderr.contains(
        "Content/glossary/security-guarantees.md:6:1: warning: the text still has a placeholder"))
  }

  @Test func newRefusesToOverwriteAndNeedsAUsableTitle() throws {
    let site = TemporarySite()
    let before = try #require(site.read("Content/articles/hello.md"))
    let again = try CLI.run(["new", "article", "Hello"], in: site.path)
    #expect(again.status == 2)
    #expect(
      again.stderr.contains(
        "Content/articles/hello.md already exists; edit it, or choose another title"))
    #expect(site.read("Content/articles/hello.md") == before)
    let symbols = try CLI.run(["new", "term", "?!"], in: site.path)
    #expect(symbols.status == 2)
    #expect(symbols.stderr.contains("the name needs at least one letter or digit"))
    #expect(try CLI.run(["new", "page", "X"], in: site.path).status == 2)
    let noContent = try CLI.run(["new", "article", "X", "--content", "Nope"], in: site.path)
    #expect(noContent.status == 2)
    #expect(noContent.stderr.contains("no content folder at 'Nope'"))
    #expect(!FileManager.default.fileExists(atPath: site.path + "/Nope"))
  }

  @Test func theDateComesFromTheClockWithoutSourceDateEpoch() throws {
    let site = TemporarySite()
    let r = try CLI.run(
      ["new", "article", "Today"], in: site.path, environment: ["SOURCE_DATE_EPOCH": ""])
    #expect(r.status == 0)
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = TimeZone(identifier: "UTC")
    let today = formatter.string(from: Date())
    let text = try #require(site.read("Content/articles/today.md"))
    // Around midnight UTC the clock may turn between the two readings.
    let yesterday = formatter.string(from: Date().addingTimeInterval(-120))
    #expect(text.contains("date: \(today)") || text.contains("date: \(yesterday)"), "\(text)")
  }
}
