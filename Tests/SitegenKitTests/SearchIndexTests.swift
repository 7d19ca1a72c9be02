import Testing
@testable import SitegenKit

@Suite struct SearchIndexTests {
  @Test func distinctLowercaseWordsInFirstSeenOrder() {
    #expect(SearchIndex.words("Red lines, red LINES; NATO's a-b 2008!") == "red lines nato 2008")
  }

  @Test func nonASCIIWordsAreLowercasedAndKeptWhole() {
    #expect(SearchIndex.words("Гарантии БЕЗОПАСНОСТИ, гарантии; Détente") == "гарантии безопасности détente")
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
