import Foundation
import SitegenKit
import SitegenTemplates
import Testing

/// Pathological inputs finish in time that grows linearly: each is built at size N and 4N and
/// the time ratio must stay well under 16 (what quadratic growth gives). Ratios, not seconds, so
/// the test means the same on a loaded CI machine.
@Suite(.serialized) struct ScalingTests {
  static let now = 1_764_374_400

  /// Seconds to build a site of one article with `body`, and `terms` glossary entries.
  static func seconds(body: String, terms: Int = 0, runs: Int = 2) throws -> Double {
    let articles = [
      SourceFile(
        relativePath: "articles/big.md", displayPath: "Content/articles/big.md",
        bytes: Array("---\ntitle: Big\nsummary: S.\ndate: 2025-01-01\n---\n\(body)".utf8))
    ]
    let glossary = (0..<terms).map { i in
      SourceFile(
        relativePath: "glossary/t\(i).md", displayPath: "Content/glossary/t\(i).md",
        bytes: Array("---\nterm: term\(i) word\nsummary: S.\n---\nD.\n".utf8))
    }
    let content = LoadedContent(
      siteConfig: SourceFile(
        relativePath: "site.yml", displayPath: "Content/site.yml",
        bytes: Array("title: T\nbase_url: https://t.example/\n".utf8)),
      articles: articles, terms: glossary, diagnostics: [])
    var best = Double.infinity
    for _ in 0..<runs {
      let start = ContinuousClock.now
      let site = SitePipeline.generate(content, options: BuildOptions(now: now), theme: SiteTheme())
      let elapsed = ContinuousClock.now - start
      #expect(site.pages.contains { $0.path == "articles/big/index.html" })
      best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return best
  }

  static let shapes = [
    "nested block quotes", "nested brackets", "nested emphasis", "nested list levels",
    "unclosed links", "backtick runs", "plain paragraphs",
  ]

  static func body(_ shape: String, _ n: Int) -> String {
    switch shape {
    case "nested block quotes": return String(repeating: ">", count: n) + " deep\n"
    case "nested brackets": return String(repeating: "[", count: n) + "x" + String(repeating: "]", count: n) + "\n"
    case "nested emphasis": return String(repeating: "*a ", count: n) + "b" + String(repeating: "*", count: n) + "\n"
    case "nested list levels":
      return (0..<n / 8).map { String(repeating: "  ", count: $0 % 400) + "- item\n" }.joined()
    case "unclosed links": return String(repeating: "[a](", count: n / 2) + "\n"
    case "backtick runs":
      return (1...(n / 50)).map { String(repeating: "`", count: $0 % 40 + 1) + "a" }.joined(separator: " ") + "\n"
    default: return String(repeating: "Words of a long article about terms. ", count: n / 4) + "\n"
    }
  }

  @Test(arguments: shapes)
  func pathologicalMarkdownScalesLinearly(_ name: String) throws {
    let small = try Self.seconds(body: Self.body(name, 20_000))
    let large = try Self.seconds(body: Self.body(name, 80_000))
    let ratio = large / max(small, 0.001)
    print("scaling \(name): \(small) s → \(large) s, ratio \(ratio)")
    #expect(ratio < 9, "\(name): 4x the input took \(ratio)x the time")
  }

  @Test func twoThousandTermsScaleLinearly() throws {
    let text = { (n: Int) in (0..<n).map { "A mention of term\($0) word here." }.joined(separator: "\n\n") }
    let small = try Self.seconds(body: text(500), terms: 500)
    let large = try Self.seconds(body: text(2_000), terms: 2_000)
    let ratio = large / max(small, 0.001)
    print("scaling 2,000 terms: \(small) s → \(large) s, ratio \(ratio)")
    #expect(ratio < 9)
  }

  @Test func twentyMegabyteArticle() throws {
    let paragraph = "A paragraph about red lines, sanctions and NATO, with *emphasis* and a [link](https://example.com).\n\n"
    let small = try Self.seconds(body: String(repeating: paragraph, count: 50_000), runs: 1)  // 5 MB
    let large = try Self.seconds(body: String(repeating: paragraph, count: 200_000), runs: 1)  // 20 MB
    let ratio = large / max(small, 0.001)
    print("scaling 5 MB → 20 MB article: \(small) s → \(large) s, ratio \(ratio)")
    #expect(ratio < 9)
  }
}
