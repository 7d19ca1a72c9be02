/// A request target made safe to look up under one folder: decoded path segments that can only
/// name something inside it.
///
/// Anything a browser never sends for a page of this site is refused rather than normalised:
/// `.` and `..` segments (raw or percent-encoded), encoded `/` and `\`, backslashes, NUL and
/// other control bytes, invalid percent-encoding or UTF-8, and hidden names (`.sitegen-manifest`).
/// Refusing keeps one rule to check; a normalising server has to get every decoding order right.
public struct RequestPath: Sendable, Hashable {
  /// Decoded, non-empty segments below the site's base path.
  public var segments: [String]
  /// The target ended in `/` (or was the base path itself): a folder's `index.html`.
  public var isFolder: Bool

  /// The path relative to the served folder, `index.html` added for a folder.
  public var relativePath: String {
    let joined = segments.joined(separator: "/")
    guard isFolder else { return joined }
    return joined.isEmpty ? "index.html" : joined + "/index.html"
  }

  /// Parses the raw, still percent-encoded path of a request (query already split off) under
  /// `basePath` (`/` or `/sub/`). Nil: refuse with 404.
  public static func parse(_ raw: String, basePath: String = "/") -> RequestPath? {
    var path = Substring(raw)
    if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
    guard path.hasPrefix("/") else { return nil }
    let base = basePath.hasSuffix("/") ? basePath : basePath + "/"
    if path + "/" == base { path = Substring(base) }
    guard path.hasPrefix(base) else { return nil }
    let rest = path.dropFirst(base.count)
    let isFolder = rest.isEmpty || rest.hasSuffix("/")
    var segments: [String] = []
    for rawSegment in rest.split(separator: "/", omittingEmptySubsequences: false).dropLast(
      isFolder ? 1 : 0)
    {
      guard let segment = decode(rawSegment), isAllowed(segment) else { return nil }
      segments.append(segment)
    }
    return RequestPath(segments: segments, isFolder: isFolder)
  }

  /// Percent-decodes one segment to valid UTF-8; an encoded `/` or `\` is refused, since it
  /// would turn one segment into two on the disk.
  static func decode(_ segment: Substring) -> String? {
    var bytes: [UInt8] = []
    var utf8 = segment.utf8.makeIterator()
    while let b = utf8.next() {
      guard b == UInt8(ascii: "%") else {
        bytes.append(b)
        continue
      }
      guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else {
        return nil
      }
      let decoded = high << 4 | low
      if decoded == UInt8(ascii: "/") || decoded == UInt8(ascii: "\\") { return nil }
      bytes.append(decoded)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  static func isAllowed(_ segment: String) -> Bool {
    !segment.isEmpty && !segment.hasPrefix(".")
      && !segment.unicodeScalars.contains { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
