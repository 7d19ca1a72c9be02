import Testing
@testable import SitegenKit

@Suite struct SiteConfigTests {
  @Test func parsesAndNormalisesBaseURL() throws {
    let (config, diagnostics) = SiteConfig.parse(source("title: Plain Terms\nbase_url: https://example.org/news\nraw_html: true\nglossary_links: all\n", "site.yml"))
    #expect(diagnostics.isEmpty)
    let c = try #require(config)
    #expect(c.baseURL == "https://example.org/news/")
    #expect(c.basePath == "/news/")
    #expect(c.rawHTML)
    #expect(c.glossaryLinks == .all)
    #expect(c.language == "en")
  }

  @Test func requiresTitleAndBaseURL() {
    let (config, diagnostics) = SiteConfig.parse(source("language: en\n", "site.yml"))
    #expect(config == nil)
    #expect(diagnostics.filter { $0.id == "front-matter.missing-key" }.count == 2)
  }

  @Test func relativeBaseURLIsAnError() {
    let marked = Marked("title: T\nbase_url: ‸example.org\n")
    let (_, diagnostics) = SiteConfig.parse(marked.file("site.yml"))
    let d = diagnostics.first { $0.id == "site.base-url" }
    #expect(d?.location?.line == marked.line)
    #expect(d?.location?.column == marked.column)
  }

  @Test func unknownGlossaryMode() {
    let (_, diagnostics) = SiteConfig.parse(source("title: T\nbase_url: https://x.org/\nglossary_links: some\n", "site.yml"))
    #expect(diagnostics.contains { $0.id == "front-matter.choice" && $0.message.contains("first, section, all, none") })
  }
}
