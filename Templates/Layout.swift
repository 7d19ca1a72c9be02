import SitegenKit

/// What a page tells the layout about itself, for `<head>`.
struct PageMeta {
  var title: String
  var description: String
  /// Site path of the page (`/articles/x/`): the canonical URL is made from it.
  var path: String
  var type: String = "website"
  /// JSON-LD, already serialised by `JSON`.
  var structuredData: String? = nil
}

/// The frame every page shares: head with canonical and social metadata, skip link, header,
/// landmarks, footer and the script.
func layout(_ meta: PageMeta, site: SiteContext, main: HTML) -> HTML {
  let config = site.config
  let fullTitle = meta.path == site.urls.home ? config.title : "\(meta.title) · \(config.title)"
  let canonical = site.urls.absolute(meta.path)
  let jsonLD: HTML =
    meta.structuredData.map { "\n<script type=\"application/ld+json\">\(raw: $0)</script>" } ?? ""
  return """
    <!DOCTYPE html>
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
    <link rel="stylesheet" href="\(site.urls.asset("site.css"))">\(jsonLD)
    </head>
    <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header"><a class="site-title" href="\(site.urls.home)">\(config.title)</a>
    <nav class="site-nav" aria-label="Site"><ul><li><a href="\(site.urls.home)">Articles</a></li><li><a href="\(site.urls.glossary)">Glossary</a></li></ul></nav></header>
    <main id="main" tabindex="-1">
    \(main)
    </main>
    <footer class="site-footer"><p>\(config.title)\(config.description.isEmpty ? "" : " — \(config.description)")</p></footer>
    <script src="\(site.urls.asset("site.js"))" defer></script>
    </body>
    </html>

    """
}

/// `<time>` with a machine-readable date and the same human date in every locale.
func time(_ date: ContentDate) -> HTML {
  "<time datetime=\"\(date.text)\">\(date.display)</time>"
}
