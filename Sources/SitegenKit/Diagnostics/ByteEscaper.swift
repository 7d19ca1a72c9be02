/// Escapes text byte by byte over its UTF-8: the feed and the search index escape megabytes, and
/// a loop over Unicode scalars appending to a String was most of a large build's time.
enum ByteEscaper {
  /// Returns `text` with every byte for which `replacement` answers non-nil replaced;
  /// the replacements are ASCII, so the result stays valid UTF-8.
  static func escape(_ text: String, _ replacement: (UInt8) -> StaticString?) -> String {
    var text = text
    return text.withUTF8 { bytes -> String in
      guard let first = bytes.firstIndex(where: { replacement($0) != nil }) else {
        return String(decoding: bytes, as: UTF8.self)
      }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8)
      out.append(contentsOf: bytes[..<first])
      for b in bytes[first...] {
        if let r = replacement(b) {
          r.withUTF8Buffer { out.append(contentsOf: $0) }
        } else {
          out.append(b)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}
