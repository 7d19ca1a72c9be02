/// Which raw inline HTML elements are open at a point of a paragraph: text inside `<span>…</span>`
/// belongs to raw HTML, and term links must not land there (nor nest inside a raw `<a>`).
struct RawInlineElements {
  private var open: [Substring] = []

  var isInside: Bool { !open.isEmpty }

  static let voidElements: Set<Substring> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  ]

  /// Takes one raw inline HTML node's literal: an opening tag, a closing tag, or neither.
  mutating func take(_ literal: String) {
    let s = Substring(literal)
    guard s.hasPrefix("<"), !s.hasPrefix("<!"), !s.hasPrefix("<?") else { return }
    let closing = s.hasPrefix("</")
    let name = s.dropFirst(closing ? 2 : 1).prefix { $0.isLetter || $0.isNumber || $0 == "-" }.lowercased()
    guard !name.isEmpty else { return }
    let key = Substring(name)
    if closing {
      if let i = open.lastIndex(of: key) { open.removeSubrange(i...) }
    } else if !s.hasSuffix("/>") && !Self.voidElements.contains(key) {
      open.append(key)
    }
  }

  /// Raw elements never span paragraphs.
  mutating func endBlock() { open.removeAll() }
}
