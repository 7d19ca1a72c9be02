/// `/feed.xml`: an Atom feed of every published article with its full content, term links and
/// the terms' endnotes, so feed readers get the definitions too.
enum AtomFeed {
  struct Entry {
    var article: ArticleSummary
    var authors: [String]
    var html: String
    var endnotes: [TermSummary]
  }

  static func render(_ entries: [Entry], site: SiteContext) -> String {
    let urls = site.urls
    let updated = entries.map { $0.article.updated ?? $0.article.date }.max()
    var out = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XML.escape(site.config.language))">
      <title>\(XML.escape(site.config.title))</title>
      <subtitle>\(XML.escape(site.config.description))</subtitle>
      <id>\(XML.escape(urls.absolute(urls.home)))</id>
      <link rel="alternate" type="text/html" href="\(XML.escape(urls.absolute(urls.home)))"/>
      <link rel="self" type="application/atom+xml" href="\(XML.escape(urls.absolute(urls.feed)))"/>
      <updated>\(timestamp(updated))</updated>
      <author><name>\(XML.escape(site.config.title))</name></author>
      <generator>sitegen</generator>

      """
    // A feed's entries share most of their terms: each note is made once.
    var notes: [TermSummary: String] = [:]
    for entry in entries {
      let a = entry.article
      let url = XML.escape(urls.absolute(a.url))
      let authors = entry.authors.map { "<author><name>\(XML.escape($0))</name></author>" }.joined()
      out += """
        <entry>
        <title>\(XML.escape(a.title))</title>
        <id>\(url)</id>
        <link rel="alternate" type="text/html" href="\(url)"/>
        <published>\(timestamp(a.date))</published>
        <updated>\(timestamp(a.updated ?? a.date))</updated>
        \(authors)<summary>\(XML.escape(a.summary))</summary>
        \(a.tags.map { "<category term=\"\(XML.escape($0))\"/>" }.joined())<content type="html">\(XML.escape(absolutized(entry.html, urls: urls) + endnotes(entry.endnotes, urls: urls, notes: &notes)))</content>
        </entry>

        """
    }
    return out + "</feed>\n"
  }

  /// The terms as numbered notes after the article, as the print style shows them.
  static func endnotes(
    _ terms: [TermSummary], urls: SiteURLs, notes: inout [TermSummary: String]
  ) -> String {
    guard !terms.isEmpty else { return "" }
    let items = terms.map { t in
      if let made = notes[t] { return made }
      let made =
        "<li><a href=\"\(HTML.escape(urls.absolute(t.url)))\">\(HTML.escape(t.name))</a>: \(HTML.escape(t.summary))</li>"
      notes[t] = made
      return made
    }
    return "\n<h2>Terms used</h2>\n<ol>\(items.joined())</ol>\n"
  }

  /// Feed readers resolve links against the feed, not the page: root-relative site links made
  /// by the link stage (`href="/…"`) become absolute. Only our own attribute form is touched.
  static func absolutized(_ html: String, urls: SiteURLs) -> String {
    // On bytes: `String.replacing` compares Characters, and took most of the feed's time.
    let needle = Array("href=\"\(urls.basePath)".utf8)
    let replacement = Array("href=\"\(urls.absolute(urls.basePath))".utf8)
    var html = html
    return html.withUTF8 { bytes -> String in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 16)
      var clean = 0  // start of the run not yet copied: copied whole, not a byte at a time
      var i = 0
      while i + needle.count <= bytes.count {
        if bytes[i] == needle[0],
          UnsafeBufferPointer(rebasing: bytes[i..<i + needle.count]).elementsEqual(needle)
        {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i]))
          out += replacement
          i += needle.count
          clean = i
        } else {
          i += 1
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// RFC 3339 as Atom wants it: dates at midnight UTC, date-times as written.
  static func timestamp(_ date: ContentDate?) -> String {
    guard let date else { return "1970-01-01T00:00:00Z" }
    return date.text.count == 10 ? date.text + "T00:00:00Z" : date.text
  }
}
