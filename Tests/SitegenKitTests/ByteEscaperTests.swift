import Testing

@testable import SitegenKit

/// `ByteEscaper` copies clean runs whole and replacements from a flat table; it must give what
/// replacing byte by byte gives, for replacements of every length from empty to eight bytes.
@Suite struct ByteEscaperTests {
  static func replacement(_ b: UInt8) -> StaticString? {
    switch b {
    case UInt8(ascii: "<"): return "&lt;"
    case UInt8(ascii: "&"): return "&amp;"
    case UInt8(ascii: "\""): return "&quot;"
    case UInt8(ascii: "~"): return "12345678"
    case UInt8(ascii: "^"): return "x"
    case 0..<9: return ""
    default: return nil
    }
  }

  static func naive(_ text: String) -> String {
    var out: [UInt8] = []
    for b in text.utf8 {
      if let r = replacement(b) {
        r.withUTF8Buffer { out.append(contentsOf: $0) }
      } else {
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  @Test func escapingIsByteByByteReplacement() {
    let escaper = ByteEscaper(Self.replacement)
    let pieces = [
      "", "a", "<", "&&", "\"x\"", "~", "^^", "\u{1}", "\u{8}tab", "кий", "<p>Київ &c.</p>",
    ]
    var seed: UInt64 = 7
    for _ in 0..<500 {
      var text = ""
      for _ in 0..<Int(seed % 9) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
      }
      #expect(escaper.escape(text) == Self.naive(text), "\(text.debugDescription)")
      var out: [UInt8] = Array("prefix".utf8)
      escaper.append(text, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == "prefix" + Self.naive(text))
    }
    // Text with nothing to escape comes back as it is.
    #expect(escaper.escape("plain text") == "plain text")
  }

  @Test func theSitesEscapersKeepTheirReplacements() {
    #expect(XML.escape("a<b>&\"c'\u{1}d\u{9}") == "a&lt;b&gt;&amp;&quot;c&apos;d\u{9}")
    #expect(
      HTML.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
  }
}
