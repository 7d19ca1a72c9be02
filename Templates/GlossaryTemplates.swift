import SitegenKit

/// `/glossary/<slug>/`: the definition, other spellings, related terms, and every explainer
/// that uses the term, the newest with the sentence where they do.
func termPage(_ page: TermPage, site: SiteContext) -> HTML {
  let t = page.term
  var sections: HTML = ""
  if !page.aliases.isEmpty {
    sections = """
      \(sections)<section class="term-aliases" aria-labelledby="sg:aliases"><h2 id="sg:aliases">Also written</h2>
      <ul>\(page.aliases.map { "<li>\($0)</li>" as HTML })</ul></section>

      """
  }
  if !page.related.isEmpty {
    sections = """
      \(sections)<section class="term-related" aria-labelledby="sg:related-terms"><h2 id="sg:related-terms">Related terms</h2>
      <ul class="term-chips">\(page.related.map { "<li><a href=\"\($0.url)\">\($0.name)</a></li>" as HTML })</ul></section>

      """
  }
  let uses: HTML =
    page.backlinks.isEmpty
    ? "<p>No published explainer uses this term yet.</p>" : backlinkList(page.backlinks)
  let keyTerms = keyTermsBox(
    page.keyTerms, notes: page.endnotes, title: "Terms in this definition")
  let parts = [sections, uses, keyTerms].reduce(0) { $0 + $1.bytes.count }
  let main: HTML = """
    \(reserving: 1024 + page.definition.utf8.count + parts)<article class="term-page">
    <p class="kicker"><a href="\(site.urls.glossary)">Glossary</a></p>
    <h1>\(t.name)</h1>
    <p class="term-summary">\(t.summary)</p>
    <div class="term-definition">
    \(raw: page.definition)</div>
    \(sections)<section class="backlinks" aria-labelledby="sg:backlinks"><h2 id="sg:backlinks">Explainers that use this term</h2>
    \(uses)</section>
    \(keyTerms)</article>
    """
  return layout(
    PageMeta(title: t.name, description: t.summary, path: t.url, section: .glossary), site: site,
    main: main)
}

/// The explainers that use a term, newest first, the newest with the sentence. Written into one
/// list: a term page of a large site lists thousands, and each item was an `HTML` of its own.
private func backlinkList(_ backlinks: Backlinks) -> HTML {
  var list = HTML.Interpolation(literalCapacity: 160 * backlinks.count, interpolationCount: 0)
  list.appendLiteral("<ol>")
  backlinks.forEachUse { article, sentence in
    backlinkHeads.append(article, of: backlinks.articles, to: &list) {
      "<li><a href=\"\($0.url)\">\($0.title)</a> \(time: $0.date)"
    }
    list.appendInterpolation(quote: sentence)
    list.appendLiteral("</li>")
  }
  list.appendLiteral("</ol>")
  return HTML(stringInterpolation: list)
}

/// An article's link and date as a term page lists it: the same on each term page it is on.
private let backlinkHeads = IndexedMarkupMemo<ArticleSummary>()

extension HTML.Interpolation {
  /// `\(quote: sentence)`: the sentence where an explainer uses the term, written into the
  /// list being made; only the newest uses are quoted (nil writes nothing).
  fileprivate mutating func appendInterpolation(quote sentence: String?) {
    guard let sentence else { return }
    appendLiteral("<blockquote class=\"use-sentence\"><p>")
    appendInterpolation(sentence)
    appendLiteral("</p></blockquote>")
  }
}

/// `/glossary/`: every term A–Z with its summary.
func glossaryIndexPage(_ page: GlossaryIndexPage, site: SiteContext) -> HTML {
  let items = page.terms.map { t -> HTML in
    "<li><a href=\"\(t.url)\">\(t.name)</a><p>\(t.summary)</p></li>"
  }
  let main: HTML = """
    <h1>Glossary</h1>
    <p class="standfirst">The words the talks turn on, and what each side means by them.</p>
    <ol class="glossary-index">\(items)</ol>
    """
  let meta = PageMeta(
    title: "Glossary", description: "Every term the explainers use, A to Z, with what it means.",
    path: site.urls.glossary, section: .glossary)
  return layout(meta, site: site, main: main)
}

/// `/404.html`: served for unknown paths; links back into the site.
func notFoundPage(site: SiteContext) -> HTML {
  let main: HTML = """
    <h1>Page not found</h1>
    <p>There is no page at this address. Try the <a href="\(site.urls.home)">list of explainers</a> or the <a href="\(site.urls.glossary)">glossary</a>.</p>
    """
  let meta = PageMeta(
    title: "Page not found", description: "There is no page at this address.",
    path: site.urls.home + "404.html")
  return layout(meta, site: site, main: main)
}
