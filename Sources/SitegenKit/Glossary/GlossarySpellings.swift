/// What an article's linked document follows from of each glossary term: its slug, whether it
/// links by itself, how it matches, and its spellings with their deprecation (the first spelling
/// is the name that a deprecated spelling's warning asks for). The build cache keeps the last
/// build's, so that a glossary edit links again only the articles that may mention a spelling it
/// added, removed or changed (`SpellingMentions`), not every article.
struct GlossarySpellings: Sendable, Equatable {
  struct Entry: Sendable, Equatable {
    var slug: String
    var autolink: Bool
    var caseSensitive: Bool
    var names: [String]
    var deprecated: [Bool]
  }

  /// In glossary order (by slug).
  var entries: [Entry]

  init(entries: [Entry]) { self.entries = entries }

  init(_ glossary: Glossary) {
    entries = glossary.terms.map { term in
      Entry(
        slug: term.slug, autolink: term.autolink, caseSensitive: term.caseSensitive,
        names: term.names.map(\.text), deprecated: term.names.map(\.isDeprecated))
    }
  }

  func combine(into h: inout StableHasher) {
    h.combine(UInt64(entries.count))
    for entry in entries {
      h.combine(entry.slug)
      h.combine(entry.autolink ? 1 : 0)
      h.combine(entry.caseSensitive ? 1 : 0)
      h.combine(UInt64(entry.names.count))
      for (name, deprecated) in zip(entry.names, entry.deprecated) {
        h.combine(name)
        h.combine(deprecated ? 1 : 0)
      }
    }
  }

  /// Every spelling whose mentions may link differently now. For a term that only gained, lost
  /// or re-flagged spellings, those spellings: a mention of another keeps its link, its sentence
  /// and its warning. For a term added, removed, renamed (a deprecated spelling's warning names
  /// the name) or matched differently, every spelling it had and has. A term that does not link
  /// by itself has no spellings the matcher looks for.
  func changedSpellings(since old: GlossarySpellings) -> [String] {
    let before = Dictionary(old.entries.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
    let now = Dictionary(entries.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
    var changed: [String] = []
    for slug in Set(before.keys).union(now.keys).sorted() where before[slug] != now[slug] {
      let was = before[slug].map(Self.spellings) ?? []
      let isNow = now[slug].map(Self.spellings) ?? []
      if let b = before[slug], let n = now[slug], b.autolink == n.autolink,
        b.caseSensitive == n.caseSensitive, b.names.first == n.names.first
      {
        let kept = Set(was).intersection(isNow)
        changed += (was + isNow).filter { !kept.contains($0) }.map(\.name)
      } else {
        changed += (was + isNow).map(\.name)
      }
    }
    return changed
  }

  private struct Spelling: Hashable {
    var name: String
    var deprecated: Bool
  }

  private static func spellings(_ entry: Entry) -> [Spelling] {
    guard entry.autolink else { return [] }
    return zip(entry.names, entry.deprecated).map { Spelling(name: $0, deprecated: $1) }
  }
}
