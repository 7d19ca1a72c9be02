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
