import Testing

@testable import SitegenKit

/// The feed and the sitemap are kept from the previous build while their inputs are the same
/// (`SiteFiles.make`); their fingerprints count their entries field by field. A field added to
/// an entry must be counted there too. (`IncrementalBuildTests` compares every file of an
/// incremental build with a cold build's.)
@Suite struct SiteFilesTests {
  @Test func feedAndSitemapEntriesHaveTheFieldsTheirFingerprintsKnow() {
    let feed = AtomFeed.Entry(
      article: SiteGraph.noSummary, authors: [], html: "", endnotes: [])
    #expect(
      Mirror(reflecting: feed).children.compactMap(\.label) == [
        "article", "authors", "html", "endnotes",
      ])
    let sitemap = Sitemap.Entry(path: "/", lastModified: nil)
    #expect(Mirror(reflecting: sitemap).children.compactMap(\.label) == ["path", "lastModified"])
  }
}
