import Foundation
import Synchronization
import Testing
@testable import SitegenMarkdown

/// cmark allocates from a per-thread arena released with each document: these hold that a
/// document's memory is never reused while it is alive, whatever the nesting, size or thread.
struct CmarkArenaTests {
  /// Renders a second document from inside the first one's rewriter, as a glossary would
  /// render a term's summary mid-article: each keeps its own arena.
  struct NestingRewriter: MarkdownRewriter {
    var inner: [String] = []
    mutating func beginSection(_ heading: Heading) {}
    mutating func rewriteLink(_ link: LinkReference) -> LinkRewrite { .keep }
    mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, context: TextRunContext)
      -> [TextAnnotation]
    {
      let html = renderMarkdown("*inner* \(inner.count)", options: MarkdownOptions()).html
      inner.append(html)
      // The outer tree is edited after the inner document's arena is gone.
      return [TextAnnotation(range: 0..<min(text.count, 5), open: "<b>", close: "</b>")]
    }
  }

  @Test func aDocumentRenderedInsideAnotherKeepsBothIntact() {
    var rewriter = NestingRewriter()
    let outer = renderMarkdown(
      "first paragraph\n\nsecond paragraph\n\n- a list item", options: MarkdownOptions(),
      rewriter: &rewriter)
    #expect(
      outer.html
        == "<p><b>first</b> paragraph</p>\n<p><b>secon</b>d paragraph</p>\n<ul>\n<li><b>a lis</b>t item</li>\n</ul>\n"
    )
    #expect(rewriter.inner == (0..<3).map { "<p><em>inner</em> \($0)</p>\n" })
  }

  /// Far more than the largest chunk an arena keeps between documents (8 MiB), then a small
  /// document on the same thread, which must not see the big one's memory.
  @Test func aHugeDocumentThenASmallOneOnTheSameThread() {
    let count = 400_000
    let source = (0..<count).map { "paragraph \($0) with *emphasis*" }.joined(separator: "\n\n")
    let html = renderMarkdown(source, options: MarkdownOptions()).html
    let expected = (0..<count).map { "<p>paragraph \($0) with <em>emphasis</em></p>\n" }.joined()
    #expect(html == expected)
    #expect(renderMarkdown("small *one*", options: MarkdownOptions()).html == "<p>small <em>one</em></p>\n")
  }

  /// Documents rendered on several threads at once come out as they do one at a time.
  @Test func documentsOnManyThreadsMatchTheirSerialRendering() {
    let sources = (0..<64).map { i in
      "# Heading \(i)\n\n" + String(repeating: "Text with a [link](https://example.org/\(i)) and `code`.\n\n", count: i % 9 + 1)
        + "| a | b |\n|---|---|\n| \(i) | ~~gone~~ |\n"
    }
    let options = MarkdownOptions(extensions: Set(GFMExtension.allCases))
    let serial = sources.map { renderMarkdown($0, options: options).html }
    let results = Mutex<[Int: String]>([:])
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for index in stride(from: worker, to: sources.count, by: 4) {
        let html = renderMarkdown(sources[index], options: options).html
        results.withLock { $0[index] = html }
      }
    }
    let parallel = results.withLock { all in sources.indices.map { all[$0] ?? "" } }
    #expect(parallel == serial)
    #expect(serial.allSatisfy { $0.contains("<table>") && $0.contains("<del>gone</del>") })
  }
}
