/// The fingerprint of a page's inputs: a stable hash of any `Encodable` value. Page values are
/// plain `Encodable` structs, so adding a field to one can never be forgotten here; a page whose
/// fingerprint matches the previous build's is not rendered again.
///
/// Written by hand because no library hashes `Encodable` values stably: Foundation's encoders
/// would allocate the whole encoding first (a JSON or property-list copy of every page) only to
/// hash it, and cost more than rendering does.
enum Fingerprint {
  static func of(_ value: some Encodable) -> UInt64 {
    let sink = Sink()
    try? value.encode(to: HashingEncoder(sink: sink))
    return sink.hasher.finalize()
  }

  final class Sink {
    var hasher = StableHasher()

    /// A summary counts by its own fingerprint, worked out once per summary; a backlink by its
    /// summary's and its sentence.
    func memoised<T>(_ value: T) -> UInt64? {
      if T.self == TermSummary.self {
        return unsafeBitCast(value, to: TermSummary.self).fingerprint
      } else if T.self == ArticleSummary.self {
        return unsafeBitCast(value, to: ArticleSummary.self).fingerprint
      } else if T.self == Backlink.self {
        // A term page lists every article that uses the term: thousands of these.
        let b = unsafeBitCast(value, to: Backlink.self)
        var h = StableHasher()
        h.combine(b.article.fingerprint)
        if let sentence = b.sentence { h.combine(sentence) } else { h.combine(0x6e69_6c) }
        return h.finalize()
      }
      return nil
    }
  }

  /// A value of any other type encodes itself; the primitives it ends in (strings by their bytes,
  /// numbers by their bits) come back through the containers' own overloads, with no casts.
  fileprivate static func feed<T: Encodable>(_ value: T, _ sink: Sink) throws {
    if let known = sink.memoised(value) {
      sink.hasher.combine(known)
    } else if T.self == [ArticleSummary].self {
      // The home and tag pages list thousands of summaries. The same hashes `Array.encode`
      // gives through `Unkeyed` (the list's mark, then each element's mark and memoised hash),
      // without an existential container per element.
      sink.hasher.combine(Unkeyed.listMark)
      for a in unsafeBitCast(value, to: [ArticleSummary].self) {
        sink.hasher.combine(Unkeyed.elementMark)
        sink.hasher.combine(a.fingerprint)
      }
    } else {
      try value.encode(to: HashingEncoder(sink: sink))
    }
  }

  struct HashingEncoder: Encoder {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      sink.hasher.combine(0x6b65_7965_64)  // "keyed": an empty struct differs from an empty list
      return KeyedEncodingContainer(Keyed(sink: sink))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      sink.hasher.combine(Unkeyed.listMark)
      return Unkeyed(sink: sink)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(sink: sink) }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }

    /// Every integer width by its bits: the protocol asks for one overload each.
    private func put(integer value: some FixedWidthInteger, _ key: Key) {
      sink.hasher.combine(key.stringValue)
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }

    private func put(_ value: some Encodable, _ key: Key) throws {
      sink.hasher.combine(key.stringValue)
      try Fingerprint.feed(value, sink)
    }

    mutating func encodeNil(forKey key: Key) throws {
      sink.hasher.combine(key.stringValue)
      sink.hasher.combine(0x6e69_6c)
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
      sink.hasher.combine(key.stringValue)
      sink.hasher.combine(value ? 1 : 2)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
      sink.hasher.combine(key.stringValue)
      sink.hasher.combine(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
      sink.hasher.combine(key.stringValue)
      sink.hasher.combine(value.bitPattern)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
      sink.hasher.combine(key.stringValue)
      sink.hasher.combine(UInt64(value.bitPattern))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(integer: value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(integer: value, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(
      keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
      sink.hasher.combine(key.stringValue)
      return HashingEncoder(sink: sink).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      sink.hasher.combine(key.stringValue)
      return HashingEncoder(sink: sink).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { HashingEncoder(sink: sink) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { HashingEncoder(sink: sink) }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }
    var count = 0

    static let listMark: UInt64 = 0x6c69_7374
    static let elementMark: UInt64 = 0x656c_656d

    /// Each element is marked: [[a], []] differs from [[], [a]].
    private mutating func mark() {
      count += 1
      sink.hasher.combine(Self.elementMark)
    }

    private mutating func put(integer value: some FixedWidthInteger) {
      mark()
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }

    private mutating func put(_ value: some Encodable) throws {
      mark()
      try Fingerprint.feed(value, sink)
    }

    mutating func encodeNil() throws {
      count += 1
      sink.hasher.combine(0x6e69_6c)
    }

    mutating func encode(_ value: some Encodable) throws { try put(value) }
    mutating func encode(_ value: Bool) throws {
      mark()
      sink.hasher.combine(value ? 1 : 2)
    }
    mutating func encode(_ value: String) throws {
      mark()
      sink.hasher.combine(value)
    }
    mutating func encode(_ value: Double) throws {
      mark()
      sink.hasher.combine(value.bitPattern)
    }
    mutating func encode(_ value: Float) throws {
      mark()
      sink.hasher.combine(UInt64(value.bitPattern))
    }
    mutating func encode(_ value: Int) throws { put(integer: value) }
    mutating func encode(_ value: Int8) throws { put(integer: value) }
    mutating func encode(_ value: Int16) throws { put(integer: value) }
    mutating func encode(_ value: Int32) throws { put(integer: value) }
    mutating func encode(_ value: Int64) throws { put(integer: value) }
    mutating func encode(_ value: UInt) throws { put(integer: value) }
    mutating func encode(_ value: UInt8) throws { put(integer: value) }
    mutating func encode(_ value: UInt16) throws { put(integer: value) }
    mutating func encode(_ value: UInt32) throws { put(integer: value) }
    mutating func encode(_ value: UInt64) throws { put(integer: value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      count += 1
      return HashingEncoder(sink: sink).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      count += 1
      return HashingEncoder(sink: sink).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { HashingEncoder(sink: sink) }
  }

  struct Single: SingleValueEncodingContainer {
    let sink: Sink
    var codingPath: [any CodingKey] { [] }
    private func put(integer value: some FixedWidthInteger) {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    private func put(_ value: some Encodable) throws { try Fingerprint.feed(value, sink) }
    mutating func encodeNil() throws { sink.hasher.combine(0x6e69_6c) }
    mutating func encode(_ value: some Encodable) throws { try put(value) }
    mutating func encode(_ value: Bool) throws { sink.hasher.combine(value ? 1 : 2) }
    mutating func encode(_ value: String) throws { sink.hasher.combine(value) }
    mutating func encode(_ value: Double) throws { sink.hasher.combine(value.bitPattern) }
    mutating func encode(_ value: Float) throws { sink.hasher.combine(UInt64(value.bitPattern)) }
    mutating func encode(_ value: Int) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: Int8) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: Int16) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: Int32) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: Int64) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: UInt) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: UInt8) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: UInt16) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: UInt32) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
    mutating func encode(_ value: UInt64) throws {
      sink.hasher.combine(UInt64(truncatingIfNeeded: value))
    }
  }
}
