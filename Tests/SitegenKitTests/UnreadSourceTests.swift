import Foundation
import SitegenTemplates
import SitegenTestSupport
import Testing

@testable import SitegenKit

/// Article files whose stamp is the one the last build read them with are not read again; their
/// bodies are read only if a page needs their HTML, and a file that changed meanwhile stops the
/// build.
@Suite struct UnreadSourceTests {
  let site = TemporaryFolder(files: IncrementalBuildTests.files)
  var content: String { site.path + "/Content" }
  let later = FileStamp.now() + 10_000_000_000

  @Test func theLoaderSkipsOnlyTheFilesItIsToldAreUnchanged() throws {
    let loaded = try ContentLoader.load(
      contentDirectory: content, unchanged: { path, _, _ in path == "articles/one.md" }, now: later)
    let one = try #require(loaded.articles.first { $0.relativePath == "articles/one.md" })
    #expect(one.isUnread)
    #expect(one.bytes.isEmpty)
    #expect(one.stamp != nil)
    for file in loaded.articles where file.relativePath != "articles/one.md" {
      #expect(!file.isUnread && !file.bytes.isEmpty)
      #expect(file.stamp != nil, "settled by the moved clock: the next build may trust it")
    }
    #expect(loaded.terms.allSatisfy { !$0.isUnread })
  }

  @Test func aFileWrittenJustNowIsNotStampedForTheNextBuild() throws {
    let loaded = try ContentLoader.load(contentDirectory: content)
    #expect(!loaded.articles.isEmpty)
    // Written within the last two seconds: a second write in the same clock tick would keep
    // the stamp, so it is read again next time.
    #expect(loaded.articles.allSatisfy { $0.stamp == nil && !$0.isUnread })
  }

  @Test func aSourceThatChangesDuringTheBuildIsAnErrorAtThatFile() throws {
    let options = BuildOptions(
      contentDirectory: content, outputDirectory: site.path + "/Public", now: 1_764_374_400)
    let first = try SiteBuilder.build(options, theme: SiteTheme(), fileClock: later)
    #expect(!first.hasErrors)
    // A new spelling: every article must be linked again, so every body is needed.
    site.write(
      "Content/glossary/sanctions.md", IncrementalBuildTests.term("sanctions", aliases: ["more"]))
    let cache = try #require(
      BuildCache.read(BuildCache.path(for: OutputWriter(output: site.path + "/Public"))))
    let loaded = try ContentLoader.load(
      contentDirectory: content,
      unchanged: { path, stamp, place in
        cache.parsed.find(path, near: place)?.stamp == stamp
      }, now: later)
    #expect(loaded.articles.count { !$0.isUnread } == 0)
    // Changed after the loader looked at it, before the link stage reads its body.
    site.write(
      "Content/articles/two.md",
      IncrementalBuildTests.article("two", date: "2025-01-02", body: "Changed meanwhile."))
    let report = SitePipeline.stream(
      loaded, options: options, theme: SiteTheme(), previous: cache, into: CollectedPages())
    let changed = report.diagnostics.filter { $0.id == "load.changed-during-build" }
    #expect(changed.map(\.location?.path) == [content + "/articles/two.md"])
    #expect(changed.first?.severity == .error)
    #expect(changed.first?.message.contains("build again") == true)
  }
}
