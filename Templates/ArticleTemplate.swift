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
  let keyTerms = keyTermsBox(page.keyTerms, notes: page.endnotes)
  let related = relatedBox(page.related)
  let parts = [page.body, contents, keyTerms, related].reduce(0) { $0 + $1.bytes.count }
  let main: HTML = """
    \(reserving: 1024 + parts)<article class="article">
    <header class="article-header">
    <h1>\(a.title)</h1>
    <p class="standfirst">\(a.summary)</p>
    <p class="byline">\(HTML.join(byline, separator: " · "))</p>\(tagList(a.tags, site: site))
    </header>
    \(contents)<div class="article-body">
    \(page.body)</div>
    \(keyTerms)\(related)\(neighbours.isEmpty ? "" : "<nav class=\"prev-next\" aria-label=\"More explainers\">\(neighbours)</nav>\n" as HTML)</article>
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

/// The terms a page uses, with their summaries. Term links point here with
/// `aria-describedby`, the pop-up script reads name and summary from here, and print shows the
/// box as the endnotes the links' numbers point to: each linked term's item carries its number
/// (`data-note`). One list serves both: a second one for print repeated every name and summary,
/// 14 % of an article page's bytes.
func keyTermsBox(_ terms: [TermSummary], notes: [TermSummary], title: String = "Key terms")
  -> HTML
{
  guard !terms.isEmpty || !notes.isEmpty else { return "" }
  // Each term's note, by the position of its box (summaries are shared boxes, one per term).
  // The linker numbers notes in the order of first link and lists key terms in the order of
  // first use, the same order unless a term was first used where it is not linked (a heading).
  var numbers = [Int](repeating: 0, count: terms.count)
  var extra: [(TermSummary, Int)] = []
  for (n, note) in notes.enumerated() {
    if n < terms.count && terms[n] == note {
      numbers[n] = n + 1
    } else if let i = terms.firstIndex(of: note) {
      numbers[i] = n + 1
    } else {
      // Every linked term is a used one; were one not, print would still show its note.
      extra.append((note, n + 1))
    }
  }
  var out = HTML.Interpolation(
    literalCapacity: 160 + 192 * (terms.count + extra.count), interpolationCount: 0)
  out.appendLiteral(
    "<aside class=\"key-terms\" aria-labelledby=\"sg:key-terms\"><h2 id=\"sg:key-terms\">")
  out.appendInterpolation(title)
  out.appendLiteral("</h2>\n<dl>")
  func item(_ t: TermSummary, _ note: Int) {
    out.appendInterpolation(
      keyTermOpens(t) { "<div class=\"key-term\" data-term=\"\($0.escaped.slug)\"" })
    if note < noteAttributes.count {
      out.appendInterpolation(noteAttributes[note])
    } else {
      out.appendLiteral(" data-note=\"")
      out.appendInterpolation(note)
      out.appendLiteral("\"")
    }
    out.appendInterpolation(
      keyTermItems(t) { t in
        let e = t.escaped
        return
          "><dt><a href=\"\(e.url)\">\(e.name)</a></dt><dd id=\"gloss:\(e.slug)\">\(e.summary)</dd></div>"
      })
  }
  for (i, t) in terms.enumerated() { item(t, numbers[i]) }
  for (t, note) in extra { item(t, note) }
  out.appendLiteral("</dl></aside>\n")
  return HTML(stringInterpolation: out)
}

/// ` data-note="n"` for the first notes (none for 0), made once: formatting the number and
/// its quotes on each item cost more than copying the rest of the item.
private let noteAttributes: [HTML] = (0..<256).map { $0 == 0 ? "" : " data-note=\"\($0)\"" }
private let keyTermOpens = FragmentMemo<TermSummary>()
private let keyTermItems = FragmentMemo<TermSummary>()

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
