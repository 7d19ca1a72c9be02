extension GlossaryReport {
  /// For people: four sections, each place as `path:line:col` so an editor can jump to it.
  public var text: String {
    var out =
      "Glossary report: \(termCount) term\(termCount == 1 ? "" : "s"), \(articleCount) article\(articleCount == 1 ? "" : "s")\n"
    func section(_ title: String, _ lines: [String]) {
      out += "\n\(title) (\(lines.count)):\n"
      out += lines.isEmpty ? "  none\n" : lines.map { "  " + $0 + "\n" }.joined()
    }
    section(
      "Terms no article uses",
      unusedTerms.map { "\(place($0.location)): \($0.name) [\($0.slug)]" })
    section(
      "Mentions not linked because they are in a heading or link text",
      unlinkedMentions.map {
        "\(place($0.location)): '\($0.text)' [\($0.slug)] in \($0.place == .heading ? "a heading" : "link text")"
          + ($0.linkedElsewhere ? "" : "; not linked anywhere else in this file")
      })
    section(
      "Candidate terms: capitalised phrases used twice or more",
      candidateTerms.map { phrase in
        let shown = phrase.locations.prefix(3).map(place).joined(separator: ", ")
        let more = phrase.count > 3 ? ", …" : ""
        return "\(phrase.text): \(phrase.count) times (\(shown)\(more))"
      })
    section(
      "Deprecated aliases still in use",
      deprecatedUses.map { use in
        "'\(use.alias)' for '\(use.term)' [\(use.slug)]: \(use.locations.count) time\(use.locations.count == 1 ? "" : "s") ("
          + use.locations.map(place).joined(separator: ", ") + ")"
      })
    return out
  }

  /// For tools: one JSON object.
  public var json: String {
    func location(_ l: SourceLocation) -> String {
      "\"file\":\(JSON.string(l.path)),\"line\":\(l.line),\"column\":\(l.column)"
    }
    func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    let unused = unusedTerms.map {
      "{\"slug\":\(JSON.string($0.slug)),\"name\":\(JSON.string($0.name)),\(location($0.location))}"
    }
    let unlinked = unlinkedMentions.map {
      "{\"slug\":\(JSON.string($0.slug)),\"text\":\(JSON.string($0.text)),\"place\":\(JSON.string($0.place.rawValue)),\"linkedElsewhere\":\($0.linkedElsewhere),\(location($0.location))}"
    }
    let candidates = candidateTerms.map {
      "{\"phrase\":\(JSON.string($0.text)),\"count\":\($0.count),\"places\":\(list($0.locations.map { "{" + location($0) + "}" }))}"
    }
    let deprecated = deprecatedUses.map {
      "{\"slug\":\(JSON.string($0.slug)),\"term\":\(JSON.string($0.term)),\"alias\":\(JSON.string($0.alias)),\"count\":\($0.locations.count),\"places\":\(list($0.locations.map { "{" + location($0) + "}" }))}"
    }
    return "{\"terms\":\(termCount),\"articles\":\(articleCount),\"unusedTerms\":\(list(unused)),"
      + "\"unlinkedMentions\":\(list(unlinked)),\"candidateTerms\":\(list(candidates)),"
      + "\"deprecatedAliases\":\(list(deprecated))}\n"
  }

  private func place(_ l: SourceLocation) -> String { "\(l.path):\(l.line):\(l.column)" }
}
