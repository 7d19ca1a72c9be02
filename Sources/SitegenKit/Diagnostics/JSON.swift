/// JSON string literals, escaped per RFC 8259; `<`, `>` and `&` too, so JSON is also safe inside
/// an HTML `<script>` block, and U+2028/U+2029, which old JavaScript parsers reject in strings.
public enum JSON {
  public static func string(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 2)
    append(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `string(s)` added to a byte buffer: the search index's shards are made as bytes, and each
  /// `+=` of a String piece cost some 350 instructions (a third of making an article's entry).
  /// U+2028 and U+2029 are E2 80 A8 and E2 80 A9: rare, so only a lead byte sends the text
  /// through `escapeLineSeparators`.
  public static func append(_ s: String, to out: inout [UInt8]) {
    out.append(34)
    appendEscaped(s, to: &out)
    out.append(34)
  }

  /// `append` without the quotes: a string made of parts (the search words).
  static func appendEscaped(_ s: String, to out: inout [UInt8]) {
    let start = out.count
    JSONEscaper.shared.append(s, to: &out)
    if out[start...].contains(0xE2) { escapeLineSeparators(in: &out, from: start) }
  }

  /// U+2028 and U+2029 (E2 80 A8, E2 80 A9) in `out[start...]` written as `\u2028`, `\u2029`.
  private static func escapeLineSeparators(in out: inout [UInt8], from start: Int) {
    var fixed: [UInt8] = []
    fixed.reserveCapacity(out.count - start + 16)
    var i = start
    while i < out.count {
      if out[i] == 0xE2, i + 2 < out.count, out[i + 1] == 0x80,
        out[i + 2] == 0xA8 || out[i + 2] == 0xA9
      {
        fixed += (out[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8
        i += 3
      } else {
        fixed.append(out[i])
        i += 1
      }
    }
    out.replaceSubrange(start..., with: fixed)
  }

  fileprivate static let controlEscapes: [StaticString] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
    "\\u0008", "\\u0009", "\\u000a", "\\u000b", "\\u000c", "\\u000d", "\\u000e", "\\u000f",
    "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
    "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
  ]
}

/// The byte table behind `JSON`'s escaping, made once.
private enum JSONEscaper {
  static let shared = ByteEscaper { b in
    switch b {
    case 34: return "\\\""
    case 92: return "\\\\"
    case 10: return "\\n"
    case 13: return "\\r"
    case 9: return "\\t"
    case 60: return "\\u003c"
    case 62: return "\\u003e"
    case 38: return "\\u0026"
    case 0..<32: return JSON.controlEscapes[Int(b)]
    default: return nil
    }
  }
}
