/// Escapes text byte by byte over its UTF-8: the feed and the search index escape megabytes, and
/// a loop over Unicode scalars appending to a String was most of a large build's time. The
/// replacements are looked up in a 256-entry table made once per escaper, and text that needs
/// no escaping (most of it) is returned as it is, not copied.
struct ByteEscaper: Sendable {
  private let needs: [Bool]
  private let replacements: [[UInt8]]

  /// `replacement` answers the ASCII text for a byte, or nil to keep it; the result stays valid
  /// UTF-8.
  init(_ replacement: (UInt8) -> StaticString?) {
    var needs = [Bool](repeating: false, count: 256)
    var replacements = [[UInt8]](repeating: [], count: 256)
    for b in 0...255 {
      guard let r = replacement(UInt8(b)) else { continue }
      needs[b] = true
      replacements[b] = r.withUTF8Buffer { Array($0) }
    }
    self.needs = needs
    self.replacements = replacements
  }

  /// Escapes `text` onto the end of `out`, with no string in between (the templates' path).
  func append(_ text: String, to out: inout [UInt8]) {
    text.withUTF8Bytes { append($0, to: &out) }
  }

  private func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    needs.withUnsafeBufferPointer { needs in
      var clean = 0  // start of the run not yet copied
      for i in 0..<bytes.count where needs[Int(bytes[i])] {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i]))
        out.append(contentsOf: replacements[Int(bytes[i])])
        clean = i + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
    }
  }

  func escape(_ text: String) -> String {
    var copy = text
    return copy.withUTF8 { bytes -> String in
      let first = needs.withUnsafeBufferPointer { needs in
        bytes.firstIndex { needs[Int($0)] }
      }
      guard let first else { return text }
      // Clean runs copied whole, as `append` does: a feed's HTML has a tag every few dozen
      // bytes, and a byte at a time was 60 instructions a byte.
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8)
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
      append(UnsafeBufferPointer(rebasing: bytes[first...]), to: &out)
      return String(decoding: out, as: UTF8.self)
    }
  }
}
