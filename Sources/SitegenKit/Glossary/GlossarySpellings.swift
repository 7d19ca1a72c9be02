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
    var spellings: [Spelling]
  }

  struct Spelling: Sendable, Hashable {
    var name: String
    var deprecated: Bool
  }

  /// In glossary order (by slug).
  var entries: [Entry]

  init(entries: [Entry]) { self.entries = entries }

  init(_ glossary: Glossary) {
    entries = glossary.terms.map { term in
      Entry(
        slug: term.slug, autolink: term.autolink, caseSensitive: term.caseSensitive,
        spellings: term.names.map { Spelling(name: $0.text, deprecated: $0.isDeprecated) })
    }
  }

  func combine(into h: inout StableHasher) {
    h.combine(UInt64(entries.count))
    for entry in entries {
      h.combine(entry.slug)
      h.combine(entry.autolink ? 1 : 0)
      h.combine(entry.caseSensitive ? 1 : 0)
      h.combine(UInt64(entry.spellings.count))
      for spelling in entry.spellings {
        h.combine(spelling.name)
        h.combine(spelling.deprecated ? 1 : 0)
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
        b.caseSensitive == n.caseSensitive, b.spellings.first?.name == n.spellings.first?.name
      {
        let kept = Set(was).intersection(isNow)
        changed += (was + isNow).filter { !kept.contains($0) }.map(\.name)
      } else {
        changed += (was + isNow).map(\.name)
      }
    }
    return changed
  }

  private static func spellings(_ entry: Entry) -> [Spelling] {
    entry.autolink ? entry.spellings : []
  }

  // MARK: in the build cache

  func write(to w: inout CacheWriter) {
    w.put(entries) { w, entry in
      w.put(entry.slug)
      w.put(entry.autolink)
      w.put(entry.caseSensitive)
      w.put(entry.spellings) { w, spelling in
        w.put(spelling.name)
        w.put(spelling.deprecated)
      }
    }
  }

  init(from r: inout CacheReader) throws {
    entries = try r.array { r in
      Entry(
        slug: try r.string(), autolink: try r.bool(), caseSensitive: try r.bool(),
        spellings: try r.array { r in Spelling(name: try r.string(), deprecated: try r.bool()) })
    }
  }
}
