import Foundation
import SitegenMarkdown

/// The link stage: renders one Markdown body through cmark, resolving links to other sources and
/// turning mentions of glossary terms into term links, on cmark's tree.
public struct DocumentLinker: Sendable {
  public let glossary: Glossary
  public let resolver: LinkResolver
  public let urls: SiteURLs
  public let options: MarkdownOptions

  /// `termLinkOpens[t]`: the opening tag of a link to term `t`, made once per build, not once
  /// per mention (a 10,000-article site has over half a million mentions).
  let termLinkOpens: [String]
  /// The glossary's slugs in index order: a linked document names its terms by index into it.
  let slugTable: [String]

  public init(glossary: Glossary, resolver: LinkResolver, urls: SiteURLs, options: MarkdownOptions)
  {
    self.glossary = glossary
    self.resolver = resolver
    self.urls = urls
    self.options = options
    termLinkOpens = glossary.terms.map { Self.termLinkOpen($0.slug, urls: urls) }
    slugTable = glossary.terms.map(\.slug)
  }

  /// Links `body` of `source` (whose first line is file line `firstLine`). `selfTerm` is the
  /// glossary entry being rendered, which never links to itself. The sentences of first uses of
  /// the terms (glossary indices) in `unquoted` are not kept: no page will quote them.
  public func link(
    body: String, source: SourceFile, firstLine: Int, mode: GlossaryLinkMode,
    selfTerm: String? = nil,
    unquoted: Set<Int> = []
  ) -> LinkedDocument {
    var rewriter = Rewriter(
      linker: self, source: source, firstLine: firstLine, mode: mode,
      selfTerm: selfTerm.flatMap(glossary.index(of:)), body: body, unquoted: unquoted)
    let rendered = renderMarkdown(body, options: options, rewriter: &rewriter)
    var document = LinkedDocument(
      htmlBytes: rendered.htmlBytes, htmlHash: ContentHash.of(rendered.htmlBytes),
      headings: rendered.headings,
      plainText: rendered.plainText, termUses: [], notes: [],
      anchors: rewriter.anchors, links: rewriter.links, diagnostics: rewriter.diagnostics)
    document.useSlugs = TermSlugs(table: slugTable, terms: rewriter.useTerms)
    document.noteSlugs = TermSlugs(table: slugTable, terms: rewriter.noteTerms)
    document.sentences = UseSentences(rewriter.quotes)
    return document
  }

  /// The HTML that opens a term link: a real link that works without JavaScript, described by the
  /// term's summary written elsewhere in the page.
  static func termLinkOpen(_ slug: String, urls: SiteURLs) -> String {
    let s = HTML.escape(slug)
    return
      "<a class=\"term\" href=\"\(HTML.escape(urls.term(slug)))\" data-term=\"\(s)\" aria-describedby=\"gloss:\(s)\">"
  }

  /// The tag that closes a term link with endnote `number`; the first few are made once.
  static func termLinkClose(_ number: Int) -> String {
    number < termLinkCloses.count ? termLinkCloses[number] : makeTermLinkClose(number)
  }

  private static let termLinkCloses = (0..<64).map(makeTermLinkClose)

  private static func makeTermLinkClose(_ number: Int) -> String {
    "</a><sup class=\"term-note\">\(number)</sup>"
  }

  /// The cmark callbacks for one document; all state of one render lives here.
  struct Rewriter: MarkdownRewriter {
    let linker: DocumentLinker
    let source: SourceFile
    let firstLine: Int
    let mode: GlossaryLinkMode
    let selfTerm: Int?
    let body: String
    let unquoted: Set<Int>
    /// The body's lines, split on first need: only diagnostics read them.
    var linesCache: [Substring]? = nil
    var linkedInScope = TermSet()
    var used = TermSet()
    /// The sentences kept around first uses, by use (`LinkedDocument.sentences`).
    var quotes: [UseSentences.Quote] = []
    var anchors: [AnchorReference] = []
    var links: [String] = []
    var diagnostics: [Diagnostic] = []
    /// The glossary index of each use and each endnote (linked terms in order of their first
    /// link: endnote `n` is `noteTerms[n - 1]`), known here as they are recorded, so no later
    /// stage looks a slug up again (`LinkedDocument.useTerms`).
    var useTerms: [Int] = []
    var noteTerms: [Int] = []
    /// `noteNumbers[t]`: term `t`'s endnote, or 0.
    var noteNumbers: [Int] = []

