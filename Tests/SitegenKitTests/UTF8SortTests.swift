import Testing

@testable import SitegenKit

/// `sortedByUTF8` must give `utf8Precedes`'s order whatever the keys share: it compares a
/// window of 16 bytes after their common prefix as integers and only ties in full.
@Suite struct UTF8SortTests {
  func expectSameOrder(_ keys: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation)
  {
    let expected = keys.sorted(by: String.utf8Precedes)
    #expect(keys.sortedByUTF8 { $0 } == expected, sourceLocation: sourceLocation)
    #expect(keys.reversed().sortedByUTF8 { $0 } == expected, sourceLocation: sourceLocation)
  }

  @Test func pathsThatShareALongPrefix() {
    // Every key starts with the same 17 bytes; the window starts after them.
    expectSameOrder((0..<500).map { "Content/articles/a\(String(($0 * 7919) % 1000))/index.html" })
  }

  @Test func keysEqualInTheWholeWindowAreComparedInFull() {
    let stem = "articles/0123456789abcdef"  // 16 bytes after "articles/"
    expectSameOrder([stem + "z", stem + "b", stem, stem + "bb", "articles/x", "articles/"])
  }

  @Test func shorterKeysComeFirstAndNonASCIIBytesSortByValue() {
    expectSameOrder(["b", "a", "ab", "", "aa", "é", "e", "zz", "Z", "a/b", "a.b", "a\u{7F}"])
  }

  @Test func elementsTravelWithTheirKeys() {
    let files = [("c", 3), ("a", 1), ("b", 2)]
    #expect(files.sortedByUTF8(\.0).map(\.1) == [1, 2, 3])
    #expect([(String, Int)]().sortedByUTF8(\.0).isEmpty)
    #expect([("only", 9)].sortedByUTF8(\.0).map(\.1) == [9])
  }

  @Test func pathsJoinWithOneSlash() {
    #expect(String.path("Content/articles", "a.md") == "Content/articles/a.md")
    #expect(String.path("Київ", "сайт.md") == "Київ/сайт.md")
    #expect(String.path("", "x") == "/x")
    #expect(String.path("dir", "") == "dir/")
  }

  @Test func joiningIsConcatenation() {
    let parts = [
      "", "/", "articles/", "kyiv-київ", "/index.html", String(repeating: "é", count: 40),
    ]
    for a in parts {
      for b in parts {
        for c in parts {
          #expect(String.joining(a, b, c) == a + b + c)
          for d in parts { #expect(String.joining(a, b, c, d) == a + b + c + d) }
        }
      }
    }
    // A string that is not native (bridged or a substring's copy) takes the same path.
    let sub = "xx/articles/yy"
    #expect(String.joining(String(sub.dropFirst(3)), "-", "z") == "articles/yy-z")
  }
}
