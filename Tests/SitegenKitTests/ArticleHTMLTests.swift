import Foundation
import SitegenTemplates
import SitegenTestSupport
import Testing

@testable import SitegenKit

/// Articles' HTML between the link stage and their pages: spilled to an unlinked file or held in
/// memory, it reads back byte for byte, and the pages do not depend on which.
@Suite struct ArticleHTMLTests {
  static let samples = [
    "<p>Plain.</p>\n", "", "<p>Кириллица, ’quotes’ and emoji 🇺🇦</p>\n",
    String(repeating: "<p>long</p>", count: 20_000),
  ]

  @Test func spilledHTMLReadsBackFromAFileNobodyCanSee() throws {
    let folder = TemporaryFolder(files: [:])
    let path = folder.path + "/spill"
    let store = ArticleHTML(count: Self.samples.count + 1, spillingTo: path, holding: 0)
    #expect(store.isSpilling)
    #expect(!FileManager.default.fileExists(atPath: path), "unlinked as soon as it is open")
    // Put from every core at once, as the link stage does, in no particular order.
    DispatchQueue.concurrentPerform(iterations: Self.samples.count) { i in
      store.put(i, Array(Self.samples[i].utf8))
    }
    for (i, sample) in Self.samples.enumerated() { #expect(store.get(i) == sample) }
    #expect(
      store.spilledCount == Self.samples.count { !$0.isEmpty }, "an empty one costs nothing held")
    #expect(store.get(Self.samples.count) == nil, "never put: the article came from the cache")
    store.drop(0)
    #expect(store.get(1) == Self.samples[1])
  }

  /// The first bytes up to the limit stay in memory; what comes after goes to the file, and
  /// room let go by a rendered page is room for another.
  @Test func aSpillHoldsItsFirstBytesInMemory() throws {
    let folder = TemporaryFolder(files: [:])
    let store = ArticleHTML(count: 4, spillingTo: folder.path + "/spill", holding: 100)
    let sixty = Array(repeating: UInt8(ascii: "a"), count: 60)
    store.put(0, sixty)
    store.put(1, sixty)  // 120 bytes would be over: to the file
    #expect(store.spilledCount == 1)
    store.put(2, Array(sixty.prefix(40)))  // 100 in all: held
    #expect(store.spilledCount == 1)
    store.drop(0)
    store.put(3, sixty)
    #expect(store.spilledCount == 1)
    #expect(store.bytes(1) == sixty && store.bytes(2) == Array(sixty.prefix(40)))
    #expect(store.bytes(3) == sixty)
  }

  /// The file is freed a stretch at a time, once every article in the stretch is dropped; an
  /// article across two stretches holds both, and what is not dropped reads back whole.
  @Test func aStretchOfTheFileIsFreedWhenAllItsArticlesAreDropped() throws {
    let folder = TemporaryFolder(files: [:])
    let store = ArticleHTML(
      count: 10, spillingTo: folder.path + "/spill", holding: 0, stretch: 4_096)
    // 1,000 bytes each, put in order: article 4 is at 4,000..<5,000, across stretches 0 and 1.
    let bodies = (0..<10).map { Array(repeating: UInt8(ascii: "a") + UInt8($0), count: 1_000) }
    for i in 0..<10 { store.put(i, bodies[i]) }
    #expect(store.spilledCount == 10)
    for i in 0..<4 { store.drop(i) }
    #expect(store.freedStretches == 0, "article 4 is still in stretch 0")
    store.drop(4)
    #expect(store.freedStretches == 1)
    for i in [5, 6, 7] { store.drop(i) }
    #expect(store.freedStretches == 1, "article 8 is still in stretch 1")
    #expect(store.bytes(8) == bodies[8] && store.bytes(9) == bodies[9])
    #expect(store.bytes(4) == nil, "a dropped article is gone")
    store.drop(8)
    #expect(store.freedStretches == 2)
    #expect(store.bytes(9) == bodies[9], "the freed stretches end where it begins")
    store.drop(9)
    #expect(store.freedStretches == 3)
  }

  @Test func withoutASpillPathTheHTMLStaysInMemoryUntilDropped() {
    let store = ArticleHTML(count: 2)
    #expect(!store.isSpilling)
    store.put(0, Array(Self.samples[2].utf8))
    #expect(store.get(0) == Self.samples[2])
    store.drop(0)
    #expect(store.get(0) == nil)
  }

  @Test func aSpillThatCannotBeMadeFallsBackToMemory() {
    let store = ArticleHTML(count: 1, spillingTo: "/nonexistent-folder/spill")
    #expect(!store.isSpilling)
    store.put(0, Array(Self.samples[0].utf8))
    #expect(store.get(0) == Self.samples[0])
  }

  @Test func aSpilledBuildWritesTheSamePagesAsOneInMemory() throws {
    var files = IncrementalBuildTests.files
    for n in 0..<40 {
      files["Content/articles/extra-\(n).md"] = IncrementalBuildTests.article(
        "extra-\(n)", date: "2024-02-\(String(format: "%02d", n % 28 + 1))",
        body: "Red lines and sanctions, part \(n). See [one](one.md).")
    }
    let site = TemporaryFolder(files: files)
    let content = try ContentLoader.load(contentDirectory: site.path + "/Content")
    let options = BuildOptions(now: 1_764_374_400)
    let inMemory = CollectedPages()
    _ = SitePipeline.stream(content, options: options, theme: SiteTheme(), into: inMemory)
    let byPath = { (pages: [RenderedPage]) in
      Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.bytes) })
    }
    #expect(inMemory.pages.count > 40)
    let spillPath = site.path + "/.spill"
    // All to the file, and the first few kilobytes held with the rest spilled.
    for holding in [0, 4_096] {
      let spilled = CollectedPages()
      _ = SitePipeline.stream(
        content, options: options, theme: SiteTheme(), spillPath: spillPath,
        spillHolding: holding, into: spilled)
      #expect(byPath(spilled.pages) == byPath(inMemory.pages), "holding \(holding) bytes")
    }
    #expect(!FileManager.default.fileExists(atPath: spillPath))
  }
}
