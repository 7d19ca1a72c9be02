/// `/sitemap.xml` and `/robots.txt`.
enum Sitemap {
  struct Entry {
    var path: String
    var lastModified: ContentDate?
  }

  static func render(_ entries: [Entry], urls: SiteURLs) -> String {
    var out = """
      <?xml version="1.0" encoding="utf-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

      """
    for entry in entries.sorted(by: { $0.path < $1.path }) {
      out += "<url><loc>\(XML.escape(urls.absolute(entry.path)))</loc>"
      if let date = entry.lastModified { out += "<lastmod>\(date.isoDate)</lastmod>" }
      out += "</url>\n"
    }
    return out + "</urlset>\n"
  }

  static func robots(urls: SiteURLs) -> String {
    "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute(urls.sitemap))\n"
  }
}
