import Testing

@testable import SitegenKit

@Suite struct SearchIndexTests {
  @Test func distinctLowercaseWordsInFirstSeenOrder() {
    #expect(SearchIndex.words("Red lines, red LINES; NATO's a-b 2008!") == "red lines nato 2008")
  }

  @Test func nonASCIIWordsAreLowercasedAndKeptWhole() {
    #expect(
      SearchIndex.words("Гарантии БЕЗОПАСНОСТИ, гарантии; Détente")
        == "гарантии безопасности détente")
  }

  @Test func shardsHoldAboutFourHundredArticlesInAPowerOfTwo() {
    #expect(SearchIndex.shardCount(articles: 0) == 1)
    #expect(SearchIndex.shardCount(articles: 400) == 1)
    #expect(SearchIndex.shardCount(articles: 401) == 2)
    #expect(SearchIndex.shardCount(articles: 10_000) == 32)
    let slugs = (0..<10_000).map { "a\($0)" }
    let shards = slugs.map { SearchIndex.shard(ofSlug: $0, count: 32) }
    #expect(shards.allSatisfy { (0..<32).contains($0) })
    // Spread evenly enough that no shard is more than twice the average.
    let sizes = Dictionary(grouping: shards, by: { $0 }).mapValues(\.count)
    #expect(sizes.count == 32 && sizes.values.allSatisfy { $0 < 2 * 10_000 / 32 })
    #expect(
      SearchIndex.shard(ofSlug: "talks", count: 32) == SearchIndex.shard(ofSlug: "talks", count: 32)
    )
  }

  @Test func contentHashIsStableAndSeesEveryByte() {
    let a = Array("The same bytes, twice over.".utf8)
    #expect(ContentHash.of(a) == ContentHash.of(a))
    var b = a
    b[b.count - 1] = UInt8(ascii: "!")
    #expect(ContentHash.of(a) != ContentHash.of(b))
    #expect(ContentHash.of([]) != ContentHash.of([0]))
    #expect(ContentHash.hex(ContentHash.of(Array("x".utf8))).count == 16)
  }
}