    /// Closes a term link with its endnote number, which only print and feeds show.
    mutating func termLinkClose(_ index: Int) -> String {
      if noteNumbers.isEmpty {
        noteNumbers = Array(repeating: 0, count: linker.glossary.terms.count)
      }
      if noteNumbers[index] == 0 {
        noteTerms.append(index)
        noteNumbers[index] = noteTerms.count
      }
      return DocumentLinker.termLinkClose(noteNumbers[index])
    }

    mutating func beginSection(_ heading: Heading) {
      if mode == .section { linkedInScope.removeAll() }
    }

    mutating func rewriteLink(_ link: LinkReference) -> LinkRewrite {
      links.append(link.destination)
      let target = linker.resolver.resolve(link.destination, from: source)
      switch target {
      case .asWritten:
        return .keep
      case .optOut:
        return link.isImage ? .keep : .unwrap
      case .broken(let message):
        diagnostics.append(.error("link.broken", message, at: location(of: link)))
        return .keep
      case .article(let slug, let fragment):
        if let fragment, !fragment.isEmpty {
          anchors.append(
            AnchorReference(page: .article(slug), fragment: fragment, location: location(of: link)))
        }
        return .destination(linker.urls.article(slug) + (fragment.map { "#" + $0 } ?? ""))
      case .term(let slug, let fragment):
        let url = linker.urls.term(slug) + (fragment.map { "#" + $0 } ?? "")
        guard !link.isImage, let index = linker.glossary.index(of: slug) else {
          return .destination(url)
        }
        if let fragment, !fragment.isEmpty {
          anchors.append(
            AnchorReference(page: .term(slug), fragment: fragment, location: location(of: link)))
          return .destination(url)
        }
        linkedInScope.insert(index)
        let start = link.offsetInBlock
        recordUse(index) {
          link.blockText.isEmpty
            ? link.text
            : Self.sentence(in: link.blockText, around: start..<start + link.text.utf8.count)
        }
        return .wrap(open: linker.termLinkOpens[index], close: termLinkClose(index))
      }
    }

    mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, context: TextRunContext)
      -> [TextAnnotation]
    {
      let matches = linker.glossary.matcher.matches(in: text)
      guard !matches.isEmpty else { return [] }
      var annotations: [TextAnnotation] = []
      annotations.reserveCapacity(matches.count)
      for match in matches where match.term != selfTerm {
        if !used.contains(match.term) {
          let start = context.offsetInBlock + match.range.lowerBound
          recordUse(match.term) {
            Self.sentence(in: context.blockText, around: start..<start + match.range.count)
          }
        }
        if linker.glossary.terms[match.term].names[match.name].isDeprecated {
          let term = linker.glossary.terms[match.term]
          let name = term.names[match.name]
          let line = firstLine + context.line(ofOffset: match.range.lowerBound) - 1
          diagnostics.append(
            .warning(
              "glossary.deprecated-alias",
              "'\(name.text)' is a deprecated spelling of '\(term.name)'; write '\(term.name)'",
              at: source.location(line: line, column: column(of: name.text, onFileLine: line))))
        }
        guard mode != .none, mode == .all || !linkedInScope.contains(match.term) else { continue }
        linkedInScope.insert(match.term)
        annotations.append(
          TextAnnotation(
            range: match.range, open: linker.termLinkOpens[match.term],
            close: termLinkClose(match.term)))
      }
      return annotations
    }

