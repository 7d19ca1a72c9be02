/// A stable 64-bit fingerprint for "did this file's bytes change" (Swift's `Hasher` is seeded
/// anew in every process, so it cannot be stored): FNV-1a's constants applied eight bytes at a
/// time, with a final mix; every page of a build goes through it, and every article's HTML.
///
/// From 64 bytes on, four lanes take 32 bytes a step: one lane waited on its multiply for every
/// 8 bytes, and the 600 MB a cold 10,000-article build hashes were 2-3 % of its time. Shorter
/// inputs (slugs, names) hash as they always did: `of(string:)` places an article in its search
/// shard, and that place must not move between versions.
public enum ContentHash {
  public static func of(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { of($0) }
  }

  static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    var hash = seed(raw.count)
    var i = 0
    if raw.count >= 64 {
      var lanes = (
        hash, hash ^ 0x9E37_79B9_7F4A_7C15, hash ^ 0xC2B2_AE3D_27D4_EB4F,
        hash ^ 0x1656_67B1_9E37_79F9
      )
      while i + 32 <= raw.count {
        lanes.0 = step(lanes.0, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        lanes.1 = step(lanes.1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
        lanes.2 = step(lanes.2, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
        lanes.3 = step(lanes.3, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
        i += 32
      }
      hash = step(step(step(lanes.0, lanes.1), lanes.2), lanes.3)
    }
    return single(raw, from: i, hash: hash)
  }

  /// One lane over `raw[from...]`, then the final mix.
  private static func single(_ raw: UnsafeRawBufferPointer, from first: Int, hash seed: UInt64)
    -> UInt64
  {
    var hash = seed
    var i = first
    while i + 8 <= raw.count {
      hash = step(hash, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
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

  private static func seed(_ count: Int) -> UInt64 { 0xcbf2_9ce4_8422_2325 ^ UInt64(count) }

  @inline(__always)
  private static func step(_ hash: UInt64, _ word: UInt64) -> UInt64 {
    let h = (hash ^ word) &* 0x0000_0100_0000_01B3
    return h ^ (h >> 29)
  }

  /// One lane whatever the length: the form search shards are chosen by (see above).
  public static func of(string: String) -> UInt64 {
    string.withUTF8Bytes { bytes in
      let raw = UnsafeRawBufferPointer(bytes)
      return single(raw, from: 0, hash: seed(raw.count))
    }
  }

  public static func hex(_ value: UInt64) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}
