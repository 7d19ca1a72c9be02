/// A stable 64-bit fingerprint for "did this file's bytes change" (Swift's `Hasher` is seeded
/// anew in every process, so it cannot be stored): FNV-1a's constants applied eight bytes at a
/// time, with a final mix; every page of a build goes through it.
public enum ContentHash {
  public static func of(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { of($0) }
  }

  static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
    var i = 0
    while i + 8 <= raw.count {
      hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
      hash ^= hash >> 29
      i += 8
    }
    while i < raw.count {
      hash = (hash ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3
      i += 1
    }
    hash ^= hash >> 33
    hash &*= 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    return hash
  }

  public static func of(string: String) -> UInt64 {
    string.withUTF8Bytes { of(UnsafeRawBufferPointer($0)) }
  }

  public static func hex(_ value: UInt64) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}
