/// HTML text. Interpolating a `String` escapes it; the only way to put unescaped text in is the
/// labelled `\(raw: …)`, easy to find with grep and kept for rendered Markdown and JSON.
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
  public private(set) var rendered: String

  public var description: String { rendered }

  /// Template literals are written by us, not by editors: they are trusted as they are.
  public init(stringLiteral value: String) { rendered = value }

  public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

  public static let empty: HTML = ""

  public struct Interpolation: StringInterpolationProtocol {
    var output = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      output.reserveCapacity(literalCapacity + interpolationCount * 16)
    }

    public mutating func appendLiteral(_ literal: String) { output += literal }

    /// Text from content or anywhere else: escaped for text and quoted attributes alike.
    public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }

    public mutating func appendInterpolation(_ number: Int) { output += String(number) }

    public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }

    public mutating func appendInterpolation(_ parts: [HTML]) {
      for part in parts { output += part.rendered }
    }

    /// Unescaped: rendered Markdown, JSON made by `JSON`, markup built by the Markdown stage.
    public mutating func appendInterpolation(raw: String) { output += raw }
  }

  public static func escape(_ text: String) -> String {
    HTMLEscaper.shared.escape(text)
  }

  /// Joins parts with a separator of our own.
  public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
    var out = HTML.empty
    for (i, p) in parts.enumerated() {
      if i > 0 { out.rendered += separator.rendered }
      out.rendered += p.rendered
    }
    return out
  }
}

/// The byte table behind `HTML`'s escaping, made once.
private enum HTMLEscaper {
  static let shared = ByteEscaper { b in
    switch b {
    case 38: return "&amp;"
    case 60: return "&lt;"
    case 62: return "&gt;"
    case 34: return "&quot;"
    case 39: return "&#39;"
    default: return nil
    }
  }
}
