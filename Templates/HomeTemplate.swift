import SitegenKit

/// `/`: the lead explainer, then every article newest first, then the most used terms.
func homePage(_ page: HomePage, site: SiteContext) -> HTML {
  var main: HTML = "<h1 class=\"visually-hidden\">\(site.config.title)</h1>\n"
  if let lead = page.articles.first {
    main = """
      \(main)<section class="lead" aria-labelledby="sg:lead">
      <p class="kicker">Latest explainer</p>
      <h2 id="sg:lead"><a href="\(lead.url)">\(lead.title)</a></h2>
      <p class="meta">\(time: lead.date)</p>
      <p class="summary">\(lead.summary)</p>
      </section>

      """
  } else {
    main = "\(main)<p>No explainers are published yet.</p>\n"
  }
  if !page.articles.isEmpty {
    let cards = page.articles.map { a -> HTML in
      let tags: HTML =
        a.tags.isEmpty ? "" : "<ul class=\"tags\" aria-label=\"Tags\">\(a.tags.map { "<li><a href=\"\(site.urls.tag($0))\">\($0)</a></li>" as HTML })</ul>"
      return """
        <li class="article-card"><h3><a href="\(a.url)">\(a.title)</a></h3>
        <p class="meta">\(time: a.date)</p><p class="summary">\(a.summary)</p>\(tags)</li>

        """
    }
    main = """
      \(main)<section class="articles" aria-labelledby="sg:all">
      <h2 id="sg:all">All explainers</h2>
      <ol class="article-list">
      \(cards)</ol>
      </section>

      """
  }
  if !page.popularTerms.isEmpty {
    main = """
      \(main)<section class="popular-terms" aria-labelledby="sg:popular">
      <h2 id="sg:popular">Most used terms</h2>
      <ul class="term-chips">\(page.popularTerms.map { "<li><a href=\"\($0.url)\">\($0.name)</a></li>" as HTML })</ul>
      </section>
      """
  }
  let meta = PageMeta(
    title: site.config.title, description: site.config.description, path: site.urls.home,
    section: .articles)
  return layout(meta, site: site, main: main)
}