    private mutating func recordUse(_ index: Int, sentence: () -> String) {
      guard used.insert(index) else { return }
      if !unquoted.contains(index) {
        quotes.append(UseSentences.Quote(use: useTerms.count, sentence: sentence()))
      }
      useTerms.append(index)
    }

    /// The link's place in the file, pointing at its destination when it can be found.
    private mutating func lines() -> [Substring] {
      if let linesCache { return linesCache }
      let split = body.utf8.split(separator: 10, omittingEmptySubsequences: false).map {
        Substring($0)
      }
      linesCache = split
      return split
    }

    private mutating func location(of link: LinkReference) -> SourceLocation {
      let lines = lines()
      let line = firstLine + link.line - 1
      let needle = "(" + link.destination
      for offset in 0..<3 {
        let index = link.line - 1 + offset
        guard index >= 0, index < lines.count, let range = lines[index].range(of: needle) else {
          continue
        }
        let column = lines[index][..<range.lowerBound].count + 2
        return source.location(line: line + offset, column: column)
      }
      return source.location(line: line, column: link.column)
    }

    /// The column of `text` on a file line (case-insensitive), for warnings about a mention.
    private mutating func column(of text: String, onFileLine line: Int) -> Int {
      let lines = lines()
      let index = line - firstLine
      guard index >= 0, index < lines.count,
        let range = lines[index].range(of: text, options: .caseInsensitive)
      else { return 1 }
      return lines[index][..<range.lowerBound].count + 1
    }

    /// The sentence of `block` holding byte range `range`: from the previous sentence end to the
    /// next one. Works on the bytes: a paragraph is searched once per term, not per character.
    static func sentence(in block: Substring, around range: Range<Int>) -> String {
      // In place when the paragraph's bytes are contiguous (always, for a native string):
      // copying the paragraph for each quoted mention was a third of this.
      if let found = block.utf8.withContiguousStorageIfAvailable({
        sentence(in: $0, around: range)
      }) {
        return found ?? String(block)
      }
      var copy = String(block)
      return copy.withUTF8 { sentence(in: $0, around: range) } ?? String(block)
    }

    /// Nil when `range` is not inside `text`.
    private static func sentence(in text: UnsafeBufferPointer<UInt8>, around range: Range<Int>)
      -> String?
    {
      guard range.upperBound <= text.count else { return nil }
      func isEnd(_ i: Int) -> Bool {
        (text[i] == 46 || text[i] == 33 || text[i] == 63)
          && (i + 1 == text.count || text[i + 1] == 32 || text[i + 1] == 10)
      }
      var start = range.lowerBound
      while start > 0 && !isEnd(start - 1) { start -= 1 }
      var end = range.upperBound
      while end < text.count && !isEnd(end) { end += 1 }
      if end < text.count { end += 1 }
      while start < end && (text[start] == 32 || text[start] == 10) { start += 1 }
      while end > start && (text[end - 1] == 32 || text[end - 1] == 10) { end -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
    }
  }
}

/// Term indices as one flag per term. A document asks about its terms at every mention, and
/// `Set<Int>`'s seeded hashing was most of the rewriter's own time.
struct TermSet {
  private var flags: [Bool] = []
  /// The members, so that emptying costs what was put in, not the glossary's size.
  private var members: [Int] = []

  func contains(_ term: Int) -> Bool { term < flags.count && flags[term] }

  /// True if `term` was not a member (it is now).
  @discardableResult
  mutating func insert(_ term: Int) -> Bool {
    if term >= flags.count { flags += repeatElement(false, count: max(term + 1, 64) - flags.count) }
    guard !flags[term] else { return false }
    flags[term] = true
    members.append(term)
    return true
  }

  mutating func removeAll() {
    for m in members { flags[m] = false }
    members.removeAll(keepingCapacity: true)
  }
}
