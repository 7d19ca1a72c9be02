import Testing

@testable import SitegenKit

/// The feed's text passes: XML escaping and making the site's own links absolute, over bytes
/// copied a run at a time. Each case puts what matters at the edges, where runs begin and end.
@Suite struct FeedTextTests {
  @Test(arguments: [
    ("plain text, nothing to do", "plain text, nothing to do"),
    ("<p>", "&lt;p&gt;"),
    ("a<b>&\"'c", "a&lt;b&gt;&amp;&quot;&apos;c"),
    ("Кириллица & ’quotes’ 🇺🇦", "Кириллица &amp; ’quotes’ 🇺🇦"),
    ("\u{1}bell\u{7} and tab\tkept\n", "bell and tab\tkept\n"),
    ("ends with &", "ends with &amp;"),
    ("", ""),
  ])
  func xmlEscapesEveryReservedByteAndDropsControlCharacters(text: String, escaped: String) {
    #expect(XML.escape(text) == escaped)
  }

  @Test func onlyTheSitesOwnRootRelativeLinksBecomeAbsolute() {
    let urls = SiteURLs(SiteConfig(title: "T", baseURL: "https://example.org/news/"))
    let html =
      #"<a href="/news/articles/a/">a</a><a href="/news/glossary/b/">"#
      + #"<a href="https://elsewhere/">x</a><a href='/news/c/'>c</a> href="/news"#
    #expect(
      AtomFeed.absolutized(html, urls: urls)
        == #"<a href="https://example.org/news/articles/a/">a</a>"#
        + #"<a href="https://example.org/news/glossary/b/">"#
        + #"<a href="https://elsewhere/">x</a><a href='/news/c/'>c</a> href="/news"#)
    #expect(
      AtomFeed.absolutized(#"href="/news/"#, urls: urls) == #"href="https://example.org/news/"#,
      "a link at the very end")
    #expect(AtomFeed.absolutized("no links", urls: urls) == "no links")
  }
}
