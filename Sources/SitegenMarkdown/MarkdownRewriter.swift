/// A link or image as the editor wrote it, handed to a `MarkdownRewriter` in document order.
public struct LinkReference: Sendable, Hashable {
  public var destination: String
  public var isImage: Bool
  /// The link's text as plain text (for images: the alt text).
  public var text: String
  /// 1-based line and column in the Markdown source (cmark's column is a byte offset).
  public var line: Int
  public var column: Int
  /// The plain text of the paragraph or cell holding the link, and where the link's text starts
  /// in it (bytes); empty for links in headings.
  public var blockText: Substring = ""
  public var offsetInBlock: Int = 0
}

/// What to do with one link.
public enum LinkRewrite: Sendable, Hashable {
  case keep
  /// Point the link somewhere else.
  case destination(String)
  /// Replace the link's own tag by this opening and closing HTML, keeping its content.
  case wrap(open: String, close: String)
  /// Drop the link and keep its content as plain text that no rewriter annotates.
  case unwrap
}

/// One heading of a document, with the id it is rendered with.
public struct Heading: Sendable, Hashable {
  public var level: Int
  public var text: String
  public var id: String
  public var line: Int

  public init(level: Int, text: String, id: String, line: Int) {
    self.level = level
    self.text = text
    self.id = id
    self.line = line
  }
}

/// A stretch of a text run to wrap in HTML, in bytes of the run's UTF-8 text.
public struct TextAnnotation: Sendable, Hashable {
  public var range: Range<Int>
  public var open: String
  public var close: String

  public init(range: Range<Int>, open: String, close: String) {
    self.range = range
    self.open = open
    self.close = close
  }
}

/// Where a text run sits, for rewriters that report positions.
public struct TextRunContext: Sendable, Hashable {
  /// 1-based line in the Markdown source where the run starts.
  public var line: Int
  /// Offsets in the run's text of the spaces that stand for soft line breaks: byte `i` is on
  /// line `line + softBreaks.count(where: { $0 < i })`.
  public var softBreaks: [Int]
  /// The plain text of the whole paragraph or table cell the run is part of, and where the
  /// run starts in it (bytes): runs end at any markup, sentences do not.
  public var blockText: Substring
  public var offsetInBlock: Int

  public init(line: Int, softBreaks: [Int] = [], blockText: Substring = "", offsetInBlock: Int = 0) {
    self.line = line
    self.softBreaks = softBreaks
    self.blockText = blockText
    self.offsetInBlock = offsetInBlock
  }

  /// The source line of byte `offset` of the run's text.
  public func line(ofOffset offset: Int) -> Int {
    line + softBreaks.count(where: { $0 < offset })
  }
}

/// Edits a document's tree while it is rendered: links, and annotations on plain text.
///
/// Calls come in document order: `beginSection` at each heading, `rewriteLink` at each link, and
/// `annotate` for each run of text outside headings, links, images, code and raw HTML. A run is
/// text between two pieces of markup; soft line breaks inside it appear as a single space.
public protocol MarkdownRewriter {
  mutating func beginSection(_ heading: Heading)
  mutating func rewriteLink(_ link: LinkReference) -> LinkRewrite
  mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, context: TextRunContext)
    -> [TextAnnotation]
}

/// A rewriter that changes nothing: plain GFM rendering.
public struct IdentityRewriter: MarkdownRewriter {
  public init() {}
  public mutating func beginSection(_ heading: Heading) {}
  public mutating func rewriteLink(_ link: LinkReference) -> LinkRewrite { .keep }
  public mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, context: TextRunContext)
    -> [TextAnnotation]
  { [] }
}

/// What the Markdown stage hands back: HTML and the facts about the document later stages need.
public struct RenderedMarkdown: Sendable, Hashable {
  /// cmark's HTML as it wrote it: bytes, because making a String of a whole article checked
  /// every byte again (3.5 % of a cold build).
  public var htmlBytes: [UInt8]
  public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
  public var headings: [Heading]
  /// The document's text without markup, for search and reading time.
  public var plainText: String
}
