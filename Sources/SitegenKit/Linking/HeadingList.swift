import SitegenMarkdown

/// A document's headings, or the build cache's bytes of them until something reads them.
///
/// On an edit, every cached article's headings were made into strings (five headings, ten
/// strings an article: most of the strings a cached document holds) only to be hashed into two
/// fingerprints. Only the pages that render, the search shards made again and the pages that
/// anchors point into read the headings themselves; the fingerprints take the digests, which
/// the cache keeps beside the bytes.
struct HeadingList: Sendable, Hashable {
  private var decoded: [Heading]?
  private var encoded: ArraySlice<UInt8> = []
  private var digests: Digests?

  /// What the fingerprints count of the headings: all of each (a page's table of contents)
  /// and their texts alone (a search entry).
  struct Digests: Sendable, Hashable {
    var page: UInt64
    var texts: UInt64
  }

  init(_ headings: [Heading]) { decoded = headings }

  /// From the cache: `encoded` as `encode` wrote it, and the digests of the same headings.
  init(encoded: ArraySlice<UInt8>, digests: Digests) {
    self.encoded = encoded
    self.digests = digests
  }

  var headings: [Heading] {
    if let decoded { return decoded }
    // A malformed record cannot be here: the cache was read whole, and these bytes were
    // checked when it was (`BuildCache.readDocument`).
    var r = CacheReader(Array(encoded))
    return (try? Self.decode(&r)) ?? []
  }

  var digest: Digests {
    if let digests { return digests }
    let headings = decoded ?? []
    var page = StableHasher()
    var texts = StableHasher()
    page.combine(UInt64(headings.count))
    texts.combine(UInt64(headings.count))
    for heading in headings {
      page.combine(UInt64(bitPattern: Int64(heading.level)))
      page.combine(heading.text)
      page.combine(heading.id)
      page.combine(UInt64(bitPattern: Int64(heading.line)))
      texts.combine(heading.text)
    }
    return Digests(page: page.finalize(), texts: texts.finalize())
  }

  /// The bytes `headings` comes from in the cache: the ones read, where they were not decoded.
  func encode() -> ArraySlice<UInt8> {
    guard let decoded else { return encoded }
    var w = CacheWriter()
    w.put(decoded) { w, h in
      w.put(h.level)
      w.put(h.text)
      w.put(h.id)
      w.put(h.line)
    }
    return ArraySlice(w.bytes)
  }

  /// Steps over what `encode` wrote, checking its shape without making a string.
  static func skip(_ r: inout CacheReader) throws {
    for _ in 0..<(try r.count()) {
      _ = try r.int()
      _ = try r.byteSlice()
      _ = try r.byteSlice()
      _ = try r.int()
    }
  }

  static func decode(_ r: inout CacheReader) throws -> [Heading] {
    try r.array { r in
      Heading(level: try r.int(), text: try r.string(), id: try r.string(), line: try r.int())
    }
  }

  static func == (a: HeadingList, b: HeadingList) -> Bool { a.headings == b.headings }
  func hash(into hasher: inout Hasher) { hasher.combine(headings) }
}
