/// The glossary's definitions, linked: taken whole from the previous build's cache while nothing
/// a definition's HTML follows from has changed, else all linked again.
///
/// An edit to an article used to link all the definitions anew: a cmark parse and a term scan
/// for each of the glossary's terms (0.7 % of a one-article edit of the benchmark's site, whose
/// definitions are a sentence each; more for real ones). All or nothing, not term by term: a
/// definition's links follow every term's spellings and every file's path, which the key holds
/// whole, and an edit to the glossary is rare next to an edit to an article.
enum TermLinks {
  /// `context`: the link stage's (`LinkStage.context`), which it worked out already.
  static func link(
    _ terms: [Term], linker: DocumentLinker, context: UInt64, mode: GlossaryLinkMode,
    previous: BuildCache?
  ) -> (key: UInt64, documents: [LinkedDocument], fresh: Bool) {
    let key = key(terms, linker: linker, context: context, mode: mode)
    if let cached = previous?.linkedTerms, cached.key == key, cached.documents.count == terms.count
    {
      return (key, cached.documents, false)
    }
    let documents = orderedParallelMap(terms) { term in
      linker.link(
        body: term.body, source: term.source, firstLine: term.bodyFirstLine, mode: mode,
        selfTerm: term.slug)
    }
    return (key, documents, true)
  }

  /// What a definition's HTML, headings, links and diagnostics follow from: the link stage's
  /// context (the sitegen binary, Markdown options, URLs, every term's spellings), what every
  /// link can resolve to, the link mode, and each term's file, slug and body.
  static func key(
    _ terms: [Term], linker: DocumentLinker, context: UInt64, mode: GlossaryLinkMode
  ) -> UInt64 {
    var h = StableHasher()
    h.combine(context)
    h.combine(linker.resolver.fingerprint)
    h.combine(mode.rawValue)
    h.combine(UInt64(terms.count))
    for term in terms {
      h.combine(term.source.relativePath)
      h.combine(term.source.displayPath)
      h.combine(term.slug)
      h.combine(UInt64(term.bodyFirstLine))
      h.combine(term.body)
    }
    return h.finalize()
  }
}
