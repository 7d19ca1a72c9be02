extension ArticleSummary {
  /// What `Fingerprint.of(summary)` stands for, field by field: a page counts every article it
  /// lists by this, and going through `Encodable` cost 12,000 instructions a summary (5 % of a
  /// one-article edit at 10,000 articles, which fingerprints every summary). Every stored field
  /// must be counted: `FingerprintTests` fails when one is added and not listed here.
  var fingerprint: UInt64 {
    var h = StableHasher()
    h.combine(0x7375_6d6d_0001)  // this layout's version
    h.combine(slug)
    h.combine(title)
    h.combine(summary)
    Self.combine(date, into: &h)
    h.combine(updated == nil ? 0 : 1)
    if let updated { Self.combine(updated, into: &h) }
    h.combine(UInt64(tags.count))
    for tag in tags { h.combine(tag) }
    h.combine(url)
    return h.finalize()
  }

  private static func combine(_ date: ContentDate, into h: inout StableHasher) {
    for part in [date.year, date.month, date.day, date.epochSeconds] {
      h.combine(UInt64(bitPattern: Int64(part)))
    }
    h.combine(date.text)
  }

  /// The stored fields `fingerprint` counts, for the test that keeps the two in step.
  static let fingerprintedFields = ["slug", "title", "summary", "date", "updated", "tags", "url"]
}

extension ContentDate {
  static let fingerprintedFields = ["year", "month", "day", "epochSeconds", "text"]
}
