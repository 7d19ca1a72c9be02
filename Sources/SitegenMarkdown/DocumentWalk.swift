import CCmarkGFM

#if canImport(Glibc)
  import Glibc
#endif

/// One pass over a fresh tree that lists, in document order, what the rewriter will see, and
/// scrubs raw HTML in safe mode. Edits wait until the walk is over: cmark's iterator does not
/// visit siblings inserted while it runs.
struct DocumentWalk {
  enum Event {
    case heading(OpaquePointer, Heading)
    /// A link; `offset`/`block` place it in `plainText` when it sits in a paragraph or cell.
    case link(OpaquePointer, LinkReference, offset: Int, block: Int?)
    /// Consecutive sibling text and soft-break nodes outside excluded places, `runNodes[nodes]`;
    /// `offset` is where the run's text starts in `plainText`, inside the text block numbered
    /// `block`.
    case run(Range<Int>, line: Int, offset: Int, block: Int)
  }

  let options: MarkdownOptions
  private(set) var events: [Event] = []
  private(set) var headings: [Heading] = []
  /// Made once the walk is over, from `plainBytes`: literals are copied in as bytes, where
  /// making a String of each text node and appending it was a third of the walk.
  private(set) var plainText = ""
  private var plainBytes: [UInt8] = []
  private var ids = HeadingIDAllocator()
  /// Every run's nodes, one after another: an array of its own for each run was a fifth of a
  /// cold build's time in `malloc` (perf, 10,000 articles).
  private(set) var runNodes: [OpaquePointer] = []
  /// Where the run being extended starts in `runNodes`; none is when it is `runNodes.count`.
  private var runStart = 0
  private var runLine = 0
  private var runOffset = 0
  /// Byte ranges in `plainText` of the paragraphs and table cells runs sit in.
  private(set) var blocks: [Range<Int>] = []
  private var blockStart = 0
  private var rawElements = RawInlineElements()
  private var inTextBlock = false

  init(options: MarkdownOptions) { self.options = options }

  /// The plain text of a paragraph or table cell.
  func text(ofBlock block: Int) -> Substring {
    let utf8 = plainText.utf8
    let range = blocks[block]
    return Substring(
      utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
  }

  mutating func collect(_ root: OpaquePointer) {
    guard let iter = cmark_iter_new(root) else { return }
    defer { cmark_iter_free(iter) }
    // Depth inside headings, links and images: their text is never annotated.
    var excluded = 0
    while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
      guard let node = cmark_iter_get_node(iter) else { continue }
      let type = CmarkNode.type(node)
      let entering = event == CMARK_EVENT_ENTER
      switch type {
      case CMARK_NODE_HEADING:
        excluded += entering ? 1 : -1
        if entering {
          enterHeading(node)
        } else {
          plainBytes.append(0x0A)
          rawElements.endBlock()
        }
      case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
        if entering {
          flushRun()
          // Links in headings are rewritten too; only their text is left alone.
          events.append(
            .link(node, reference(node), offset: plainBytes.count, block: inTextBlock ? blocks.count : nil))
          excluded += 1
        } else {
          excluded -= 1
        }
      case CMARK_NODE_HTML_INLINE:
        flushRun()
        rawElements.take(CmarkNode.literal(node))
        if !options.unsafe { RawHTMLScrubber.scrub(rawHTML: node) }
      case CMARK_NODE_HTML_BLOCK:
        if !options.unsafe { RawHTMLScrubber.scrub(rawHTML: node) }
      case CMARK_NODE_TEXT:
        if excluded == 0 && !rawElements.isInside { extendRun(with: node) }
        CmarkNode.appendLiteral(of: node, to: &plainBytes)
      case CMARK_NODE_SOFTBREAK:
        if excluded == 0 && !rawElements.isInside { extendRun(with: node) }
        plainBytes.append(0x20)
      case CMARK_NODE_LINEBREAK:
        plainBytes.append(0x20)
      case CMARK_NODE_CODE:
        CmarkNode.appendLiteral(of: node, to: &plainBytes)
      case CMARK_NODE_CODE_BLOCK:
        CmarkNode.appendLiteral(of: node, to: &plainBytes)
        plainBytes.append(0x0A)
      case CMARK_NODE_PARAGRAPH:
        if entering { beginBlock() } else { endBlock() }
      case CMARK_NODE_ITEM:
        if !entering { plainBytes.append(0x0A) }
      default:
        // Extension types get their numbers at run time: name them.
        if let name = cmark_node_get_type_string(node), strcmp(name, "table_cell") == 0 {
          if entering { beginBlock() } else { endBlock() }
        }
      }
    }
    flushRun()
    plainText = String(decoding: plainBytes, as: UTF8.self)
    plainBytes = []
  }

  private mutating func beginBlock() {
    blockStart = plainBytes.count
    inTextBlock = true
  }

  private mutating func endBlock() {
    inTextBlock = false
    flushRun()
    rawElements.endBlock()
    blocks.append(blockStart..<plainBytes.count)
    plainBytes.append(0x0A)
  }

  private mutating func enterHeading(_ node: OpaquePointer) {
    flushRun()
    let text = CmarkNode.plainText(of: node)
    let heading = Heading(
      level: Int(cmark_node_get_heading_level(node)), text: text,
      id: ids.allocate(for: text), line: Int(cmark_node_get_start_line(node)))
    headings.append(heading)
    events.append(.heading(node, heading))
  }

  private func reference(_ node: OpaquePointer) -> LinkReference {
    LinkReference(
      destination: CmarkNode.url(node), isImage: CmarkNode.type(node) == CMARK_NODE_IMAGE,
      text: CmarkNode.plainText(of: node), line: Int(cmark_node_get_start_line(node)),
      column: Int(cmark_node_get_start_column(node)))
  }

  private mutating func extendRun(with node: OpaquePointer) {
    if runNodes.count > runStart, let last = runNodes.last, cmark_node_next(last) == node {
      runNodes.append(node)
      return
    }
    flushRun()
    runNodes.append(node)
    runOffset = plainBytes.count
    runLine = Int(cmark_node_get_start_line(node))
    if runLine == 0, let parent = cmark_node_parent(node) {
      runLine = Int(cmark_node_get_start_line(parent))
    }
  }

  private mutating func flushRun() {
    if runNodes[runStart...].contains(where: { CmarkNode.type($0) == CMARK_NODE_TEXT }) {
      events.append(
        .run(runStart..<runNodes.count, line: runLine, offset: runOffset, block: blocks.count))
    } else {
      runNodes.removeSubrange(runStart...)
    }
    runStart = runNodes.count
  }
}
