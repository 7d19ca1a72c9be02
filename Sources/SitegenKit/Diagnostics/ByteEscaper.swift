/// Escapes text byte by byte over its UTF-8: the feed and the search index escape megabytes, and
/// a loop over Unicode scalars appending to a String was most of a large build's time. The
/// replacements are looked up in a 256-entry table made once per escaper, and text that needs
/// no escaping (most of it) is returned as it is, not copied.
struct ByteEscaper: Sendable {
  /// Per byte: 0 to keep it, else 1 + the length of its replacement (which may be empty); the
  /// replacement itself at `byte * 8` in `replacements`. Raw memory made once: reached through
  /// arrays, each call (the templates make millions, most of a few bytes) paid for reaching
  /// them, and each escaped byte for appending an array.
  private final class Table: @unchecked Sendable {  // written in `init` only, then read
    let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    let replacements = UnsafeMutablePointer<UInt8>.allocate(capacity: 256 * 8)

    init() {
      lengths.initialize(repeating: 0, count: 256)
      replacements.initialize(repeating: 0, count: 256 * 8)
    }

    deinit {
      lengths.deallocate()
      replacements.deallocate()
    }
  }

  private let table = Table()

  /// `replacement` answers the ASCII text for a byte (at most 8 bytes; empty drops the byte), or
  /// nil to keep it; the result stays valid UTF-8.
  init(_ replacement: (UInt8) -> StaticString?) {
    for b in 0...255 {
      guard let r = replacement(UInt8(b)) else { continue }
      r.withUTF8Buffer { r in
        precondition(r.count <= 8, "a replacement is at most 8 bytes")
        table.lengths[b] = UInt8(r.count + 1)
        for (k, byte) in r.enumerated() { table.replacements[b * 8 + k] = byte }
      }
    }
  }

  /// Escapes `text` onto the end of `out`, with no string in between (the templates' path).
  func append(_ text: String, to out: inout [UInt8]) {
    text.withUTF8Bytes { append($0, to: &out) }
  }

  private func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    let lengths = table.lengths
    let replacements = table.replacements
    var clean = 0  // start of the run not yet copied: copied whole, not a byte at a time
    for i in 0..<bytes.count {
      let n = Int(lengths[Int(bytes[i])]) - 1
      if n < 0 { continue }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i]))
      out.append(
        contentsOf: UnsafeBufferPointer(start: replacements + Int(bytes[i]) * 8, count: n))
      clean = i + 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
  }

  /// Escaped in two passes over the bytes, sizing the result, then writing it, each replacement
  /// as one 8-byte store: a feed's HTML has a byte to escape every few bytes, and copying the
  /// runs between them one call each cost 46 instructions a byte.
  func escape(_ text: String) -> String {
    let lengths = table.lengths
    let replacements = UnsafeRawPointer(table.replacements)
    return text.withUTF8Bytes { bytes -> String in
      var size = 0
      var escapes = false
      for b in bytes {
        let n = Int(lengths[Int(b)])
        size += n == 0 ? 1 : n - 1
        escapes = escapes || n != 0
      }
      guard escapes else { return text }
      // 8 bytes to spare: the last replacement's store may reach past its length.
      return String(unsafeUninitializedCapacity: size + 8) { out -> Int in
        guard let base = out.baseAddress else { return 0 }
        let raw = UnsafeMutableRawPointer(base)
        var j = 0
        for b in bytes {
          let n = Int(lengths[Int(b)])
          if n == 0 {
            base[j] = b
            j += 1
          } else {
            let word = replacements.loadUnaligned(fromByteOffset: Int(b) * 8, as: UInt64.self)
            raw.storeBytes(of: word, toByteOffset: j, as: UInt64.self)
            j += n - 1
          }
        }
        return j
      }
    }
  }
}
