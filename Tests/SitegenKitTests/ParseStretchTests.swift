import Testing

@testable import SitegenKit
@testable import SitegenTemplates

/// The parse stage takes the articles a stretch at a time and lets each file's bytes go once it
/// is parsed: across stretches every article is parsed once, from its own file, in order, and a
/// broken file is reported at its own path and line.
@Suite struct ParseStretchTests {
  @Test func everyStretchOfArticlesIsParsedFromItsOwnFile() {
    let count = 2 * SitePipeline.parseStretch + 37
    let broken: Set<Int> = [3, SitePipeline.parseStretch, count - 1]
    let articles = (0..<count).map { i in
      let name = String(i + 100_000)
      let text =
        broken.contains(i)
        ? "---\ntitle: Broken \(i)\nsummary: S.\ndate: not a date\n---\nBody \(i).\n"
        : "---\ntitle: Article \(i)\nsummary: S.\ndate: 2025-01-01\n---\nBody of article \(i).\n"
      return SourceFile(
        relativePath: "articles/a\(name).md", displayPath: "Content/articles/a\(name).md",
        bytes: Array(text.utf8))
    }
    let content = LoadedContent(
      siteConfig: SourceFile(
        relativePath: "site.yml", displayPath: "Content/site.yml",
        bytes: Array("title: T\nbase_url: https://t.example/\n".utf8)),
      articles: articles, terms: [], diagnostics: [])
    let site = SitePipeline.generate(
      content, options: BuildOptions(now: 1_764_374_400), theme: SiteTheme())

    let errors = site.diagnostics.filter { $0.severity == .error }
    #expect(
      errors.map(\.location?.path).sorted { ($0 ?? "") < ($1 ?? "") }
        == broken.sorted().map { "Content/articles/a\($0 + 100_000).md" })
    #expect(errors.allSatisfy { $0.location?.line == 4 }, "the date's line in each broken file")
    let pages = Dictionary(
      site.pages.filter { $0.path.hasPrefix("articles/") }.map { ($0.path, $0) },
      uniquingKeysWith: { a, _ in a })
    #expect(pages.count == count - broken.count)
    for i in [0, SitePipeline.parseStretch - 1, SitePipeline.parseStretch + 1, count - 2] {
      let page = pages["articles/a\(i + 100_000)/index.html"]
      let text = page.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
      #expect(text.contains("Body of article \(i).</p>"), "article \(i) has its own body")
    }
  }
}
