import Testing

@testable import SitegenKit

/// `SiteGraph.postings` counts, places and cuts; it must list each term's articles in article
/// order, as appending them one use at a time does.
@Suite struct PostingsTests {
  static func appended(_ used: [[Int]], termCount: Int) -> [[Int]] {
    var out = [[Int]](repeating: [], count: termCount)
    for (i, terms) in used.enumerated() { for t in terms { out[t].append(i) } }
    return out
  }

  @Test func eachTermListsItsArticlesInOrder() {
    let used = [[2, 0], [], [1, 2, 4], [4], [0, 4, 2]]
    let postings = SiteGraph.postings(of: used, termCount: 6)
    #expect(postings == [[0, 4], [2], [0, 2, 4], [], [2, 3, 4], []])
    #expect(postings == Self.appended(used, termCount: 6))
  }

  @Test func aLargeRandomSiteGivesWhatAppendingGives() {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    let used = (0..<2_000).map { _ in (0..<next(40)).map { _ in next(300) } }
    #expect(SiteGraph.postings(of: used, termCount: 300) == Self.appended(used, termCount: 300))
    #expect(SiteGraph.postings(of: [], termCount: 3) == [[], [], []])
    #expect(SiteGraph.postings(of: [[], []], termCount: 0) == [])
  }
}
