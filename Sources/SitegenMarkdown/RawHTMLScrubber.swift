import CCmarkGFM

/// Does to a tree what cmark's safe mode does at render time, so the tree can then be rendered
/// unsafe with our own raw inline HTML in it. The conformance suite compares this against
/// cmark's own safe output on every spec example.
enum RawHTMLScrubber {
  static let omitted = "<!-- raw HTML omitted -->"

  static func scrub(rawHTML node: OpaquePointer) {
    CmarkNode.setLiteral(node, omitted)
  }

  /// cmark's `_scan_dangerous_url`: `javascript:`, `vbscript:`, `file:` and `data:` (but for
  /// `data:image/png|gif|jpeg|webp`), ASCII case-insensitive, at the very start of the URL.
  /// cmark exports no function for it, so the rule is restated here.
  static func isDangerous(url: String) -> Bool {
    let lower = String(url.utf8.prefix(16).map { b in
      (b >= 65 && b <= 90) ? Character(Unicode.Scalar(b + 32)) : Character(Unicode.Scalar(b))
    })
    for safe in ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
    where lower.hasPrefix(safe) {
      return false
    }
    return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
  }
}
