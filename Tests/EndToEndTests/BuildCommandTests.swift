import Foundation
import Testing

/// `sitegen build` run as CI runs it: exit codes, diagnostic formats, strictness, and a previous
/// site that a bad build leaves alone.
@Suite struct BuildCommandTests {
  @Test func goodSiteExitsZeroAndPrintsOneSummaryLine() throws {
    let site = TemporarySite()
    let r = try CLI.run(["build"], in: site.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("Built ") == true)
    #expect(site.read("Public/articles/hello/index.html")?.contains("<h1>Hello</h1>") == true)
    #expect(site.read("Public/index.html")?.contains("/articles/hello/") == true)
    #expect(site.read("Public/404.html") != nil)
    #expect(site.read("Public/assets/site.css") != nil)
  }

  @Test func contentErrorsExitOneReportEveryErrorAndKeepThePreviousSite() throws {
    let site = TemporarySite()
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    let before = site.snapshot()
    site.write("Content/articles/bad.md", "---\ntitle: Bad\ndate: 2024-02-30\n---\nSee [x](missing.md).\n")
    site.write("Content/articles/worse.md", "---\ntitle: [list]\nsummary: S\ndate: 2025-01-01\n---\n")
    let r = try CLI.run(["build"], in: site.path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("Content/articles/bad.md:1:1: error: missing required key 'summary'"))
    #expect(r.stderr.contains("Content/articles/bad.md:3:7: error: '2024-02-30' is not a real date"))
    #expect(r.stderr.contains("Content/articles/worse.md:2:8: error: 'title' must be text"))
    #expect(site.snapshot() == before, "a failed build leaves Public/ byte-identical")
    #expect(r.stdout.contains("Build failed"))
  }

  @Test func brokenLinkIsAnErrorAtItsLineAndColumn() throws {
    let site = TemporarySite()
    site.write("Content/articles/links.md", "---\ntitle: L\nsummary: S\ndate: 2025-01-01\n---\nFirst line.\nSee [hello](hello.md) and [gone](gone.md).\n")
    let r = try CLI.run(["build"], in: site.path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("Content/articles/links.md:7:34: error: no article or glossary entry at 'articles/gone.md'"), "\(r.stderr)")
  }

  @Test func githubAndJSONFormats() throws {
    let site = TemporarySite()
    site.write("Content/articles/bad.md", "---\ntitle: Bad\nsummary: S\ndate: 2025-01-01\nsumary: x\n---\n")
    let github = try CLI.run(["build", "--format", "github"], in: site.path)
    #expect(github.status == 0, "unknown keys are warnings")
    #expect(github.stderr.contains("::warning file=Content/articles/bad.md,line=5,col=1,title=front-matter.unknown-key::unknown key 'sumary'; did you mean 'summary'?"), "\(github.stderr)")
    let auto = try CLI.run(["check"], in: site.path, environment: ["GITHUB_ACTIONS": "true"])
    #expect(auto.stderr.hasPrefix("::warning file="))
    let json = try CLI.run(["build", "--format", "json"], in: site.path)
    let line = try #require(json.stderr.split(separator: "\n").first)
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    #expect(object?["file"] as? String == "Content/articles/bad.md")
    #expect(object?["line"] as? Int == 5)
    #expect(object?["severity"] as? String == "warning")
    #expect(object?["id"] as? String == "front-matter.unknown-key")
  }

  @Test func strictTurnsWarningsIntoErrors() throws {
    let site = TemporarySite()
    site.write("Content/articles/bad.md", "---\ntitle: Bad\nsummary: S\ndate: 2025-01-01\nsumary: x\n---\n")
    let r = try CLI.run(["build", "--strict"], in: site.path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.md:5:1: error: unknown key 'sumary'"))
    #expect(!FileManager.default.fileExists(atPath: site.path + "/Public"))
  }

  @Test func usageAndEnvironmentErrorsExitTwo() throws {
    let site = TemporarySite()
    #expect(try CLI.run(["build", "--no-such-flag"], in: site.path).status == 2)
    #expect(try CLI.run(["build", "--format", "xml"], in: site.path).status == 2)
    let noContent = try CLI.run(["build", "--content", "Nope"], in: site.path)
    #expect(noContent.status == 2)
    #expect(noContent.stderr.contains("no content folder at 'Nope'"))
    let refused = try CLI.run(["build", "--output", "Content"], in: site.path)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("refusing to write the site into the content folder"))
    site.write("Mine/notes.txt", "precious")
    let foreign = try CLI.run(["build", "--output", "Mine"], in: site.path)
    #expect(foreign.status == 2)
    #expect(site.read("Mine/notes.txt") == "precious")
  }

  @Test func draftsAndFutureArticlesNeedTheDraftsFlag() throws {
    let site = TemporarySite()
    site.write("Content/articles/draft.md", "---\ntitle: Draft\nsummary: S\ndate: 2025-01-01\ndraft: true\n---\n")
    site.write("Content/articles/future.md", "---\ntitle: Future\nsummary: S\ndate: 2030-01-01\n---\n")
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    #expect(site.read("Public/articles/draft/index.html") == nil)
    #expect(site.read("Public/articles/future/index.html") == nil)
    // SOURCE_DATE_EPOCH decides "now": in 2031 the future article is published.
    #expect(try CLI.run(["build"], in: site.path, environment: ["SOURCE_DATE_EPOCH": "1924992000"]).status == 0)
    #expect(site.read("Public/articles/future/index.html") != nil)
    #expect(try CLI.run(["build", "--drafts"], in: site.path).status == 0)
    #expect(site.read("Public/articles/draft/index.html") != nil)
  }

