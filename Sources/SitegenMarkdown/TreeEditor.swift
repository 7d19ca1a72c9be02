import CCmarkGFM

/// Applies the rewriter's answers to the tree: heading ids, link rewrites, text annotations.
struct TreeEditor {
  let options: MarkdownOptions

  /// Swaps a heading for a custom block holding `<hN id>`, the heading's inlines and `</hN>`:
  /// cmark's heading node has no attributes, and a custom block with empty enter/exit text
  /// renders exactly the bytes of its children.
  func giveID(_ heading: Heading, to node: OpaquePointer) {
    let block = CmarkNode.make(CMARK_NODE_CUSTOM_BLOCK)
    let id = escapeAttribute(heading.id)
    // A link inside a link is invalid HTML: headings that hold one get no self-link.
    let anchor = options.headingAnchors && !CmarkNode.containsLink(node)
    let open = CmarkNode.make(
      CMARK_NODE_HTML_INLINE,
      literal: "<h\(heading.level) id=\"\(id)\">" + (anchor ? "<a class=\"heading-anchor\" href=\"#\(id)\">" : ""))
    let close = CmarkNode.make(
      CMARK_NODE_HTML_INLINE, literal: (anchor ? "</a>" : "") + "</h\(heading.level)>")
    _ = cmark_node_append_child(block, open)
    for child in CmarkNode.children(node) {
      cmark_node_unlink(child)
      _ = cmark_node_append_child(block, child)
    }
    _ = cmark_node_append_child(block, close)
    guard CmarkNode.insert([block], before: node) else {
      preconditionFailure("a custom block is allowed wherever a heading is")
    }
    CmarkNode.remove(node)
  }

  func apply(_ rewrite: LinkRewrite, to node: OpaquePointer, reference: LinkReference) {
    switch rewrite {
    case .keep:
      if !options.unsafe && RawHTMLScrubber.isDangerous(url: reference.destination) {
        CmarkNode.setURL(node, "")
      }
    case .destination(let url):
      CmarkNode.setURL(node, url)
    case .wrap(let open, let close):
      guard !reference.isImage else { return }
      let nodes =
        [CmarkNode.make(CMARK_NODE_HTML_INLINE, literal: open)] + detachChildren(node)
        + [CmarkNode.make(CMARK_NODE_HTML_INLINE, literal: close)]
      if CmarkNode.insert(nodes, before: node) { CmarkNode.remove(node) }
    case .unwrap:
      guard !reference.isImage else { return }
      if CmarkNode.insert(detachChildren(node), before: node) { CmarkNode.remove(node) }
    }
  }

  private func detachChildren(_ node: OpaquePointer) -> [OpaquePointer] {
    let children = CmarkNode.children(node)
    for child in children { cmark_node_unlink(child) }
    return children
  }

  /// Hands a run's text to the rewriter and splits the run's nodes around its annotations.
  func annotate<R: MarkdownRewriter>(
    run: [OpaquePointer], context base: TextRunContext, with rewriter: inout R
  ) {
    var text: [UInt8] = []
    var segments: [(range: Range<Int>, isBreak: Bool)] = []
    for node in run {
      let start = text.count
      if CmarkNode.type(node) == CMARK_NODE_SOFTBREAK {
        text.append(0x20)
        segments.append((start..<text.count, true))
      } else {
        CmarkNode.appendLiteral(of: node, to: &text)
        segments.append((start..<text.count, false))
      }
    }
    var context = base
    context.softBreaks = segments.filter(\.isBreak).map(\.range.lowerBound)
    let annotations = text.withUnsafeBufferPointer { rewriter.annotate($0, context: context) }
    let valid = Self.wellFormed(annotations, in: text)
    guard !valid.isEmpty, let first = run.first else { return }

    func pieces(_ range: Range<Int>) -> [OpaquePointer] {
      segments.compactMap { segment in
        let lo = max(segment.range.lowerBound, range.lowerBound)
        let hi = min(segment.range.upperBound, range.upperBound)
        guard lo < hi else { return nil }
        return segment.isBreak ? CmarkNode.make(CMARK_NODE_SOFTBREAK) : CmarkNode.text(text[lo..<hi])
      }
    }
    var replacement: [OpaquePointer] = []
    var cursor = 0
    for annotation in valid {
      replacement += pieces(cursor..<annotation.range.lowerBound)
      replacement.append(CmarkNode.make(CMARK_NODE_HTML_INLINE, literal: annotation.open))
      replacement += pieces(annotation.range)
      replacement.append(CmarkNode.make(CMARK_NODE_HTML_INLINE, literal: annotation.close))
      cursor = annotation.range.upperBound
    }
    replacement += pieces(cursor..<text.count)
    guard CmarkNode.insert(replacement, before: first) else { return }
    for node in run { CmarkNode.remove(node) }
  }

  /// Keeps annotations that are sorted, disjoint, non-empty, inside the text and on UTF-8
  /// character boundaries; a rewriter's mistake must not corrupt the document.
  static func wellFormed(_ annotations: [TextAnnotation], in text: [UInt8]) -> [TextAnnotation] {
    var out: [TextAnnotation] = []
    var end = 0
    func isBoundary(_ i: Int) -> Bool { i == text.count || (text[i] & 0xC0) != 0x80 }
    for a in annotations.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      guard a.range.lowerBound >= end, a.range.upperBound <= text.count, !a.range.isEmpty,
        isBoundary(a.range.lowerBound), isBoundary(a.range.upperBound)
      else { continue }
      out.append(a)
      end = a.range.upperBound
    }
    return out
  }
}

/// Escapes text for an HTML attribute value in double quotes.
func escapeAttribute(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for c in s.unicodeScalars {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.unicodeScalars.append(c)
    }
  }
  return out
}
