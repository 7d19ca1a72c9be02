import SitegenKit

/// `/tags/`: every tag A–Z with how many explainers carry it.
func tagsIndexPage(_ page: TagsIndexPage, site: SiteContext) -> HTML {
  let items = page.tags.map { t -> HTML in
    "<li><a href=\"\(t.url)\">\(t.name)</a> <span class=\"count\">(\(t.count) explainer\(t.count == 1 ? "" : "s"))</span></li>"
  }
  let main: HTML = """
    <h1>Tags</h1>
    <ul class="tag-index">\(items)</ul>
    """
  let meta = PageMeta(
    title: "Tags", description: "Every tag, with the explainers filed under it.", path: site.urls.tags,
    section: .tags)
  return layout(meta, site: site, main: main)
}

/// `/tags/<tag>/`: the explainers with one tag, newest first.
func tagPage(_ page: TagPage, site: SiteContext) -> HTML {
  let cards = page.articles.map { a -> HTML in
    """
    <li class="article-card"><h2><a href="\(a.url)">\(a.title)</a></h2>
    <p class="meta">\(time: a.date)</p><p class="summary">\(a.summary)</p></li>

    """
  }
  let main: HTML = """
    <p class="kicker"><a href="\(site.urls.tags)">Tags</a></p>
    <h1>\(page.tag.name)</h1>
    <ol class="article-list">
    \(cards)</ol>
    """
  let meta = PageMeta(
    title: "Tag: \(page.tag.name)", description: "Explainers tagged \(page.tag.name).",
    path: page.tag.url, section: .tags)
  return layout(meta, site: site, main: main)
}
