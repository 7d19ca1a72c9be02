#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
  /// Calls `body` with the string's UTF-8: in place for a native string or a literal (no copy
  /// of the String value, as `withUTF8` on a `var` makes), made contiguous first otherwise.
  /// Templates, escaping and hashing read every string of a build through this.
  func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return try copy.withUTF8(body)
  }

  /// Orders strings by their UTF-8 bytes: a stable order for files sitegen writes for itself
  /// (the output manifest), cheaper than the standard library's Unicode-aware `<`. For ASCII,
  /// as paths from checked slugs are, it is the same order.
  static func utf8Precedes(_ a: String, _ b: String) -> Bool {
    let order = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y -> Bool in
        let common = Swift.min(x.count, y.count)
        if common > 0, let a = x.baseAddress, let b = y.baseAddress {
          let order = memcmp(a, b, common)
          if order != 0 { return order < 0 }
        }
        return x.count < y.count
      }
    }
    return (order ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}

extension String {
  /// `folder + "/" + name` in one allocation (`joining`).
  static func path(_ folder: String, _ name: String) -> String { joining(folder, "/", name) }

  /// `a + b + c + d` in one allocation: `+` and interpolations made a string and grew it at
  /// each part (1,300-1,500 instructions a path), and every build makes a path and a URL for
  /// each page of a large site (`"articles/" + slug + "/index.html"`).
  static func joining(_ a: String, _ b: String, _ c: String, _ d: String = "") -> String {
    a.withUTF8Bytes { a in
      b.withUTF8Bytes { b in
        c.withUTF8Bytes { c in
          d.withUTF8Bytes { d in
            let count = a.count + b.count + c.count + d.count
            return String(unsafeUninitializedCapacity: count) { out in
              var at = 0
              func put(_ part: UnsafeBufferPointer<UInt8>) {
                _ = UnsafeMutableBufferPointer(rebasing: out[at...]).initialize(
                  fromContentsOf: part)
                at += part.count
              }
              put(a)
              put(b)
              put(c)
              put(d)
              return count
            }
          }
        }
      }
    }
  }
}

extension Array {
  /// The elements in the UTF-8 byte order of `key` (`String.utf8Precedes`), for lists of
  /// tens of thousands of paths. The 16 bytes after the prefix all keys share are read once
  /// per key as two big-endian integers, so most comparisons are of integers; only keys equal
  /// in those bytes are compared in full. Sorting 10,000 paths by `utf8Precedes` alone was a
  /// tenth of a one-article edit's manifest and no-change check.
  func sortedByUTF8(_ key: (Element) -> String) -> [Element] {
    guard count > 1 else { return self }
    let strings = map(key)
    var shared = Int.max
    strings[0].withUTF8Bytes { first in
      for string in strings.dropFirst() {
        string.withUTF8Bytes { bytes in
          var n = 0
          let limit = Swift.min(shared, first.count, bytes.count)
          while n < limit && first[n] == bytes[n] { n += 1 }
          shared = n
        }
      }
    }
    var keys: [(high: UInt64, low: UInt64, index: Int)] = []
    keys.reserveCapacity(count)
    for (i, string) in strings.enumerated() {
      let (high, low) = string.withUTF8Bytes { bytes -> (UInt64, UInt64) in
        // Missing bytes count as 0, which sorts a shorter key first as `utf8Precedes` does
        // (no path holds a NUL; a tie is settled in full below anyway).
        var high: UInt64 = 0
        var low: UInt64 = 0
        for j in shared..<(shared + 16) {
          let byte = j < bytes.count ? UInt64(bytes[j]) : 0
          if j < shared + 8 { high = high << 8 | byte } else { low = low << 8 | byte }
        }
        return (high, low)
      }
      keys.append((high, low, i))
    }
    keys.sort { a, b in
      if a.high != b.high { return a.high < b.high }
      if a.low != b.low { return a.low < b.low }
      return String.utf8Precedes(strings[a.index], strings[b.index])
    }
    return keys.map { self[$0.index] }
  }
}
