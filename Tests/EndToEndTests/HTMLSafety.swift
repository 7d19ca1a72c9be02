import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads built files the way a browser would, just enough to say whether content got out of
/// its text: only the scripts the templates emit, every attribute quoted, no event handlers,
/// no script URLs, JSON-LD and the search index valid JSON, the feed well-formed XML.
enum HTMLSafety {
  /// Problems in every file of `pages` (site path → bytes); empty when all is well.
  static func problems(in pages: [String: [UInt8]]) -> [String] {
    var out: [String] = []
    for (path, bytes) in pages.sorted(by: { $0.key < $1.key }) {
      let text = String(decoding: bytes, as: UTF8.self)
      if path.hasSuffix(".html") {
        out += problems(html: text).map { "\(path): \($0)" }
      } else if path == "search/index.js" {
        out += problems(searchIndex: text).map { "\(path): \($0)" }
      } else if path.hasPrefix("search/articles-") {
        out += problems(searchShard: text).map { "\(path): \($0)" }
      } else if path.hasSuffix(".xml") {
        let parser = XMLParser(data: Data(bytes))
        if !parser.parse() {
          out.append("\(path): not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
      }
    }
    return out
  }

  static func problems(searchIndex text: String) -> [String] {
    let prefix = "window.sitegenSearchIndex="
    guard text.hasPrefix(prefix) else { return ["does not start with \(prefix)"] }
    var json = text.dropFirst(prefix.count)
    while let last = json.last, last == "\n" || last == ";" { json.removeLast() }
    if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
      return ["the index is not one JSON value: a string broke out"]
    }
    return []
  }

  /// A shard adds one JSON array of entries to the index, and nothing else.
  static func problems(searchShard text: String) -> [String] {
    let prefix = "window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat("
    let suffix = ");\n"
    guard text.hasPrefix(prefix), text.hasSuffix(suffix) else {
      return ["is not one concat(...) of the index's articles"]
    }
    let json = text.dropFirst(prefix.count).dropLast(suffix.count)
    guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) is [Any] else {
      return ["the shard is not one JSON array: a string broke out"]
    }
    return []
  }

  /// A small tokenizer: tags, attributes, comments, and raw text inside script and style.
  static func problems(html: String) -> [String] {
    var out: [String] = []
    let s = Array(html.utf8)
    var i = 0
    func starts(_ word: String, at j: Int) -> Bool {
      let w = Array(word.utf8)
      guard j + w.count <= s.count else { return false }
      for k in 0..<w.count where lower(s[j + k]) != w[k] { return false }
      return true
    }
    func find(_ word: String, from j: Int) -> Int? {
      var k = j
      while k < s.count {
        if starts(word, at: k) { return k }
        k += 1
      }
      return nil
    }
    while i < s.count {
      guard s[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      if starts("<!--", at: i) {
        i = (find("-->", from: i + 4) ?? s.count) + 3
        continue
      }
      if starts("<!", at: i) || starts("</", at: i) {
        i = (s[i...].firstIndex(of: UInt8(ascii: ">")) ?? s.count) + 1
        continue
      }
      guard i + 1 < s.count, isLetter(s[i + 1]) else {
        out.append("a bare '<' in text at byte \(i)")
        i += 1
        continue
      }
      // Tag name, then attributes.
      var j = i + 1
      while j < s.count, !isSpace(s[j]), s[j] != UInt8(ascii: ">"), s[j] != UInt8(ascii: "/") {
        j += 1
      }
      let name = String(decoding: s[(i + 1)..<j].map(lower), as: UTF8.self)
      var attributes: [(String, String)] = []
      while j < s.count {
        while j < s.count, isSpace(s[j]) || s[j] == UInt8(ascii: "/") { j += 1 }
        if j >= s.count || s[j] == UInt8(ascii: ">") { break }
        let nameStart = j
        while j < s.count, !isSpace(s[j]), s[j] != UInt8(ascii: "="), s[j] != UInt8(ascii: ">") {
          j += 1
        }
        let attribute = String(decoding: s[nameStart..<j].map(lower), as: UTF8.self)
        var value = ""
        if j < s.count, s[j] == UInt8(ascii: "=") {
          j += 1
          guard j < s.count, s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") else {
            out.append("<\(name)> has an unquoted value for '\(attribute)'")
            break
          }
          let quote = s[j]
          let end = s[(j + 1)...].firstIndex(of: quote) ?? s.count
          value = String(decoding: s[(j + 1)..<min(end, s.count)], as: UTF8.self)
          j = end + 1
        }
        attributes.append((attribute, value))
      }
      i = j + 1
      for (attribute, value) in attributes {
        if attribute.hasPrefix("on") { out.append("<\(name)> has an event handler '\(attribute)'") }
        if ["href", "src", "action", "formaction", "xlink:href"].contains(attribute),
          isScriptURL(value)
        {
          out.append("<\(name) \(attribute)> is a script URL: \(value)")
        }
        if ![
          "href", "src", "class", "id", "content", "name", "rel", "type", "lang", "charset",
          "property", "title", "alt", "defer", "hidden", "aria-label", "aria-current",
          "aria-hidden", "aria-labelledby", "aria-describedby", "aria-expanded", "aria-controls",
          "aria-live", "role", "datetime", "colspan", "rowspan", "align", "start", "checked",
          "disabled", "loading", "width", "height", "for", "placeholder", "autocomplete", "method",
          "tabindex", "spellcheck", "action", "hreflang", "sizes", "media", "value", "scope", "dir",
          "translate",
        ].contains(attribute), !attribute.hasPrefix("data-"), !attribute.hasPrefix("aria-") {
          out.append("<\(name)> has an unexpected attribute '\(attribute)'")
        }
      }
      if name == "script" {
        let end = find("</script", from: i) ?? s.count
        let body = String(decoding: s[i..<end], as: UTF8.self)
        let type = attributes.first { $0.0 == "type" }?.1
        let src = attributes.first { $0.0 == "src" }?.1
        if type == "application/ld+json" && src == nil {
          if (try? JSONSerialization.jsonObject(with: Data(body.utf8))) == nil {
            out.append("JSON-LD is not valid JSON: \(body.prefix(80))")
          }
        } else if let src, src.hasPrefix("/"), type == nil, body.isEmpty {
          // a template's own script file
        } else {
          out.append("a <script> the templates do not emit: \(body.prefix(80))")
        }
        i = end
      } else if name == "style" {
        i = find("</style", from: i) ?? s.count
      }
    }
    return out
  }

  /// After entity decoding and dropping what browsers drop: `javascript:`, `vbscript:`, `data:`.
  static func isScriptURL(_ value: String) -> Bool {
    var decoded = value
    for (entity, char) in [
      ("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"),
    ] {
      decoded = decoded.replacing(entity, with: char)
    }
    decoded = decoded.replacing(/&#[xX]?[0-9a-fA-F]+;?/) { match in
      let digits = match.output.dropFirst(2).filter { $0 != ";" && $0 != "x" && $0 != "X" }
      let hex = match.output.dropFirst(2).first.map { $0 == "x" || $0 == "X" } ?? false
      return UInt32(String(digits), radix: hex ? 16 : 10).flatMap(Unicode.Scalar.init).map {
        String(Character($0))
      } ?? ""
    }
    let squeezed = String(decoded.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init))
      .lowercased()
    return squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:")
      || squeezed.hasPrefix("data:")
  }

  private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
  private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
  private static func isSpace(_ b: UInt8) -> Bool {
    b == 32 || b == 9 || b == 10 || b == 13 || b == 12
  }
}
