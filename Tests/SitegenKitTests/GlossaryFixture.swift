import Testing

@testable import SitegenKit

/// Small glossary and article sources written inline for the glossary and linking tests, and
/// helpers that find the places inside them that diagnostics must point at.
enum GlossaryFixture {
  /// A source as the loader would hand it over: shown to editors under `Content/`.
  static func file(_ relativePath: String, _ text: String) -> SourceFile {
    SourceFile(
      relativePath: relativePath, displayPath: "Content/" + relativePath, bytes: Array(text.utf8))
  }

  /// Parses glossary files; `terms` holds the entries that parsed, in the order given.
  static func parseTerms(_ files: [(path: String, text: String)]) -> (
    terms: [Term], diagnostics: [Diagnostic]
  ) {
    var terms: [Term] = []
    var diagnostics: [Diagnostic] = []
    for (path, text) in files {
      let (term, found) = Term.parse(file(path, text))
      if let term { terms.append(term) }
      diagnostics += found
    }
    return (terms, diagnostics)
  }

  /// The parse and index stages for glossary files, with every diagnostic of both.
  static func glossary(_ files: [(path: String, text: String)]) -> (
    glossary: Glossary, terms: [Term], diagnostics: [Diagnostic]
  ) {
    let (terms, parseDiagnostics) = parseTerms(files)
    let (glossary, indexDiagnostics) = Glossary.index(terms)
    return (glossary, terms, parseDiagnostics + indexDiagnostics)
  }

  /// The 1-based file line of the one line of `text` that contains `marker`.
  static func line(
    of marker: String, in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let hits = lines.indices.filter { lines[$0].contains(marker) }
    guard hits.count == 1, let hit = hits.first else {
      Issue.record(
        "fixture: '\(marker)' is on \(hits.count) lines, expected exactly one",
        sourceLocation: sourceLocation)
      return 0
    }
    return hit + 1
  }

  /// The 1-based column, in characters, where `needle` starts on file line `line` of `text`.
  static func column(
    of needle: String, onLine line: Int, in text: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count, let range = lines[line - 1].range(of: needle) else {
      Issue.record("fixture: '\(needle)' is not on line \(line)", sourceLocation: sourceLocation)
      return 0
    }
    return lines[line - 1][..<range.lowerBound].count + 1
  }

  /// The place of `needle` on the one line holding `marker` (often the needle itself).
  static func location(
    of needle: String, onLineWith marker: String? = nil, in text: String, path: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> SitegenKit.SourceLocation {
    let line = line(of: marker ?? needle, in: text, sourceLocation: sourceLocation)
    return SitegenKit.SourceLocation(
      path: "Content/" + path, line: line,
      column: column(of: needle, onLine: line, in: text, sourceLocation: sourceLocation))
  }

  // MARK: the standard glossary

  static let redLines = """
    ---
    term: red lines
    summary: Limits a state declares it will defend.
    aliases:
      - red line
      - redline
    deprecated:
      - redline
    related: [nato]
    ---
    A red line is a declared limit; crossing it invites a response, unlike security
    guarantees, which bind in advance. Red lines are often vague on purpose.
    """

  static let securityGuarantees = """
    ---
    term: security guarantees
    summary: Binding promises to defend a state if it is attacked.
    aliases: [security guarantee]
    ---
    Security guarantees bind the guarantor; red lines only warn.
    """

  static let nato = """
    ---
    term: NATO
    summary: The North Atlantic alliance.
    aliases: [North Atlantic Treaty Organization]
    ---
    An alliance with a mutual-defence clause.
    """

  static let sanctions = """
    ---
    term: sanctions
    summary: Economic penalties meant to change a state's conduct.
    ---
    Penalties.
    """

  static let budapestMemorandum = """
    ---
    term: Budapest Memorandum
    summary: The 1994 assurances given to Ukraine.
    autolink: false
    ---
    Assurances, not guarantees.
    """

  static let standardFiles: [(path: String, text: String)] = [
    ("glossary/red-lines.md", redLines),
    ("glossary/security-guarantees.md", securityGuarantees),
    ("glossary/nato.md", nato),
    ("glossary/sanctions.md", sanctions),
    ("glossary/budapest-memorandum.md", budapestMemorandum),
  ]

  /// An article file around `body`: the body starts on file line 6.
  static func article(_ body: String, slug: String? = nil, draft: Bool = false) -> String {
    var text = "---\ntitle: A piece\nsummary: About something.\ndate: 2025-03-01\n"
    if let slug { text += "slug: \(slug)\n" }
    if draft { text += "draft: true\n" }
    return text + "---\n" + body
  }
}
