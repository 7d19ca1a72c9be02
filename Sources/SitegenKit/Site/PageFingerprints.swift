/// Each page's inputs as one fingerprint: what the render stage compares with the previous
/// build's to skip a page.
///
/// An article page shows sixty summaries of other pages, and a term page thousands: those count
/// by their own fingerprints, worked out once per build. Kept apart from the generic
/// `RenderStage<T>`: a closure there that read its fields looked the stage's generic metadata up
/// on every call, 58 times an article page and 5 % of a one-article edit's instructions.
struct PageFingerprints: Sendable {
  let graph: SiteGraph
  /// Made from the site and the theme: part of every page's inputs.
  private let siteInputs: UInt64
  private let termHashes: [UInt64]
  private let articleHashes: [UInt64]

  init(graph: SiteGraph, site: SiteContext, themeIdentity: String) {
    self.graph = graph
    var h = StableHasher()
    h.combine(Fingerprint.of(site))
    h.combine(themeIdentity)
    // A new sitegen binary may render the same values differently.
    h.combine(BuildState.stamp("/proc/self/exe") ?? "?")
    siteInputs = h.finalize()
    // Each summary keeps its fingerprint (`Shared.fingerprint`): worked out here, on every
    // core, a page's lists then find them.
    termHashes = graph.termSummaries.map(\.fingerprint)
    articleHashes = orderedParallelMap(graph.summaries) { $0.fingerprint }
  }

  func of(_ source: PageToMake.Source, related: [Int]) -> UInt64 {
    var h = StableHasher()
    h.combine(siteInputs)
    switch source {
    case .page(let fixed): h.combine(Fingerprint.of(fixed))
    case .term(let t): term(t, into: &h)
    case .article(let a): article(a, related: related, into: &h)
    }
    return h.finalize()
  }

  /// `graph.articlePage(a, related:)` as a fingerprint: its core field by field, the summaries
  /// it shows by their fingerprints, in its fields' order.
  private func article(_ a: Int, related: [Int], into h: inout StableHasher) {
    graph.articlePageCoreFingerprint(a, into: &h)
    h.combine(articleHashes[a])
    let terms = graph.usedTerms[a]
    h.combine(UInt64(terms.count))
    for t in terms { h.combine(termHashes[t]) }
    h.combine(UInt64(related.count))
    for r in related { h.combine(articleHashes[r]) }
    h.combine(a + 1 < articleHashes.count ? articleHashes[a + 1] : 0)
    h.combine(a > 0 ? articleHashes[a - 1] : 0)
    let notes = graph.noteTerms[a]
    h.combine(UInt64(notes.count))
    for t in notes { h.combine(termHashes[t]) }
  }

  /// `graph.termPage(t)` as a fingerprint: the page without its backlinks by value, then each
  /// backlink by its article's fingerprint, then the quoted sentences (at most
  /// `SiteGraph.quotedUses`), each after its article's fingerprint. Looking a quote up per
  /// backlink was 1,800 dictionary lookups a term at 10,000 articles, nearly all misses.
  private func term(_ t: Int, into h: inout StableHasher) {
    let core = graph.termPage(t, withBacklinks: false)
    h.combine(Fingerprint.of(Page.term(core)))
    h.combine(UInt64(graph.postings[t].count))
    for a in graph.postings[t] { h.combine(articleHashes[a]) }
    let quoted = graph.quotes[t]
    h.combine(UInt64(quoted.count))
    for q in quoted {
      h.combine(articleHashes[q.article])  // not the index, which an added article shifts
      h.combine(q.sentence)
    }
  }
}
