import SitegenMarkdown

/// `sitegen glossary report`: what an editor can do for the glossary. Terms no article uses,
/// mentions left unlinked because they sit in headings or link text, capitalised phrases used
/// again and again that are not terms yet, and deprecated spellings still written.
public struct GlossaryReport: Sendable, Hashable {
  /// A glossary entry that no published article mentions or links.
  public struct UnusedTerm: Sendable, Hashable {
    public var slug: String
    public var name: String
    public var location: SourceLocation
  }

  /// A mention the linker never links: headings and link text are left alone.
  public struct UnlinkedMention: Sendable, Hashable {
    public enum Place: String, Sendable, Hashable { case heading, link }
    public var slug: String
    /// As written in the document.
    public var text: String
    public var place: Place
    public var location: SourceLocation
    /// The same document mentions or links the term where it is linked.
    public var linkedElsewhere: Bool
  }

  /// A spelling used somewhere, with every place.
  public struct Phrase: Sendable, Hashable {
    public var text: String
    public var locations: [SourceLocation]
    public var count: Int { locations.count }
  }

  /// A deprecated alias still written in text.
  public struct DeprecatedUse: Sendable, Hashable {
    public var slug: String
    public var term: String
    public var alias: String
    public var locations: [SourceLocation]
  }

  public var articleCount: Int
  public var termCount: Int
  public var unusedTerms: [UnusedTerm] = []
  public var unlinkedMentions: [UnlinkedMention] = []
  /// Capitalised phrases of two or more words, seen at least twice, that no term spells.
  public var candidateTerms: [Phrase] = []
  public var deprecatedUses: [DeprecatedUse] = []
  /// Errors in the content (the report covers what could be read).
  public var diagnostics: [Diagnostic] = []

  /// Reads the articles this build would publish (drafts with `includeDrafts`) and every
  /// glossary entry.
  public static func make(_ content: LoadedContent, options: BuildOptions) -> GlossaryReport {
    let (config, configDiagnostics) = content.siteConfig.map(SiteConfig.parse) ?? (nil, [])
    let parsedArticles = content.articles.map(Article.parse)
    let parsedTerms = content.terms.map(Term.parse)
    let (articles, articleDiagnostics) = ArticleIndex.index(
      parsedArticles.compactMap(\.0), options: options)
    let (glossary, glossaryDiagnostics) = Glossary.index(parsedTerms.compactMap(\.0))
    var report = GlossaryReport(
      articleCount: articles.published.count, termCount: glossary.terms.count)
    report.diagnostics =
      (content.diagnostics + configDiagnostics + parsedArticles.flatMap(\.1)
      + parsedTerms.flatMap(\.1) + articleDiagnostics + glossaryDiagnostics)
      .filter { $0.severity == .error }.sortedForOutput()

    let resolver = LinkResolver(
      articles: articles.published, unpublished: articles.leftOut, terms: glossary.terms)
    let markdown = MarkdownOptions.site(rawHTML: config?.rawHTML ?? false)
    var documents = articles.published.map {
      (body: $0.body, source: $0.source, firstLine: $0.bodyFirstLine, selfTerm: nil as Int?)
    }
    documents += glossary.terms.enumerated().map {
      (body: $1.body, source: $1.source, firstLine: $1.bodyFirstLine, selfTerm: $0 as Int?)
    }
    var scans: [GlossaryScan] = []
    for document in documents {
      var scan = GlossaryScan(
        glossary: glossary, resolver: resolver, source: document.source, body: document.body,
        firstLine: document.firstLine, selfTerm: document.selfTerm)
      _ = renderMarkdown(document.body, options: markdown, rewriter: &scan)
      scan.finish()
      scans.append(scan)
    }

    // Unused: as `build` counts them, from articles only.
    let used = Set(scans.prefix(articles.published.count).flatMap(\.used))
    report.unusedTerms = glossary.terms.enumerated().filter { !used.contains($0.offset) }.map {
      UnusedTerm(slug: $1.slug, name: $1.name, location: $1.names[0].location)
    }
    report.unlinkedMentions = scans.flatMap(\.unlinked).sorted { $0.location < $1.location }
    report.deprecatedUses = deprecated(scans.flatMap(\.deprecated), glossary: glossary)
    report.candidateTerms = candidates(scans.flatMap(\.phrases), glossary: glossary)
    return report
  }

  static func deprecated(
    _ uses: [(term: Int, name: Int, location: SourceLocation)], glossary: Glossary
  )
    -> [DeprecatedUse]
  {
    var grouped: [[Int]: [SourceLocation]] = [:]
    for use in uses { grouped[[use.term, use.name], default: []].append(use.location) }
    return grouped.map { key, locations in
      let term = glossary.terms[key[0]]
      return DeprecatedUse(
        slug: term.slug, term: term.name, alias: term.names[key[1]].text,
        locations: locations.sorted())
    }.sorted { ($0.slug, $0.alias) < ($1.slug, $1.alias) }
  }

  /// Phrases seen twice or more, most frequent first; spellings of a term are not candidates.
  static func candidates(_ phrases: [(text: String, location: SourceLocation)], glossary: Glossary)
    -> [Phrase]
  {
    var byKey: [String: (spellings: [String: Int], locations: [SourceLocation])] = [:]
    for phrase in phrases {
      let key = CapitalisedPhrases.key(phrase.text)
      byKey[key, default: ([:], [])].spellings[phrase.text, default: 0] += 1
      byKey[key, default: ([:], [])].locations.append(phrase.location)
    }
    var result: [Phrase] = []
    for (_, entry) in byKey where entry.locations.count >= 2 {
      // The most used spelling names the candidate.
      guard let text = entry.spellings.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key,
        !isTerm(text, glossary: glossary)
      else { continue }
      result.append(Phrase(text: text, locations: entry.locations.sorted()))
    }
    return result.sorted { ($1.count, $0.text) < ($0.count, $1.text) }
  }

  /// A phrase the glossary already matches whole.
  static func isTerm(_ phrase: String, glossary: Glossary) -> Bool {
    var utf8 = Array(phrase.utf8)
    return utf8.withUnsafeMutableBufferPointer { buffer in
      glossary.matcher.matches(in: UnsafeBufferPointer(buffer)).contains {
        $0.range == 0..<buffer.count
      }
    }
      || glossary.terms.contains { term in
        term.names.contains { CapitalisedPhrases.key($0.text) == CapitalisedPhrases.key(phrase) }
      }
  }
}
