import SitegenKit
import SitegenMarkdown

/// `/articles/<slug>/`: header with standfirst and dates, contents, body, key terms, related
/// explainers, older and newer.
func articlePage(_ page: ArticlePage, site: SiteContext) -> HTML {
  let a = page.article
  var byline: [HTML] = []
  if !page.authors.isEmpty {
    byline.append("By <span class=\"authors\">\(page.authors.joined(separator: ", "))</span>")
  }
  byline.append(time(a.date))
  if let updated = a.updated { byline.append("Updated \(time(updated))") }
  byline.append("<span class=\"reading-time\">\(page.readingMinutes) min read</span>")

  var neighbours: [HTML] = []
  if let older = page.older {
    neighbours.append("<a rel=\"prev\" href=\"\(older.url)\">← \(older.title)</a>")
  }
  if let newer = page.newer {
    neighbours.append("<a rel=\"next\" href=\"\(newer.url)\">\(newer.title) →</a>")
  }

  let contents = tableOfContents(page.headings)
  let endnotes = endnotesSection(page.endnotes)
  let keyTerms = keyTermsBox(page.keyTerms)
  let related = relatedBox(page.related)
  let parts = [page.body, contents, endnotes, keyTerms, related].reduce(0) { $0 + $1.bytes.count }
  let main: HTML = """
    \(reserving: 1024 + parts)<article class="article">
    <header class="article-header">
    <h1>\(a.title)</h1>
    <p class="standfirst">\(a.summary)</p>
    <p class="byline">\(HTML.join(byline, separator: " · "))</p>\(tagList(a.tags, site: site))
    </header>
    \(contents)<div class="article-body">
    \(page.body)</div>
    \(endnotes)\(keyTerms)\(related)\(neighbours.isEmpty ? "" : "<nav class=\"prev-next\" aria-label=\"More explainers\">\(neighbours)</nav>\n" as HTML)</article>
    """
  let meta = PageMeta(
    title: a.title, description: a.summary, path: a.url, type: "article",
    structuredData: articleJSONLD(page, site: site), section: .articles)
  return layout(meta, site: site, main: main)
}

/// Contents from the h2 and h3 headings, h3 nested under the h2 before them.
func tableOfContents(_ headings: [Heading]) -> HTML {
  var groups: [(top: Heading, children: [Heading])] = []
  for h in headings where h.level == 2 || h.level == 3 {
    if h.level == 3, !groups.isEmpty, groups[groups.count - 1].top.level == 2 {
      groups[groups.count - 1].children.append(h)
    } else {
      groups.append((h, []))
    }
  }
  // A closure, not `\.children.count`: a key path into a tuple is not inlined, and asking the
  // runtime for it cost 2,300 instructions a page.
  guard groups.count + groups.reduce(0, { $0 + $1.children.count }) >= 2 else { return "" }
  // Written into one buffer: an HTML value per link and per item, then joined, was 3,500
  // instructions a heading.
  var out = HTML.Interpolation(literalCapacity: 128 + 96 * headings.count, interpolationCount: 0)
  func link(_ h: Heading) {
    out.appendLiteral("<li><a href=\"#")
    out.appendInterpolation(h.id)
    out.appendLiteral("\">")
    out.appendInterpolation(h.text)
    out.appendLiteral("</a>")
  }
  out.appendLiteral(
    "<nav class=\"toc\" aria-labelledby=\"sg:toc\"><h2 id=\"sg:toc\">Contents</h2><ol>")
  for g in groups {
    link(g.top)
    if !g.children.isEmpty {
      out.appendLiteral("<ol>")
      for child in g.children {
        link(child)
        out.appendLiteral("</li>")
      }
      out.appendLiteral("</ol>")
    }
    out.appendLiteral("</li>")
  }
  out.appendLiteral("</ol></nav>\n")
  return HTML(stringInterpolation: out)
}

/// The terms a page uses, with their summaries; term links point here with
/// `aria-describedby`, and the pop-up script reads name and summary from here.
func keyTermsBox(_ terms: [TermSummary], title: String = "Key terms") -> HTML {
  guard !terms.isEmpty else { return "" }
  let items = terms.map { t in
    keyTermItems(t) { t in
      let e = t.escaped
      return
        "<div class=\"key-term\" data-term=\"\(e.slug)\"><dt><a href=\"\(e.url)\">\(e.name)</a></dt><dd id=\"gloss:\(e.slug)\">\(e.summary)</dd></div>"
    }
  }
  return """
    <aside class="key-terms" aria-labelledby="sg:key-terms"><h2 id="sg:key-terms">\(title)</h2>
    <dl>\(items)</dl></aside>

    """
}

private let keyTermItems = FragmentMemo<TermSummary>()
private let endnoteItems = FragmentMemo<TermSummary>()

/// The linked terms as numbered notes with their definitions: shown in print only, where the
/// term links' numbers point here.
func endnotesSection(_ terms: [TermSummary]) -> HTML {
  guard !terms.isEmpty else { return "" }
  let items = terms.map { t in
    endnoteItems(t) { "<li><strong>\($0.escaped.name)</strong>: \($0.escaped.summary)</li>" }
  }
  return """
    <section class="term-endnotes" aria-labelledby="sg:endnotes"><h2 id="sg:endnotes">Terms used</h2>
    <ol>\(items)</ol></section>

    """
}

func tagList(_ tags: [String], site: SiteContext) -> HTML {
  guard !tags.isEmpty else { return "" }
  return
    "\n<ul class=\"tags\" aria-label=\"Tags\">\(tags.map { "<li><a href=\"\(site.urls.tag($0))\">\($0)</a></li>" as HTML })</ul>"
}

func relatedBox(_ related: [ArticleSummary]) -> HTML {
  guard !related.isEmpty else { return "" }
  return """
    <aside class="related-articles" aria-labelledby="sg:related"><h2 id="sg:related">Related explainers</h2>
    <ul>\(related.map { "<li><a href=\"\($0.url)\">\($0.title)</a></li>" as HTML })</ul></aside>

    """
}

/// schema.org `Article`, serialised by `JSON` (which also escapes `<` for the script block).
/// Written straight into bytes: joined Strings and interpolations were 33,000 instructions a
/// page for 400 bytes.
func articleJSONLD(_ page: ArticlePage, site: SiteContext) -> HTML {
  let a = page.article
  var out: [UInt8] = []
  out.reserveCapacity(512)
  func literal(_ text: StaticString) {
    text.withUTF8Buffer { out.append(contentsOf: $0) }
  }
  func field(_ name: StaticString, _ value: String) {
    literal(name)
    JSON.append(value, to: &out)
  }
  field(#"{"@context":"https://schema.org","@type":"Article","headline":"#, a.title)
  field(#","description":"#, a.summary)
  field(#","datePublished":"#, a.date.text)
  field(#","dateModified":"#, (a.updated ?? a.date).text)
  field(#","mainEntityOfPage":"#, site.urls.absolute(a.url))
  field(#","inLanguage":"#, site.config.language)
  field(#","publisher":{"@type":"Organization","name":"#, site.config.title)
  literal("}")
  for (i, author) in page.authors.enumerated() {
    field(
      i == 0 ? #","author":[{"@type":"Person","name":"# : #",{"@type":"Person","name":"#, author)
    literal("}")
  }
  if !page.authors.isEmpty { literal("]") }
  if !a.tags.isEmpty { field(#","keywords":"#, a.tags.joined(separator: ", ")) }
  literal("}")
  return HTML(rawBytes: out)
}
