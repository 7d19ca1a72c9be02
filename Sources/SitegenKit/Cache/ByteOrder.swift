#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
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
