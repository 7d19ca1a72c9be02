/// The index stage's view of the glossary: terms by slug and the matcher over their spellings.
public struct Glossary: Sendable {
  /// Sorted by slug.
  public let terms: [Term]
  public let matcher: TermMatcher
  private let positions: [String: Int]

  public func index(of slug: String) -> Int? { positions[slug] }
  public func term(_ slug: String) -> Term? { positions[slug].map { terms[$0] } }

  public static let empty = Glossary(terms: [])

  init(terms: [Term]) {
    self.terms = terms.sorted { $0.slug < $1.slug }
    positions = Dictionary(self.terms.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
    // A term with autolink off is still a target for explicit links; it just has no spellings.
    matcher = TermMatcher(
      names: self.terms.map { $0.autolink ? $0.names.map(\.text) : [] },
      caseSensitive: self.terms.map(\.caseSensitive))
  }

  /// The index stage for terms: one namespace of spellings, related slugs that exist.
  public static func index(_ parsed: [Term]) -> (Glossary, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var seenSlugs: [String: Term] = [:]
    var unique: [Term] = []
    for term in parsed.sorted(by: { $0.source.relativePath < $1.source.relativePath }) {
      if let other = seenSlugs[term.slug] {
        diagnostics.append(.error(
          "glossary.duplicate-slug", "two glossary entries have the slug '\(term.slug)' (also \(other.source.displayPath))",
          at: term.source.location(line: 1)))
        continue
      }
      seenSlugs[term.slug] = term
      unique.append(term)
    }

    // Every spelling, folded as the matcher folds it, belongs to one term.
    var owners: [[UInt8]: (term: Term, name: Term.Name)] = [:]
    for term in unique.sorted(by: { $0.slug < $1.slug }) {
      for name in term.names {
        let key = FoldedText.pattern(name.text, foldCase: true)
        guard let (owner, first) = owners[key] else {
          owners[key] = (term, name)
          continue
        }
        if owner.slug == term.slug {
          diagnostics.append(.warning(
            "glossary.repeated-alias", "'\(name.text)' is listed twice for this term; remove one",
            at: name.location))
          continue
        }
        let role = first == owner.names[0] ? "the name of" : "an alias of"
        diagnostics.append(.error(
          "glossary.duplicate-name",
          "'\(name.text)' is already \(role) '\(owner.slug)' (\(first.location.path):\(first.location.line)); a spelling can link to one term only",
          at: name.location))
        diagnostics.append(Diagnostic(
          .note, "glossary.duplicate-name", "'\(first.text)' is also claimed by '\(term.slug)' (\(name.location.path):\(name.location.line))",
          at: first.location))
      }
    }

    for term in unique {
      for related in term.related where seenSlugs[related.slug] == nil {
        var message = "no glossary entry '\(related.slug)' to relate to"
        if let guess = KeySuggestion.closest(to: related.slug, among: seenSlugs.keys.sorted()) {
          message += "; did you mean '\(guess)'?"
        }
        diagnostics.append(.error("glossary.unknown-related", message, at: related.location))
      }
    }
    return (Glossary(terms: unique), diagnostics)
  }
}
