/// FNV-1a, 64 bits, over bytes: a stable fingerprint for "did this file's bytes change" (Swift's
/// `Hasher` is seeded anew in every process, so it cannot be stored).
public enum ContentHash {
  public static func of(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
      for b in buffer {
        hash ^= UInt64(b)
        hash &*= 0x0000_0100_0000_01B3
      }
    }
    return hash
  }

  public static func hex(_ value: UInt64) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}
