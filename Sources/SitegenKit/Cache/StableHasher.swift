/// A 64-bit hash that is the same in every process, fed piece by piece (Swift's `Hasher` is
/// seeded anew per process, so nothing it makes can be stored): the build cache keys sources and
/// pages with it. `ContentHash`'s mixing, streamed, with each piece's length folded in so that
/// ("ab", "c") and ("a", "bc") differ.
struct StableHasher {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  private mutating func mix(_ word: UInt64) {
    state = (state ^ word) &* 0x0000_0100_0000_01B3
    state ^= state >> 29
  }

  mutating func combine(_ value: UInt64) { mix(value) }

  mutating func combine(bytes raw: UnsafeRawBufferPointer) {
    mix(UInt64(raw.count) | 0x8000_0000_0000_0000)
    var i = 0
    while i + 8 <= raw.count {
      mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < raw.count {
      tail |= UInt64(raw[i]) << shift
      shift += 8
      i += 1
    }
    mix(tail)
  }

  mutating func combine(_ string: String) {
    string.withUTF8Bytes { combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// nil and "" differ.
  mutating func combine(_ string: String?) {
    mix(string == nil ? 0 : 1)
    if let string { combine(string) }
  }

  func finalize() -> UInt64 {
    var h = state
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}
