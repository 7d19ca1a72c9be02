import SitegenKit

/// The publication's look: every page kind through its typed template, and the assets they use.
public struct SiteTheme: Theme {
  public init() {}

  public func render(_ page: Page, site: SiteContext) -> HTML {
    switch page {
    case .home(let home): return homePage(home, site: site)
    case .article(let article): return articlePage(article, site: site)
    case .term(let term): return termPage(term, site: site)
    case .glossaryIndex(let index): return glossaryIndexPage(index, site: site)
    case .tagsIndex(let index): return tagsIndexPage(index, site: site)
    case .tag(let tag): return tagPage(tag, site: site)
    case .search(let search): return searchPage(search, site: site)
    case .notFound: return notFoundPage(site: site)
    }
  }

  /// Compiled into the binary (`.embedInCode`), so a site builds from any folder.
  public var assets: [Asset] {
    [
      Asset(name: "site.css", bytes: PackageResources.site_css),
      Asset(name: "site.js", bytes: PackageResources.site_js),
      Asset(name: "search.js", bytes: PackageResources.search_js),
      Asset(name: "favicon.svg", bytes: PackageResources.favicon_svg),
    ]
  }
}
