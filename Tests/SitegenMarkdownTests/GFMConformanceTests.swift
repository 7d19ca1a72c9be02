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
        + "skipped as cmark-gfm's suite does: \(skipped.map(\.description).joined(separator: ", "))")
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
}
