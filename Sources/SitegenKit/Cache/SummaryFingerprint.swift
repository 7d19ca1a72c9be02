extension ArticleSummary {
  /// What `Fingerprint.of(summary)` stands for, field by field: a page counts every article it
  /// lists by this, and going through `Encodable` cost 12,000 instructions a summary (5 % of a
  /// one-article edit at 10,000 articles, which fingerprints every summary). Every stored field
  /// must be counted: `FingerprintTests` fails when one is added and not listed here. Worked
  /// out once per summary (`Shared.fingerprint`).
  var fingerprint: UInt64 { storedFingerprint(Self.fingerprint(of:)) }

  private static func fingerprint(of f: Fields) -> UInt64 {
    var h = StableHasher()
    h.combine(0x7375_6d6d_0001)  // this layout's version
    h.combine(f.slug)
    h.combine(f.title)
    h.combine(f.summary)
    combine(f.date, into: &h)
    h.combine(f.updated == nil ? 0 : 1)
    if let updated = f.updated { combine(updated, into: &h) }
    h.combine(UInt64(f.tags.count))
    for tag in f.tags { h.combine(tag) }
    h.combine(f.url)
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

extension TermSummary {
  /// `Fingerprint.of(summary)`, worked out once per summary (`Shared.fingerprint`): an article
  /// page counts some sixty terms twice, a term page its related terms.
  var fingerprint: UInt64 { storedFingerprint { Fingerprint.of($0) } }
}

extension ContentDate {
  static let fingerprintedFields = ["year", "month", "day", "epochSeconds", "text"]
}
