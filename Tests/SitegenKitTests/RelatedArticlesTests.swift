import Testing

@testable import SitegenKit

/// Related articles brought up to date after some articles' terms changed must be the lists
/// counted again from scratch, while fewer articles are counted.
@Suite struct RelatedArticlesTests {
  static func all(_ used: [[Int]], termCount: Int) -> [[Int]] {
    let postings = SiteGraph.postings(of: used, termCount: termCount)
    var scratch = SiteGraph.RelatedScratch()
    return used.indices.map {
      SiteGraph.related($0, used: used, postings: postings, scratch: &scratch)
    }
  }

  static func updated(_ previous: [[Int]], previousUsed: [[Int]], used: [[Int]], termCount: Int)
    -> (lists: [[Int]], recounted: Int)
  {
    let postings = SiteGraph.postings(of: used, termCount: termCount)
    let recount = SiteGraph.articlesToRecount(
      previousUsed: previousUsed, used: used, postings: postings, termCount: termCount)
    var lists = previous
    var scratch = SiteGraph.RelatedScratch()
    for i in recount {
      lists[i] = SiteGraph.related(i, used: used, postings: postings, scratch: &scratch)
    }
    return (lists, recount.count)
  }

  @Test func editsOfAFewArticlesRecountFewAndGiveTheFullLists() {
    var rng = SplitMix(seed: 0xBEEF)
    let termCount = 30
    // Popular terms (the first five) have hundreds of articles: windows slide within them.
    func randomTerms() -> [Int] {
      var terms = Set<Int>()
      for _ in 0..<rng.below(10) {
        terms.insert(rng.below(3) == 0 ? rng.below(5) : rng.below(termCount))
      }
      return Array(terms).shuffled(using: &rng)
    }
    var used = (0..<800).map { _ in randomTerms() }
    var lists = Self.all(used, termCount: termCount)
    var recountedInAll = 0
    for trial in 0..<60 {
      let before = used
      for _ in 0..<(rng.below(4) + 1) {
        let i = rng.below(used.count)
        switch rng.below(4) {
        case 0: used[i].append(((used[i].max() ?? 0) + 1 + rng.below(3)) % termCount)
        case 1: if !used[i].isEmpty { used[i].remove(at: rng.below(used[i].count)) }
        case 2: used[i].reverse()
        default: used[i] = randomTerms()
        }
        used[i] = used[i].reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
      }
      let (update, recounted) = Self.updated(
        lists, previousUsed: before, used: used, termCount: termCount)
      let full = Self.all(used, termCount: termCount)
      #expect(
        full.indices.first { update[$0] != full[$0] } == nil,
        "trial \(trial): the first article whose list differs")
      lists = full
      recountedInAll += recounted
    }
    #expect(recountedInAll < 60 * 800 / 2, "recounted \(recountedInAll) lists in 60 edits")
    #expect(
      Self.updated(lists, previousUsed: used, used: used, termCount: termCount).recounted == 0)
    // One article gains a popular term: it, and the articles whose window of that term it
    // enters or shifts (within a window's width of it on either side), are counted again.
    var gained = used
    let i = gained.indices.first { !gained[$0].contains(0) && $0 > 300 }!
    gained[i].append(0)
    let (update, recounted) = Self.updated(
      lists, previousUsed: used, used: gained, termCount: termCount)
    let expected = Self.all(gained, termCount: termCount)
    #expect(expected.indices.first { update[$0] != expected[$0] } == nil)
    #expect(recounted <= 1 + 2 * SiteGraph.relatedWindow, "recounted \(recounted)")
    #expect(SiteGraph.postings(of: gained, termCount: termCount)[0].count > 200)
  }
}

extension SplitMix: RandomNumberGenerator {}
