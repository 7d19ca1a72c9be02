import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The feed and the sitemap of every golden site are well-formed XML, whatever the content put
/// in them (the escaping site puts markup and quotes in every field).
@Suite struct FeedAndSitemapTests {
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var text = ""
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      elements.append(name)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
  }

  func parse(_ text: String) -> (ok: Bool, collector: Collector) {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = Collector()
    parser.delegate = collector
    return (parser.parse(), collector)
  }

  @Test(arguments: GoldenSiteTests.cases)
  func feedAndSitemapParse(_ name: String) throws {
    let files = try GoldenSiteTests.outputs(of: name)
    let feed = try #require(files["feed.xml"])
    let (feedOK, feedParsed) = parse(feed)
    #expect(feedOK, "feed.xml of \(name) is not well-formed")
    #expect(feedParsed.elements.first == "feed")
    let (mapOK, mapParsed) = parse(try #require(files["sitemap.xml"]))
    #expect(mapOK, "sitemap.xml of \(name) is not well-formed")
    #expect(mapParsed.elements.contains("loc"))
  }

  @Test func feedCarriesFullContentWithTermEndnotes() throws {
    let files = try GoldenSiteTests.outputs(of: "glossary-linking")
    let (_, parsed) = parse(try #require(files["feed.xml"]))
    // The parser unescapes the content: what a feed reader shows.
    #expect(parsed.text.contains("<h2>Terms used</h2>"))
    #expect(parsed.text.contains("href=\"https://glossary.example/glossary/red-lines/\""))
    #expect(parsed.text.contains("<sup class=\"term-note\">2</sup>"))
  }

  @Test func injectedFieldsStayText() throws {
    let files = try GoldenSiteTests.outputs(of: "escaping-and-safe-mode")
    let (ok, parsed) = parse(try #require(files["feed.xml"]))
    #expect(ok)
    #expect(parsed.text.contains("<script>alert('t')</script> & \"title\""), "the title, as text")
    let scripts = files.filter { $0.key.hasPrefix("search/") && $0.key.hasSuffix(".js") }
    #expect(scripts.keys.sorted() == ["search/articles-0.js", "search/index.js"])
    for (path, text) in scripts {
      #expect(!text.contains("</script>"), "\(path) cannot close a script block")
    }
  }
}
