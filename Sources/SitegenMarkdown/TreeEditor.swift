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
    // Made as bytes: String pieces joined and an Int interpolated were 9,000 instructions a
    // heading.
    let level = UInt8(ascii: "0") + UInt8(clamping: heading.level)
    var open: [UInt8] = []
    open.reserveCapacity(48 + 2 * id.utf8.count)
    open += "<h".utf8
    open.append(level)
    open += " id=\"".utf8
    open += id.utf8
    open += "\">".utf8
    if anchor {
      open += "<a class=\"heading-anchor\" href=\"#".utf8
      open += id.utf8
      open += "\">".utf8
    }
    var close: [UInt8] = anchor ? Array("</a></h".utf8) : Array("</h".utf8)
    close.append(level)
    close.append(UInt8(ascii: ">"))
    let openNode = CmarkNode.make(CMARK_NODE_HTML_INLINE, literal: open)
    let closeNode = CmarkNode.make(CMARK_NODE_HTML_INLINE, literal: close)
    _ = cmark_node_append_child(block, openNode)
    for child in CmarkNode.children(node) {
      cmark_node_unlink(child)
      _ = cmark_node_append_child(block, child)
    }
    _ = cmark_node_append_child(block, closeNode)
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

  /// Hands a run's text to the rewriter and puts each annotation's HTML around its text. The
  /// run becomes one raw-HTML node holding what cmark would have rendered for it with the
  /// annotations in place: its text escaped by cmark's own text escaping, soft breaks as the
  /// newline cmark writes for one. One node, where splitting the run made three or more a
  /// mention plus the text and break nodes between them, each made, inserted and rendered:
  /// that was a tenth of linking an article. (The tree is always rendered unsafe,
  /// `CmarkParser.renderHTMLBytes`, so the node's bytes go out as they are.)
  func annotate<R: MarkdownRewriter>(
    run: ArraySlice<OpaquePointer>, context base: TextRunContext, with rewriter: inout R
  ) {
    var text: [UInt8] = []
    // The run's text is part of its block's (a soft break is a space in both): room for it
    // all, where the array copied what it held at every doubling.
    text.reserveCapacity(base.blockText.utf8.count)
    var breaks: [Int] = []
    for node in run {
      if CmarkNode.type(node) == CMARK_NODE_SOFTBREAK {
        breaks.append(text.count)
        text.append(0x20)
      } else {
        CmarkNode.appendLiteral(of: node, to: &text)
      }
    }
    var context = base
    context.softBreaks = breaks
    let annotations = text.withUnsafeBufferPointer { rewriter.annotate($0, context: context) }
    let valid = Self.wellFormed(annotations, in: text)
    guard !valid.isEmpty, let first = run.first else { return }

    for b in breaks { text[b] = 0x0A }  // what cmark renders for a soft break
    let markup = valid.reduce(0) { $0 + $1.open.utf8.count + $1.close.utf8.count }
    let node = text.withUnsafeBufferPointer { text in
      CmarkNode.rawHTML(capacity: text.count + text.count / 8 + markup) { html in
        var cursor = 0
        for annotation in valid {
          html.appendEscaped(text, cursor..<annotation.range.lowerBound)
          html.append(annotation.open)
          html.appendEscaped(text, annotation.range)
          html.append(annotation.close)
          cursor = annotation.range.upperBound
        }
        html.appendEscaped(text, cursor..<text.count)
      }
    }
    guard CmarkNode.insert([node], before: first) else { return }
    for node in run { CmarkNode.remove(node) }
  }

  /// Keeps annotations that are sorted, disjoint, non-empty, inside the text and on UTF-8
  /// character boundaries; a rewriter's mistake must not corrupt the document.
  static func wellFormed(_ annotations: [TextAnnotation], in text: [UInt8]) -> [TextAnnotation] {
    func isBoundary(_ i: Int) -> Bool { i == text.count || (text[i] & 0xC0) != 0x80 }
    func keep(_ a: TextAnnotation, after end: Int) -> Bool {
      a.range.lowerBound >= end && a.range.upperBound <= text.count && !a.range.isEmpty
        && isBoundary(a.range.lowerBound) && isBoundary(a.range.upperBound)
    }
    // As the linker makes them, they are all good already: no copy.
    var end = 0
    if annotations.allSatisfy({ a in
      defer { end = a.range.upperBound }
      return keep(a, after: end)
    }) {
      return annotations
    }
    var out: [TextAnnotation] = []
    end = 0
    for a in annotations.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
    where keep(a, after: end) {
      out.append(a)
      end = a.range.upperBound
    }
    return out
  }
}

/// Escapes text for an HTML attribute value in double quotes.
func escapeAttribute(_ s: String) -> String {
  // Heading ids are slugs: nearly always nothing to escape, and a scalar at a time cost
  // 11,000 instructions an id.
  let special: (UInt8) -> Bool = { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }
  guard s.utf8.contains(where: special) else { return s }
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
