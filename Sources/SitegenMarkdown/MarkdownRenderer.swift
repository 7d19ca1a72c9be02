import CCmarkGFM

/// Renders one Markdown document to HTML, letting `rewriter` edit links and annotate text on
/// cmark's tree on the way. Safe to call from many threads: only the inline parse is serialised
/// (`CmarkParser`).
public func renderMarkdown<R: MarkdownRewriter>(
  _ source: String, options: MarkdownOptions, rewriter: inout R
) -> RenderedMarkdown {
  CmarkParser.withParsedDocument(source, options: options) { root, extensions in
    var walk = DocumentWalk(options: options)
    walk.collect(root)
    let edits = TreeEditor(options: options)
    for event in walk.events {
      switch event {
      case .heading(let node, let heading):
        rewriter.beginSection(heading)
        if options.headingIDs { edits.giveID(heading, to: node) }
      case .link(let node, var reference, let offset, let block):
        if let block {
          reference.blockText = walk.text(ofBlock: block)
          reference.offsetInBlock = offset - walk.blocks[block].lowerBound
        }
        edits.apply(rewriter.rewriteLink(reference), to: node, reference: reference)
      case .run(let nodes, let line, let offset, let block):
        let context = TextRunContext(
          line: line, blockText: walk.text(ofBlock: block),
          offsetInBlock: offset - walk.blocks[block].lowerBound)
        edits.annotate(run: walk.runNodes[nodes], context: context, with: &rewriter)
      }
    }
    let html = CmarkParser.renderHTMLBytes(root, extensions: extensions)
    return RenderedMarkdown(htmlBytes: html, headings: walk.headings, plainText: walk.plainText)
  }
}

/// Renders Markdown with no edits: exactly cmark-gfm's output for the options.
public func renderMarkdown(_ source: String, options: MarkdownOptions) -> RenderedMarkdown {
  var identity = IdentityRewriter()
  return renderMarkdown(source, options: options, rewriter: &identity)
}
