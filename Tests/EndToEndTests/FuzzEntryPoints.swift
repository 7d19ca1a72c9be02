import Foundation
import SitegenKit

/// What the libFuzzer targets in `fuzz/` call, shared with the regression replay in
/// `FuzzRegressionTests` (fuzz/Sources/FuzzEntryPoints links this very file).
enum FuzzEntryPoints {
  static let targets = ["frontmatter", "termmatcher", "markdown", "slowinput"]

  /// Runs one input through one target; returns false when the slow-input target found
  /// superlinear time.
  @discardableResult
  static func run(_ target: String, _ bytes: [UInt8]) -> Bool {
    switch target {
    case "frontmatter":
      let file = SourceFile(relativePath: "articles/f.md", displayPath: "Content/articles/f.md", bytes: bytes)
      _ = Article.parse(file)
      _ = Term.parse(SourceFile(relativePath: "glossary/f.md", displayPath: "Content/glossary/f.md", bytes: bytes))
    case "termmatcher":
      _ = bytes.withUnsafeBufferPointer { glossary.matcher.matches(in: $0) }
    case "markdown":
      let text = String(decoding: bytes, as: UTF8.self)
      let source = SourceFile(relativePath: "articles/f.md", displayPath: "Content/articles/f.md", bytes: bytes)
      _ = linker.link(body: text, source: source, firstLine: 6, mode: .all)
    case "slowinput":
      guard !bytes.isEmpty else { return true }
      let quarter = repeated(bytes, to: 128 * 1024), whole = repeated(bytes, to: 512 * 1024)
      let small = seconds { run("markdown", quarter) }
      let large = seconds { run("markdown", whole) }
      return large < max(small, 0.005) * 12
    default: preconditionFailure("unknown fuzz target \(target)")
    }
    return true
  }

  static func repeated(_ segment: [UInt8], to size: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(size)
    while out.count + segment.count <= size { out += segment }
    return out
  }

  static func seconds(_ work: () -> Void) -> Double {
    let start = ContinuousClock.now
    work()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  /// A fixed glossary: nested, overlapping, punctuated and acronym terms.
  static let glossary: Glossary = {
    let terms = [
      ("red-lines", "red lines", "[red line, red-line]"), ("nato", "NATO", "[]"),
      ("nato-enlargement", "NATO enlargement", "[]"), ("line-of-control", "line of control", "[]"),
      ("cpp", "C++", "[]"), ("childrens-rights", "children's rights", "[]"), ("war", "war", "[wars]"),
    ].map { slug, name, aliases in
      Term.parse(SourceFile(
        relativePath: "glossary/\(slug).md", displayPath: "Content/glossary/\(slug).md",
        bytes: Array("---\nterm: \"\(name)\"\nsummary: S.\naliases: \(aliases)\n---\nD.\n".utf8))).0
    }
    return Glossary.index(terms.compactMap { $0 }).0
  }()

  static let linker: DocumentLinker = {
    let config = SiteConfig(title: "Fuzz", baseURL: "https://fuzz.example/")
    return DocumentLinker(
      glossary: glossary, resolver: LinkResolver(articles: [], unpublished: [], terms: glossary.terms),
      urls: SiteURLs(config), options: .site(rawHTML: false))
  }()
}
