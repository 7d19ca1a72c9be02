import SitegenKit

/// `/search/`: results as one types, from an index built at build time; without JavaScript the
/// page says so and points to the lists that need none.
func searchPage(_ page: SearchPage, site: SiteContext) -> HTML {
  let main: HTML = """
    <h1>Search</h1>
    <form class="search-form" role="search" action="#" hidden>
    <label for="search-input">Search explainers and glossary terms</label>
    <input id="search-input" type="search" autocomplete="off" spellcheck="false" aria-describedby="search-status" aria-controls="search-results">
    </form>
    <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
    <ol id="search-results" class="search-results"></ol>
    <noscript><p>Search needs JavaScript. Without it, browse the <a href="\(site.urls.home)">list of explainers</a> or the <a href="\(site.urls.glossary)">glossary</a>.</p></noscript>
    """
  let meta = PageMeta(
    title: "Search", description: "Search the explainers and the glossary.", path: site.urls.search,
    section: .search, scripts: page.indexScripts + [site.urls.asset("search.js")])
  return layout(meta, site: site, main: main)
}
