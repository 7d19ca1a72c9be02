import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// cmark-gfm rewrites process-wide character tables while it parses inlines, so two inline
/// parses at once corrupt each other even with separate parsers: every one in the process holds
/// this. Only `cmark_parser_finish` parses inlines (`process_inlines` in blocks.c sets the
/// attached extensions' special characters in `SPECIAL_CHARS` and `SKIP_CHARS`, in inlines.c,
/// parses, and clears them). Block parsing (`cmark_parser_feed`) reads no mutable global: the
/// tables are read only by inline parsing, reference definitions are parsed into the parser's
/// own map, the extensions' block hooks keep their state in the parser and its nodes, and the
/// nodes come from this thread's arena. So the feed, some 40 % of a parse, runs outside the
/// lock, on every core at once.
private let parseLock = Mutex<Void>(())

/// Owns one cmark parser and the tree it made; everything cmark allocates comes from this
/// thread's `CmarkArena` and is released when the scope that made it (`withParsedDocument`) ends.
enum CmarkParser {
  // Swift runs a static initialiser once, thread-safely; cmark's own guard is a plain int.
  private static let extensionsRegistered: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()

  /// Parses `source` and calls `body` with the root and the parser's extension list, which the
  /// HTML renderer needs and which dies with the parser.
  static func withParsedDocument<T>(
    _ source: String, options: MarkdownOptions,
    _ body: (_ root: OpaquePointer, _ extensions: UnsafeMutablePointer<cmark_llist>?) -> T
  ) -> T {
    precondition(extensionsRegistered, "cmark-gfm extensions must be registered")
    var parseOptions = CMARK_OPT_DEFAULT
    if options.smartPunctuation { parseOptions |= CMARK_OPT_SMART }
    if options.extensions.contains(.footnotes) { parseOptions |= CMARK_OPT_FOOTNOTES }
    // No `cmark_parser_free` or `cmark_node_free`: the arena takes the parser, the tree and all
    // they hold back in one step when this scope ends.
    return CmarkArena.withArena {
      guard let parser = cmark_parser_new_with_mem(parseOptions, CmarkArena.mem) else {
        preconditionFailure("cmark_parser_new failed: out of memory")
      }
      for ext in options.extensions.sorted() where ext != .footnotes {
        if let syntax = cmark_find_syntax_extension(ext.rawValue) {
          cmark_parser_attach_syntax_extension(parser, syntax)
        }
      }
      var text = source
      text.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) { chars in
          cmark_parser_feed(parser, chars.baseAddress, chars.count)
        }
      }
      var root: OpaquePointer?
      parseLock.withLock { _ in root = cmark_parser_finish(parser) }
      guard let root else { preconditionFailure("cmark_parser_finish returned no document") }
      return body(root, cmark_parser_get_syntax_extensions(parser))
    }
  }

  /// cmark's HTML for a tree. Always rendered unsafe: in safe mode `RawHTMLScrubber` has already
  /// replaced raw HTML and dangerous URLs exactly as cmark's safe mode would, which leaves raw
  /// inline HTML free to carry our own markup (term links) where cmark allows no custom node.
  static func renderHTMLBytes(
    _ root: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?
  ) -> [UInt8] {
    guard let html = cmark_render_html(root, CMARK_OPT_UNSAFE, extensions) else {
      preconditionFailure("cmark_render_html failed: out of memory")
    }
    // In the document's arena, so copied out before the arena is released; as bytes, because
    // cmark writes valid UTF-8 for the valid UTF-8 of a Swift string.
    return Array(UnsafeRawBufferPointer(start: html, count: strlen(html)))
  }
}

extension CmarkParser {
  /// cmark's own rendering with its own safe mode, untouched by us: the reference the tests hold
  /// `RawHTMLScrubber` to.
  static func referenceHTML(_ source: String, options: MarkdownOptions) -> String {
    withParsedDocument(source, options: options) { root, extensions in
      guard let html = cmark_render_html(
        root, options.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT, extensions)
      else { preconditionFailure("cmark_render_html failed: out of memory") }
      return String(cString: html)  // a copy out of the document's arena
    }
  }
}
