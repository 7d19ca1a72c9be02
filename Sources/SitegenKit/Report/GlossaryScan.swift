import Foundation
import SitegenMarkdown

/// One document read for the glossary report: a rewriter that changes nothing and writes down
/// term mentions in text, in headings and in link text, deprecated spellings, and capitalised
/// phrases. The Markdown stage's callbacks already separate those places, so the report sees
/// exactly what the linker sees.
struct GlossaryScan: MarkdownRewriter {
  let glossary: Glossary
  let resolver: LinkResolver
  let source: SourceFile
  let lines: [Substring]
  let firstLine: Int
  /// The glossary entry being read, whose own name is not a mention.
  let selfTerm: Int?

  /// Terms mentioned in text or linked by their file.
  private(set) var used = Set<Int>()
  private(set) var unlinked: [GlossaryReport.UnlinkedMention] = []
  private(set) var deprecated: [(term: Int, name: Int, location: SourceLocation)] = []
  private(set) var phrases: [(text: String, location: SourceLocation)] = []
  private var unlinkedTerms: [Int] = []

  init(
    glossary: Glossary, resolver: LinkResolver, source: SourceFile, body: String, firstLine: Int,
    selfTerm: Int?
  ) {
    self.glossary = glossary
    self.resolver = resolver
    self.source = source
    self.lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    self.firstLine = firstLine
    self.selfTerm = selfTerm
  }

  mutating func beginSection(_ heading: Heading) {
    for (term, text) in mentions(in: heading.text) {
      note(term, text, .heading, bodyLine: heading.line, from: 1)
    }
  }

  mutating func rewriteLink(_ link: LinkReference) -> LinkRewrite {
    let target = resolver.resolve(link.destination, from: source)
    var linkedTerm: String?
    if case .term(let slug, _) = target, !link.isImage {
      linkedTerm = slug
      if let index = glossary.index(of: slug) { used.insert(index) }
    }
    // Images' alt text is not a mention; `[x]()` is the editor's own "do not link".
    if link.isImage || target == .optOut { return .keep }
    for (term, text) in mentions(in: link.text) where glossary.terms[term].slug != linkedTerm {
      note(term, text, .link, bodyLine: link.line, from: link.column)
    }
    return .keep
  }

  mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, context: TextRunContext)
    -> [TextAnnotation]
  {
    for match in glossary.matcher.matches(in: text) where match.term != selfTerm {
      used.insert(match.term)
      if glossary.terms[match.term].names[match.name].isDeprecated {
        let written = String(
          decoding: UnsafeBufferPointer(rebasing: text[match.range]), as: UTF8.self)
        deprecated.append(
          (
            match.term, match.name,
            location(of: written, at: context, offset: match.range.lowerBound)
          ))
      }
    }
    let run = String(decoding: text, as: UTF8.self)
    for (phrase, offset) in CapitalisedPhrases.find(in: run) {
      phrases.append((phrase, location(of: phrase, at: context, offset: offset)))
    }
    return []
  }

  /// Marks the unlinked mentions of terms the document also mentions where they are linked.
  mutating func finish() {
    for i in unlinked.indices { unlinked[i].linkedElsewhere = used.contains(unlinkedTerms[i]) }
  }

  private func mentions(in text: String) -> [(Int, String)] {
    var utf8 = Array(text.utf8)
    return utf8.withUnsafeMutableBufferPointer { buffer in
      glossary.matcher.matches(in: UnsafeBufferPointer(buffer)).compactMap { match in
        guard match.term != selfTerm else { return nil }
        return (match.term, String(decoding: buffer[match.range], as: UTF8.self))
      }
    }
  }

  private mutating func note(
    _ term: Int, _ text: String, _ place: GlossaryReport.UnlinkedMention.Place, bodyLine: Int,
    from column: Int
  ) {
    let (line, found) = find(text, fromBodyLine: bodyLine, column: column)
    unlinked.append(
      GlossaryReport.UnlinkedMention(
        slug: glossary.terms[term].slug, text: text, place: place,
        location: source.location(line: firstLine + line - 1, column: found), linkedElsewhere: false
      ))
    unlinkedTerms.append(term)
  }

  private func location(of text: String, at context: TextRunContext, offset: Int) -> SourceLocation
  {
    let (line, column) = find(text, fromBodyLine: context.line(ofOffset: offset), column: 1)
    return source.location(line: firstLine + line - 1, column: column)
  }

  /// The body line (1-based) and column where `text` is written: on `bodyLine` from `column`,
  /// then on the lines around it (cmark's lines for inlines in long paragraphs can be off by
  /// one, and link text and headings may wrap), then its first word alone (a mention split by
  /// a line break). Typographic apostrophes count as `'`, since smart punctuation made them.
  private func find(_ text: String, fromBodyLine bodyLine: Int, column: Int) -> (Int, Int) {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    var needles = [Self.plain(text)]
    if words.count > 1, let first = words.first { needles.append(Self.plain(String(first))) }
    for needle in needles {
      for offset in [0, 1, 2, -1, -2] {
        let index = bodyLine - 1 + offset
        guard index >= 0, index < lines.count else { continue }
        let line = Self.plain(String(lines[index]))
        let start = offset == 0 ? min(max(column - 1, 0), line.count) : 0
        let from = line.index(line.startIndex, offsetBy: start)
        if let range = line.range(
          of: needle, options: .caseInsensitive, range: from..<line.endIndex)
        {
          return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
        }
      }
    }
    return (bodyLine, max(column, 1))
  }

  private static func plain(_ s: String) -> String {
    s.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(
      of: "\u{2018}", with: "'")
  }
}
