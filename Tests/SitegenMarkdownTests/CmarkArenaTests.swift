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
    #expect(
      renderMarkdown("small *one*", options: MarkdownOptions()).html
        == "<p>small <em>one</em></p>\n")
  }

  /// Documents rendered on several threads at once come out as they do one at a time. Each
  /// uses what cmark-gfm parses with process-wide tables (strikethrough's `~`, autolinks, smart
  /// punctuation, emphasis next to them) and what it parses while reading blocks (tables,
  /// reference definitions, footnotes, task lists), and every thread parses at once: without
  /// the parse lock some documents came out wrong in every run (a `~~` left as it was).
  @Test func documentsOnManyThreadsMatchTheirSerialRendering() {
    let sources = (0..<600).map { i in
      "# Heading \(i)\n\n"
        + String(
          repeating: "Text with a [link][r\(i)] and `code`, ~~struck \(i)~~ and *so* \"quoted\" "
            + "www.example.org/\(i) text_with_underscores **strong~~mixed~~**.[^n\(i)]\n\n",
          count: i % 7 + 1)
        + "| a | b |\n|---|---|\n| \(i) | ~~gone~~ |\n\n- [x] done ~~\(i)~~\n- [ ] open\n\n"
        + "[r\(i)]: https://example.org/ref/\(i) \"Title \(i)\"\n\n[^n\(i)]: Note \(i), ~~old~~.\n"
    }
    let options = MarkdownOptions(extensions: Set(GFMExtension.allCases), smartPunctuation: true)
    let serial = sources.map { renderMarkdown($0, options: options).html }
    #expect(
      serial.allSatisfy {
        $0.contains("<table>") && $0.contains("<del>gone</del>")
          && $0.contains("href=\"http://www.example.org/")
          && $0.contains("\u{201C}quoted\u{201D}") && $0.contains("class=\"footnotes\"")
          && $0.contains("title=\"Title")
      })
    let workers = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
    for round in 0..<3 {
      let results = Mutex<[Int: String]>([:])
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: (worker + round) % workers, to: sources.count, by: workers) {
          let html = renderMarkdown(sources[index], options: options).html
          results.withLock { $0[index] = html }
        }
      }
      let parallel = results.withLock { all in sources.indices.map { all[$0] ?? "" } }
      let wrong = sources.indices.filter { parallel[$0] != serial[$0] }
      #expect(
        wrong.isEmpty, "round \(round): \(wrong.count) documents differ, first \(wrong.prefix(5))")
    }
  }
}
