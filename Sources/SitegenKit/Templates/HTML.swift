/// HTML text. Interpolating a `String` escapes it; the only way to put unescaped text in is the
/// labelled `\(raw: …)`, easy to find with grep and kept for rendered Markdown and JSON.
///
/// Kept as UTF-8 bytes, not a `String`: a page is a few thousand small appends, and `String`'s
/// append (uniqueness, capacity and ASCII checks on every call) was 18 % of a cold build's
/// instructions. Bytes are also what the writer wants, and text is escaped straight into them.
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
  public private(set) var bytes: [UInt8]

  /// The text, decoded: for tests and messages, not on the build's path.
  public var rendered: String { String(decoding: bytes, as: UTF8.self) }

  public var description: String { rendered }

  /// Template literals are written by us, not by editors: they are trusted as they are.
  public init(stringLiteral value: String) {
    bytes = []
    HTML.append(value, to: &bytes)
  }

  public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.output }

  public static let empty: HTML = ""

  /// Unescaped bytes, like `\(raw: …)`: an article's rendered Markdown, read back from the
  /// link stage's spill file without a pass to check UTF-8 that cmark already made.
  public init(rawBytes: [UInt8]) { bytes = rawBytes }

  public struct Interpolation: StringInterpolationProtocol {
    @usableFromInline var output: [UInt8] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
      output.reserveCapacity(literalCapacity + interpolationCount * 16)
    }

    public mutating func appendLiteral(_ literal: String) { HTML.append(literal, to: &output) }

    /// Text from content or anywhere else: escaped for text and quoted attributes alike.
    public mutating func appendInterpolation(_ text: String) {
      HTMLEscaper.shared.append(text, to: &output)
    }

    /// Digits written straight into the bytes: `String(number)` cost 400 instructions, and
    /// every date on a page is two numbers (a term page lists thousands of dates).
    public mutating func appendInterpolation(_ number: Int) {
      if number < 0 { output.append(UInt8(ascii: "-")) }
      var magnitude = number.magnitude
      var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, backwards
      var count = 0
      withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
          buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
          magnitude /= 10
          count += 1
        } while magnitude > 0
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
      }
    }

    public mutating func appendInterpolation(_ html: HTML) {
      makeRoom(html.bytes.count)
      output += html.bytes
    }

    public mutating func appendInterpolation(_ parts: [HTML]) {
      makeRoom(parts.reduce(0) { $0 + $1.bytes.count })
      for part in parts { output += part.bytes }
    }

    /// Unescaped: rendered Markdown, JSON made by `JSON`, markup built by the Markdown stage.
    public mutating func appendInterpolation(raw: String) {
      makeRoom(raw.utf8.count)
      HTML.append(raw, to: &output)
    }

    /// `\(reserving: n)`: room for `n` more bytes, written nothing. A page is put together
    /// from parts nearly its size (an article's body, a term page's list of uses, a page's
    /// main), and each growth of the buffer copied all that was in it: given first, the sum of
    /// the parts makes it grow once.
    public mutating func appendInterpolation(reserving count: Int) {
      output.reserveCapacity(output.count + count)
    }

    /// Before a large part (an article's body, a page's main): room for it and half as much
    /// again, so the literals after it do not make the array grow, and copy the part, once more.
    private mutating func makeRoom(_ count: Int) {
      let needed = output.count + count
      if needed > output.capacity { output.reserveCapacity(needed + needed / 2) }
    }
  }

  public static func escape(_ text: String) -> String {
    HTMLEscaper.shared.escape(text)
  }

  /// Joins parts with a separator of our own.
  public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
    var out = HTML.empty
    for (i, p) in parts.enumerated() {
      if i > 0 { out.bytes += separator.bytes }
      out.bytes += p.bytes
    }
    return out
  }

  /// A string's UTF-8 in one copy (literals and native strings are contiguous already, and
  /// are read in place; only another kind of string is made contiguous first).
  static func append(_ text: String, to out: inout [UInt8]) {
    text.withUTF8Bytes { out.append(contentsOf: $0) }
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
