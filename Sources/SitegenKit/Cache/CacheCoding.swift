/// The build cache's byte format: varints and length-prefixed UTF-8, read back in the order
/// written. Hand-written because Foundation's coders are far too slow for a cache that must load
/// faster than the work it saves (10,000 documents: about 0.9 s to decode as JSON, 2.7 s as a
/// binary property list, against a few tens of milliseconds here); no package on this machine
/// offers a compact binary `Codable` format without code generation.
struct CacheWriter {
  private(set) var bytes: [UInt8] = []

  /// `capacity`: about how many bytes will be written, so the buffer is not grown (and copied)
  /// step by step.
  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// Hands what is buffered to `fd` once it passes a mebibyte, so that a large cache is written
  /// in pieces rather than held whole beside the build.
  mutating func drain(to fd: Int32, path: String, over threshold: Int = 1 << 20) throws {
    guard bytes.count >= threshold else { return }
    try POSIXFile.writeAll(bytes, to: fd, path: path)
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func put(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7f) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func put(_ value: Int) { put(UInt64(bitPattern: Int64(value))) }

  /// A hash, as its eight bytes (little-endian): a hash's bits are spread over all 64, so a
  /// varint of one took ten bytes and a loop of ten steps to read back (four hashes a cached
  /// document, 19 M instructions of reading a 10,000-article cache).
  mutating func put(hash value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  mutating func put(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func put(_ value: String) {
    put(value.utf8.count)
    // Whole, from the string's contiguous bytes: `append(contentsOf: utf8)` went byte by byte.
    if value.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
      bytes.append(contentsOf: value.utf8)
    }
  }

  /// Bytes after their length, like a string's.
  mutating func put(bytes value: ArraySlice<UInt8>) {
    put(value.count)
    append(value)
  }

  /// Bytes a `CacheReader` read, as they were: a record copied from the previous cache.
  mutating func append(_ encoded: ArraySlice<UInt8>) { bytes.append(contentsOf: encoded) }

  /// Numbers below 65,536 as two bytes each (little-endian), after nothing: the reader must
  /// know how many (`CacheReader.smallNumbers`).
  mutating func put(small values: [Int]) {
    for v in values {
      bytes.append(UInt8(truncatingIfNeeded: v))
      bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }
  }

  mutating func put(_ value: String?) {
    put(value != nil)
    if let value { put(value) }
  }

  mutating func put<T>(_ values: [T], _ each: (inout CacheWriter, T) -> Void) {
    put(values.count)
    for v in values { each(&self, v) }
  }

  /// Records in blocks of `blockSize`, each after its count of records and its length in
  /// bytes, so that a reader can find the blocks first and decode them on every core, each
  /// into its place (`CacheReader.blocks`). `each` writes one record per value. Written to
  /// `fd` block by block.
  mutating func blocks<T>(
    _ values: [T], blockSize: Int = 512, to fd: Int32, path: String,
    _ each: (inout CacheWriter, T) -> Void
  ) throws {
    put((values.count + blockSize - 1) / blockSize)
    // One buffer for every block, written out from where it was made: a new one for each
    // block grew from nothing (copying itself some twenty times into fresh memory), and
    // appending it to `bytes` copied it once more. Writing the cache after a one-article edit
    // of a 10,000-article site took 61 M instructions and 2,300 page faults that way; 25 M now.
    var block = CacheWriter()
    for start in stride(from: 0, to: values.count, by: blockSize) {
      block.bytes.removeAll(keepingCapacity: true)
      let end = min(start + blockSize, values.count)
      // By index: a `for` over the slice copied each record out (a parsed article holds some
      // twenty references) only to read it.
      for i in start..<end { each(&block, values[i]) }
      put(end - start)
      put(block.bytes.count)
      try drain(to: fd, path: path, over: 0)
      try POSIXFile.writeAll(block.bytes, to: fd, path: path)
    }
  }
}

/// Reads what `CacheWriter` wrote; any inconsistency makes the whole cache unusable (`nil`), never
/// a wrong value: a cache is only ever a shortcut.
struct CacheReader {
  struct Malformed: Error {}

  private let bytes: [UInt8]
  private var at = 0
  /// Where this reader stops: the end of the bytes, or of one block (`blocks`).
  private let end: Int

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    end = bytes.count
  }

  private init(_ bytes: [UInt8], _ range: Range<Int>) {
    self.bytes = bytes
    at = range.lowerBound
    end = range.upperBound
  }

  var isAtEnd: Bool { at == end }
  var position: Int { at }

  /// What was read since `start` (a `position`), sharing the reader's buffer.
  func record(from start: Int) -> ArraySlice<UInt8> { bytes[start..<at] }

  /// Most values take one or two bytes (counts, flags, glossary indices): read in line. A
  /// 10,000-article cache holds 1.2 million, and the call and loop were 40 instructions each.
  @inline(__always)
  mutating func uint64() throws -> UInt64 {
    if at + 1 < end {
      let b = bytes[at]
      if b < 0x80 {
        at += 1
        return UInt64(b)
      }
      let c = bytes[at + 1]
      if c < 0x80 {
        at += 2
        return UInt64(b & 0x7f) | UInt64(c) << 7
      }
    }
    return try longUInt64()
  }

  private mutating func longUInt64() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard at < end, shift < 64 else { throw Malformed() }
      let b = bytes[at]
      at += 1
      value |= UInt64(b & 0x7f) << shift
      if b < 0x80 { return value }
      shift += 7
    }
  }

  /// What `put(hash:)` wrote.
  mutating func hash() throws -> UInt64 {
    guard end - at >= 8 else { throw Malformed() }
    defer { at += 8 }
    return bytes.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }
  }

  mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }
  mutating func int64() throws -> Int64 { Int64(bitPattern: try uint64()) }

  mutating func bool() throws -> Bool {
    guard at < end, bytes[at] <= 1 else { throw Malformed() }
    at += 1
    return bytes[at - 1] == 1
  }

  mutating func string() throws -> String {
    let count = try count()
    defer { at += count }
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[at..<at + count]), as: UTF8.self)
    }
  }

  /// `count` numbers that `put(small:)` wrote, in one pass over their bytes.
  mutating func smallNumbers(_ count: Int) throws -> [Int] {
    guard count >= 0, count <= (end - at) / 2 else { throw Malformed() }
    // Nothing to read, and no buffer whose address to take.
    if count == 0 { return [] }
    let start = at
    at += 2 * count
    return bytes.withUnsafeBytes { all in
      [Int](unsafeUninitializedCapacity: count) { out, made in
        // Checked above: the `count` pairs lie within this reader's bytes.
        let from = all.baseAddress! + start
        for i in 0..<count {
          out.baseAddress![i] = Int(
            UInt16(littleEndian: from.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
        }
        made = count
      }
    }
  }

  mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

  /// What `put(bytes:)` wrote, as a slice of the reader's buffer: no copy.
  mutating func byteSlice() throws -> ArraySlice<UInt8> {
    let count = try count()
    defer { at += count }
    return bytes[at..<at + count]
  }

  /// The length of an array or a run of bytes about to be read (each element takes a byte at
  /// least), checked against what is left.
  mutating func count() throws -> Int {
    let count = try int()
    guard count >= 0, count <= end - at else { throw Malformed() }
    return count
  }

  mutating func array<T>(_ each: (inout CacheReader) throws -> T) throws -> [T] {
    let count = try count()
    var out: [T] = []
    out.reserveCapacity(count)
    for _ in 0..<count { out.append(try each(&self)) }
    return out
  }

  /// Records that `CacheWriter.blocks` wrote, decoded block by block on every core, in order.
  mutating func blocks<T: Sendable>(_ each: @Sendable (inout CacheReader) throws -> T) throws
    -> [T]
  {
    var blocks: [(range: Range<Int>, first: Int, count: Int)] = []
    var total = 0
    for _ in 0..<(try int()) {
      let records = try count()
      let count = try int()
      // Every record takes a byte at least.
      guard count >= records, count <= end - at else { throw Malformed() }
      blocks.append((at..<at + count, total, records))
      total += records
      at += count
    }
    if total == 0 {
      guard blocks.allSatisfy({ $0.range.isEmpty }) else { throw Malformed() }
      return []
    }
    let bytes = self.bytes
    // Each block decoded straight into its place in the result: gathering per-block arrays
    // and joining them copied every record again (a retain and a release of each of its
    // references; a cached document has a dozen).
    var complete = true
    let records = [T](unsafeUninitializedCapacity: total) { buffer, made in
      // `total` is above 0 here, so the buffer has an address.
      let slots = Slots(base: buffer.baseAddress!)
      let decoded = orderedParallelMap(blocks) { block -> Bool in
        var r = CacheReader(bytes, block.range)
        var made = 0
        do {
          while made < block.count {
            (slots.base + block.first + made).initialize(to: try each(&r))
            made += 1
          }
          if r.isAtEnd { return true }
        } catch {}
        (slots.base + block.first).deinitialize(count: made)
        return false
      }
      if decoded.allSatisfy({ $0 }) {
        made = total
      } else {
        for (block, ok) in zip(blocks, decoded) where ok {
          (slots.base + block.first).deinitialize(count: block.count)
        }
        complete = false
        made = 0
      }
    }
    guard complete else { throw Malformed() }
    return records
  }

}
