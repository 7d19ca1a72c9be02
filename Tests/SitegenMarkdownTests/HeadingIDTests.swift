import Testing

@testable import SitegenMarkdown

/// Heading ids: the byte path for ASCII headings must give what the Unicode path gives.
@Suite struct HeadingIDTests {
  @Test func asciiHeadingsGetTheSameIDsByteByByteAsByScalars() {
    let every = String(decoding: (0x00...0x7F).map { UInt8($0) }, as: UTF8.self)
    let samples = [
      every, "Security Guarantees", "What 'red lines' mean (2024)", "A_b-C\td", "  ", "",
      "Article 5: NATO?", "Step 1 -- step 2", "#hash & <tags>",
    ]
    for text in samples {
      #expect(HeadingIDAllocator.slug(text) == HeadingIDAllocator.slugByScalars(text), "\(text)")
    }
    #expect(HeadingIDAllocator.slug("Security Guarantees") == "security-guarantees")
    #expect(HeadingIDAllocator.slug("?!") == "section")
    #expect(HeadingIDAllocator.slug("Гарантии безопасности") == "гарантии-безопасности")
  }

  @Test func repeatedHeadingsAreNumbered() {
    var ids = HeadingIDAllocator()
    #expect(["Talks", "Talks", "talks", "Talks-1"].map { ids.allocate(for: $0) }
      == ["talks", "talks-1", "talks-2", "talks-1-1"])
  }

  /// An id goes into two attributes as it is when it holds nothing to escape (a slug), and
  /// escaped when it does.
  @Test func attributeEscapingLeavesSlugsAlone() {
    #expect(escapeAttribute("security-guarantees-2") == "security-guarantees-2")
    #expect(escapeAttribute("київ") == "київ")
    #expect(escapeAttribute("a\"b'<c>&d") == "a&quot;b&#39;&lt;c&gt;&amp;d")
    #expect(escapeAttribute("") == "")
  }
}
