import SitegenKit

/// What a page tells the layout about itself, for `<head>`.
struct PageMeta {
  var title: String
  var description: String
  /// Site path of the page (`/articles/x/`): the canonical URL is made from it.
  var path: String
  var type: String = "website"
  /// JSON-LD, already serialised by `JSON`.
  var structuredData: HTML? = nil
  /// Which site section the page belongs to, for `aria-current` in the navigation.
  var section: NavSection = .none
  /// Scripts this page needs besides site.js, in order.
  var scripts: [String] = []
}

enum NavSection { case articles, glossary, tags, search, none }

/// The frame every page shares: head with canonical and social metadata, skip link, header,
/// landmarks, footer and the script.
func layout(_ meta: PageMeta, site: SiteContext, main: HTML) -> HTML {
  let config = site.config
  let fullTitle = meta.path == site.urls.home ? config.title : "\(meta.title) · \(config.title)"
  let canonical = site.urls.absolute(meta.path)
  let jsonLD: HTML =
    meta.structuredData.map { "\n<script type=\"application/ld+json\">\($0)</script>" } ?? ""
  return """
    \(reserving: 2048 + main.bytes.count)<!DOCTYPE html>
    <html lang="\(config.language)">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(fullTitle)</title>
    <meta name="description" content="\(meta.description)">
    <link rel="canonical" href="\(canonical)">
    <meta property="og:site_name" content="\(config.title)">
    <meta property="og:title" content="\(meta.title)">
    <meta property="og:description" content="\(meta.description)">
    <meta property="og:type" content="\(meta.type)">
    <meta property="og:url" content="\(canonical)">
    <meta name="color-scheme" content="light dark">
    <meta name="generator" content="sitegen">
    <link rel="stylesheet" href="\(site.urls.asset("site.css"))">
    <link rel="icon" href="\(site.urls.asset("favicon.svg"))" type="image/svg+xml">
    <link rel="alternate" type="application/atom+xml" title="\(config.title)" href="\(site.urls.feed)">\(jsonLD)
    </head>
    <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header"><a class="site-title" href="\(site.urls.home)">\(config.title)</a>
    <nav class="site-nav" aria-label="Site"><ul>\(navigation(meta.section, site: site))</ul></nav></header>
    <main id="main" tabindex="-1">
    \(main)
    </main>
    <footer class="site-footer"><p>\(config.title)\(config.description.isEmpty ? "" : " — \(config.description)")</p></footer>
    <script src="\(site.urls.asset("site.js"))" defer></script>\(meta.scripts.map { "\n<script src=\"\($0)\" defer></script>" as HTML })
    </body>
    </html>

    """
}

func navigation(_ current: NavSection, site: SiteContext) -> HTML {
  // Into one buffer: an HTML value per item, then joined, was 9,000 instructions a page.
  var out = HTML.Interpolation(literalCapacity: 256, interpolationCount: 0)
  func item(_ section: NavSection, _ url: String, _ label: String) {
    out.appendLiteral("<li><a href=\"")
    out.appendInterpolation(url)
    out.appendLiteral(section == current ? "\" aria-current=\"page\">" : "\">")
    out.appendInterpolation(label)
    out.appendLiteral("</a></li>")
  }
  item(.articles, site.urls.home, "Articles")
  item(.glossary, site.urls.glossary, "Glossary")
  item(.tags, site.urls.tags, "Tags")
  item(.search, site.urls.search, "Search")
  return HTML(stringInterpolation: out)
}

/// `<time>` with a machine-readable date and the same human date in every locale, as a value
/// of its own (a byline builds it up); lists write `\(time: date)` into themselves.
func time(_ date: ContentDate) -> HTML { "\(time: date)" }

extension HTML.Interpolation {
  /// `\(time: date)`: the `<time>` element written into the page being made, with no `HTML`
  /// value of its own. A term page dates every article that uses the term (1,871 at 10,000
  /// articles), and an `HTML` per date was a third of the cost of those lists.
  mutating func appendInterpolation(time date: ContentDate) {
    appendLiteral("<time datetime=\"")
    appendInterpolation(date.text)
    appendLiteral("\">")
    appendInterpolation(date.day)
    appendLiteral(" ")
    appendInterpolation(date.monthName)
    appendLiteral(" ")
    appendInterpolation(date.year)
    appendLiteral("</time>")
  }
}
