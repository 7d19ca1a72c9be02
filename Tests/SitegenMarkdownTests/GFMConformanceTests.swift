import Testing

@testable import SitegenMarkdown

/// Every example of cmark-gfm 0.29.0.gfm.6's own suite through our Markdown stage, as that suite
/// runs them: unsafe, no smart punctuation, `spec.txt` with the extensions its header names and
/// `extensions.txt` with all six.
@Suite(.enabled(if: SpecExamples.available, "../shared/spec/ is absent: GFM conformance skipped"))
struct GFMConformanceTests {
  static func options(for example: SpecExample, unsafe: Bool = true) -> MarkdownOptions {
    let extensions: Set<GFMExtension> =
      example.file == "extensions.txt"
      ? Set(GFMExtension.allCases)
      : Set(example.extensions.compactMap(GFMExtension.init(rawValue:)))
    return MarkdownOptions(extensions: extensions, smartPunctuation: false, unsafe: unsafe)
  }

  @Test func specAndExtensionsExamplesMatchByteForByte() {
    let all = SpecExamples.load("spec.txt") + SpecExamples.load("extensions.txt")
    #expect(all.count > 650, "the spec files should hold all their examples")
    // cmark-gfm's own runner skips examples tagged `disabled` (two task-list examples written
    // for another renderer) and checks only that `<IGNORE>` examples do not crash.
    let skipped = all.filter { $0.extensions.contains("disabled") }
    let examples = all.filter { !$0.extensions.contains("disabled") }
    var failures: [String] = []
    for example in examples {
      let html = renderMarkdown(example.markdown, options: Self.options(for: example)).html
      if html != example.html && example.html != "<IGNORE>\n" {
        failures.append(example.description)
      }
    }
    print(
      "GFM conformance: \(examples.count - failures.count) of \(examples.count) examples pass; "
        + "skipped as cmark-gfm's suite does: \(skipped.map(\.description).joined(separator: ", "))"
    )
    #expect(failures.isEmpty, "failing: \(failures.prefix(20).joined(separator: ", "))")
  }

  /// Safe mode is done by editing the tree (so term links can ride on inline HTML): it must give
  /// exactly cmark's own safe-mode bytes on every example.
  @Test func safeModeMatchesCmarkSafeModeOnEveryExample() {
    let examples = SpecExamples.load("spec.txt") + SpecExamples.load("extensions.txt")
    var failures: [String] = []
    for example in examples {
      let options = Self.options(for: example, unsafe: false)
      let ours = renderMarkdown(example.markdown, options: options).html
      if ours != CmarkParser.referenceHTML(example.markdown, options: options) {
        failures.append(example.description)
      }
    }
    #expect(failures.isEmpty, "differ: \(failures.prefix(20).joined(separator: ", "))")
  }

  /// Marks each run's text in two pieces with markup that renders as nothing.
  struct EmptyMarkupRewriter: MarkdownRewriter {
    var runs = 0
    mutating func beginSection(_ heading: Heading) {}
    mutating func rewriteLink(_ link: LinkReference) -> LinkRewrite { .keep }
    mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, context: TextRunContext)
      -> [TextAnnotation]
    {
      guard !text.isEmpty else { return [] }
      runs += 1
      var middle = text.count / 2
      while middle < text.count && text[middle] & 0xC0 == 0x80 { middle += 1 }
      return [
        TextAnnotation(range: 0..<middle, open: "", close: ""),
        TextAnnotation(range: middle..<text.count, open: "", close: ""),
      ].filter { !$0.range.isEmpty }
    }
  }

  /// An annotated run is put back as one raw-HTML node that TreeEditor escapes itself: with
  /// markup that renders as nothing, every example (safe or not, smart punctuation or not)
  /// must come out byte for byte as cmark renders it untouched, soft breaks, entities, table
  /// cells and all.
  @Test func annotatedRunsRenderAsCmarkRendersTheirText() {
    let examples = SpecExamples.load("spec.txt") + SpecExamples.load("extensions.txt")
    var failures: [String] = []
    var runs = 0
    for example in examples {
      for (unsafe, smart) in [(true, false), (false, false), (true, true)] {
        var options = Self.options(for: example, unsafe: unsafe)
        options.smartPunctuation = smart
        var rewriter = EmptyMarkupRewriter()
        let annotated = renderMarkdown(example.markdown, options: options, rewriter: &rewriter)
        runs += rewriter.runs
        if annotated.html != renderMarkdown(example.markdown, options: options).html {
          failures.append("\(example.description) unsafe \(unsafe) smart \(smart)")
        }
      }
    }
    #expect(runs > 1_000, "the examples should hold many runs of text")
    #expect(failures.isEmpty, "differ: \(failures.prefix(20).joined(separator: ", "))")
  }
}
