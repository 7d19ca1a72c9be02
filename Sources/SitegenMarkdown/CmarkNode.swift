import CCmarkGFM

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small, safe reads and edits of cmark nodes; the only place node pointers are poked.
enum CmarkNode {
  static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

  /// The node's literal, copied: cmark's pointer dies at the next setter.
  static func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// The node's literal bytes, copied onto the end of `out` in one go.
  static func appendLiteral(of node: OpaquePointer, to out: inout [UInt8]) {
    guard let p = cmark_node_get_literal(node) else { return }
    out.append(contentsOf: UnsafeRawBufferPointer(start: p, count: strlen(p)))
  }

  static func url(_ node: OpaquePointer) -> String {
    cmark_node_get_url(node).map { String(cString: $0) } ?? ""
  }

  static func setLiteral(_ node: OpaquePointer, _ text: String) {
    _ = cmark_node_set_literal(node, text)
  }

  static func setURL(_ node: OpaquePointer, _ url: String) {
    _ = cmark_node_set_url(node, url)
  }

  static func make(_ type: cmark_node_type, literal: String? = nil) -> OpaquePointer {
    guard let node = cmark_node_new_with_mem(type, CmarkArena.mem) else {
      preconditionFailure("cmark_node_new failed: out of memory")
    }
    // `withCString` lends a native string's own bytes; passing the String to the C parameter
    // made an array copy of it first.
    if let literal { _ = literal.withCString { cmark_node_set_literal(node, $0) } }
    return node
  }

  /// A node whose literal is `bytes` (no NUL inside). Taken over, so that the terminating NUL
  /// goes on the caller's own array rather than on a copy.
  static func make(_ type: cmark_node_type, literal bytes: consuming [UInt8]) -> OpaquePointer {
    var terminated = bytes
    terminated.append(0)
    let node = make(type)
    _ = terminated.withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { cmark_node_set_literal(node, $0.baseAddress) }
    }
    return node
  }

  /// A text node of `bytes[range]`. `bytes` must have a byte after the range (the caller's
  /// NUL, or any byte: it is set to NUL while cmark copies the literal, then put back), so no
  /// copy is made on this side.
  static func text(_ bytes: inout [UInt8], _ range: Range<Int>) -> OpaquePointer {
    let node = make(CMARK_NODE_TEXT)
    bytes.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }  // no bytes: no byte after the range
      let kept = buffer[range.upperBound]
      buffer[range.upperBound] = 0
      let start = UnsafeRawPointer(base + range.lowerBound)
      _ = cmark_node_set_literal(node, start.assumingMemoryBound(to: CChar.self))
      buffer[range.upperBound] = kept
    }
    return node
  }

  /// Raw HTML being put together in a cmark buffer, for `rawHTML`.
  struct HTMLBuffer: ~Copyable {
    fileprivate var buffer = cmark_strbuf()

    /// `bytes[range]` escaped exactly as cmark's HTML renderer escapes a text node's literal.
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
      guard !range.isEmpty, let base = bytes.baseAddress else { return }
      _ = houdini_escape_html0(&buffer, base + range.lowerBound, bufsize_t(range.count), 0)
    }

    /// `html` as it is.
    mutating func append(_ html: String) {
      var html = html
      html.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        cmark_strbuf_put(&buffer, base, bufsize_t(bytes.count))
      }
    }
  }

  /// An HTML_INLINE node holding the HTML `build` puts together (from the document's arena,
  /// `capacity` bytes to start with).
  static func rawHTML(capacity: Int, _ build: (inout HTMLBuffer) -> Void) -> OpaquePointer {
    var html = HTMLBuffer()
    cmark_strbuf_init(CmarkArena.mem, &html.buffer, bufsize_t(clamping: capacity))
    build(&html)
    let node = make(CMARK_NODE_HTML_INLINE)
    // A cmark buffer always ends in a NUL after its bytes.
    _ = html.buffer.ptr.withMemoryRebound(to: CChar.self, capacity: Int(html.buffer.size) + 1) {
      cmark_node_set_literal(node, $0)
    }
    cmark_strbuf_free(&html.buffer)
    return node
  }

  static func children(_ node: OpaquePointer) -> [OpaquePointer] {
    var out: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let c = child {
      out.append(c)
      child = cmark_node_next(c)
    }
    return out
  }

  /// Inserts `nodes` before `anchor`; on a refusal (a parent that cannot hold one of them) undoes
  /// the insertions, frees `nodes` and returns false, leaving the tree as it was.
  static func insert(_ nodes: [OpaquePointer], before anchor: OpaquePointer) -> Bool {
    var inserted: [OpaquePointer] = []
    for node in nodes {
      if cmark_node_insert_before(anchor, node) == 1 {
        inserted.append(node)
      } else {
        for done in inserted { cmark_node_unlink(done) }
        for n in nodes { cmark_node_free(n) }
        return false
      }
    }
    return true
  }

  static func remove(_ node: OpaquePointer) {
    cmark_node_unlink(node)
    cmark_node_free(node)
  }

  /// Does the subtree hold a link (an autolink included)?
  static func containsLink(_ node: OpaquePointer) -> Bool {
    guard let iter = cmark_iter_new(node) else { return false }
    defer { cmark_iter_free(iter) }
    while cmark_iter_next(iter) != CMARK_EVENT_DONE {
      if let cur = cmark_iter_get_node(iter), type(cur) == CMARK_NODE_LINK { return true }
    }
    return false
  }

  /// The text inside a node (text and code literals; breaks as spaces), e.g. a heading's title.
  static func plainText(of node: OpaquePointer) -> String {
    var out = ""
    guard let iter = cmark_iter_new(node) else { return out }
    defer { cmark_iter_free(iter) }
    while cmark_iter_next(iter) != CMARK_EVENT_DONE {
      guard let cur = cmark_iter_get_node(iter),
        cmark_iter_get_event_type(iter) == CMARK_EVENT_ENTER
      else { continue }
      let t = type(cur)
      if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE {
        out += literal(cur)
      } else if t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK {
        out += " "
      }
    }
    return out
  }
}
