import Foundation
import SitegenKit
import SitegenMarkdown

/// What linking one large article costs with few and with many glossary terms: the glossary
/// issue's claim that the matcher's cost follows the text, not the number of terms.
enum LinkCost {
  /// A deterministic article of about `words` words that mentions some of `terms`.
  static func article(words: Int, mentioning terms: [String]) -> String {
    let filler = [
      "the", "talks", "on", "ending", "war", "have", "turned", "to", "what", "each", "side",
      "means", "by", "a", "promise", "and", "whether", "parliaments", "would", "ratify", "it",
    ]
    var out = "## Opening\n\n"
    var state: UInt64 = 42
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    for i in 0..<words {
      if i % 12 == 0 && !terms.isEmpty {
        out += terms[next() % terms.count] + " "
      } else {
        out += filler[next() % filler.count] + " "
      }
      if i % 17 == 16 { out += "\n" }
      if i % 120 == 119 { out += ".\n\n" }
      if i % 600 == 599 { out += "## Section \(i)\n\n" }
    }
    return out
  }

  static func terms(_ count: Int) -> [(slug: String, name: String, alias: String)] {
    (0..<count).map { i in
      let slug = "term-\(i)"
      return (slug, "concept \(i) guarantee", "concepts \(i) guarantees")
    }
  }

  static func glossary(_ terms: [(slug: String, name: String, alias: String)]) -> Glossary {
    let parsed = terms.compactMap { t in
      Term.parse(SourceFile(
        relativePath: "glossary/\(t.slug).md", displayPath: t.slug,
        bytes: Array("---\nterm: \(t.name)\nsummary: S.\naliases: [\(t.alias)]\n---\nD.\n".utf8))).0
    }
    return Glossary.index(parsed).0
  }

  static func run(words: Int, termCounts: [Int], repeats: Int, mode: GlossaryLinkMode = .all) {
    print("Linking one article of \(words) words, glossary_links: \(mode) (median of \(repeats) runs, one core):")
    print("terms   parse+render only   with glossary linking   linking cost   links made")
    for count in termCounts {
      let terms = terms(count)
      // The same text for every glossary size: it mentions the first five terms only.
      let body = article(words: words, mentioning: Array(terms.prefix(5)).map(\.name))
      let glossary = glossary(terms)
      let config = SiteConfig(title: "Bench", baseURL: "https://bench.example/", glossaryLinks: .all)
      let linker = DocumentLinker(
        glossary: glossary, resolver: LinkResolver(articles: [], unpublished: [], terms: glossary.terms),
        urls: SiteURLs(config), options: .site(rawHTML: false))
      let source = SourceFile(relativePath: "articles/bench.md", displayPath: "bench.md", bytes: [])
      var plain: [Double] = [], linked: [Double] = []
      var html = ""
      for _ in 0..<repeats {
        plain.append(time { _ = renderMarkdown(body, options: .site(rawHTML: false)) })
        linked.append(time { html = linker.link(body: body, source: source, firstLine: 1, mode: mode).html ?? "" })
      }
      let links = html.components(separatedBy: "class=\"term\"").count - 1
      let p = median(plain), l = median(linked)
      print(String(format: "%5d   %14.2f ms   %18.2f ms   %9.2f ms   %10d", count, p, l, l - p, links))
    }
  }

  static func time(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }

  static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
}