  @Test func outputIsByteIdenticalAcrossRunsThreadsAndTimeZones() throws {
    let site = TemporarySite(files: TemporarySite.minimal.merging([
      "Content/glossary/greeting.md": "---\nterm: greeting\nsummary: Hello.\naliases: [greetings]\n---\nA greeting.\n",
      "Content/articles/more.md": "---\ntitle: More\nsummary: S\ndate: 2025-02-01\n---\nA greeting and [hello](hello.md).\n",
    ]) { a, _ in a })
    #expect(try CLI.run(["build", "--output", "A"], in: site.path).status == 0)
    #expect(try CLI.run(["build", "--output", "B"], in: site.path, environment: ["SITEGEN_THREADS": "1", "TZ": "Asia/Tokyo", "LANG": "de_DE.UTF-8"]).status == 0)
    let a = site.snapshot("A"), b = site.snapshot("B")
    #expect(!a.isEmpty)
    #expect(a == b)
  }

  @Test func crlfContentBuildsExactlyLikeLF() throws {
    let lf = TemporarySite()
    let crlf = TemporarySite(files: TemporarySite.minimal.mapValues { $0.replacing("\n", with: "\r\n") })
    #expect(try CLI.run(["build"], in: lf.path).status == 0)
    #expect(try CLI.run(["build"], in: crlf.path).status == 0)
    #expect(lf.snapshot() == crlf.snapshot())
  }
}

/// `sitegen render`: one document through the articles' Markdown stage.
@Suite struct RenderCommandTests {
  let dir = TemporarySite(files: [:])

  @Test func rendersStandardInputWithSmartPunctuationAndAllExtensions() throws {
    let r = try CLI.run(["render"], in: dir.path, input: "\"Hi\" -- ~~x~~ www.example.org\n\n| a |\n|---|\n| b |\n")
    #expect(r.status == 0)
    #expect(r.stdout.contains("<p>“Hi” – <del>x</del> <a href=\"http://www.example.org\">www.example.org</a></p>"), "\(r.stdout)")
    #expect(r.stdout.contains("<table>"))
  }

  @Test func noSmartAndNoExtensions() throws {
    let r = try CLI.run(["render", "--no-smart", "--extensions", ""], in: dir.path, input: "\"Hi\" ~~x~~\n")
    #expect(r.stdout == "<p>&quot;Hi&quot; ~~x~~</p>\n")
  }

  @Test func safeByDefaultUnsafeOnRequest() throws {
    let input = "<b>x</b> [a](javascript:alert(1))\n"
    let safe = try CLI.run(["render"], in: dir.path, input: input)
    #expect(safe.stdout == "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --> <a href=\"\">a</a></p>\n")
    let unsafe = try CLI.run(["render", "--unsafe"], in: dir.path, input: input)
    #expect(unsafe.stdout == "<p><b>x</b> <a href=\"javascript:alert(1)\">a</a></p>\n")
  }

  @Test func frontMatterIsSkippedOnRequest() throws {
    dir.write("doc.md", "---\ntitle: T\n---\n# Body\n")
    let r = try CLI.run(["render", "--front-matter", "doc.md"], in: dir.path)
    #expect(r.stdout == "<h1>Body</h1>\n")
    let plain = try CLI.run(["render", "doc.md"], in: dir.path)
    #expect(plain.stdout.contains("<hr />"))
  }

  @Test func unknownExtensionIsAUsageError() throws {
    let r = try CLI.run(["render", "--extensions", "table,emoji"], in: dir.path, input: "x")
    #expect(r.status == 2)
    #expect(r.stderr.contains("unknown extension 'emoji'"))
  }
}

/// A build with nothing changed stops at once and repeats what the last one said.
@Suite struct UpToDateTests {
  @Test func secondBuildIsUpToDateAndReplaysWarnings() throws {
    let site = TemporarySite()
    site.write("Content/articles/warn.md", "---\ntitle: W\nsummary: S\ndate: 2025-01-01\nsumary: x\n---\n")
    let first = try CLI.run(["build"], in: site.path)
    #expect(first.status == 0)
    let second = try CLI.run(["build"], in: site.path)
    #expect(second.status == 0)
    #expect(second.stdout.hasPrefix("Up to date: "), "\(second.stdout)")
    #expect(second.stderr == first.stderr, "the same warnings, printed again")
  }

  @Test func anEditADeletedOutputFileOrADueArticleMeansARealBuild() throws {
    let site = TemporarySite()
    site.write("Content/articles/later.md", "---\ntitle: Later\nsummary: S\ndate: 2030-01-01\n---\n")
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    #expect(try CLI.run(["build"], in: site.path).stdout.hasPrefix("Up to date"))
    // An edited source.
    site.write("Content/articles/hello.md", "---\ntitle: Hello again\nsummary: A greeting.\ndate: 2025-01-01\n---\nHi.\n")
    #expect(try CLI.run(["build"], in: site.path).stdout.hasPrefix("Built "))
    #expect(site.read("Public/articles/hello/index.html")?.contains("Hello again") == true)
    // A file removed from the output by hand.
    try FileManager.default.removeItem(atPath: site.path + "/Public/404.html")
    #expect(try CLI.run(["build"], in: site.path).stdout.hasPrefix("Built "))
    #expect(site.read("Public/404.html") != nil)
    // Time passing: the future article is due in 2031.
    #expect(try CLI.run(["build"], in: site.path).stdout.hasPrefix("Up to date"))
    let due = try CLI.run(["build"], in: site.path, environment: ["SOURCE_DATE_EPOCH": "1924992000"])
    #expect(due.stdout.hasPrefix("Built "))
    #expect(site.read("Public/articles/later/index.html") != nil)
    // Other options are other builds.
    #expect(try CLI.run(["build", "--drafts"], in: site.path).stdout.hasPrefix("Built "))
  }
}
