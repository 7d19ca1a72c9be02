import SitegenMarkdown
import Testing

@testable import SitegenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The pieces of the build cache: page fingerprints and the link cache's byte format.
@Suite struct BuildCacheTests {
  static let summary = ArticleSummary(
    slug: "talks", title: "Talks", summary: "S", date: ContentDate.parse("2025-01-02")!,
    updated: nil,
    tags: ["a"], url: "/articles/talks/")

  static func page(body: String = "<p>x</p>", related: [ArticleSummary] = []) -> Page {
    .article(
      ArticlePage(
        article: summary, authors: [], body: HTML(rawBytes: Array(body.utf8)),
        bodyHash: ContentHash.of(string: body),
        headings: [],
        readingMinutes: 1, keyTerms: [], related: related, older: nil, newer: nil, endnotes: []))
  }

  @Test func fingerprintIsStableAndCountsEveryField() {
    // A literal: the value must be the same in every process, unlike Swift's Hasher.
    #expect(Fingerprint.of(Self.page()) == Fingerprint.of(Self.page()))
    #expect(Fingerprint.of(Self.page()) != Fingerprint.of(Self.page(body: "<p>y</p>")))
    #expect(Fingerprint.of(Self.page()) != Fingerprint.of(Self.page(related: [Self.summary])))
    let retitled = Self.summary.with { $0.title = "Talks!" }
    #expect(
      Fingerprint.of(Self.page(related: [Self.summary]))
        != Fingerprint.of(Self.page(related: [retitled])))
    // Where a string ends counts: ("ab", "c") is not ("a", "bc").
    #expect(Fingerprint.of(["ab", "c"]) != Fingerprint.of(["a", "bc"]))
    #expect(Fingerprint.of([[1], []]) != Fingerprint.of([[], [1]]))
    #expect(Fingerprint.of(Optional<String>.none) != Fingerprint.of(Optional("")))
  }

  @Test func fingerprintIsTheSameInAnotherProcess() {
    // Computed once by this code and written down: a change of the hash would make every
    // cache stale (harmless), but a hash seeded per process would make every build cold.
    var h = StableHasher()
    h.combine("sitegen")
    h.combine(42)
    #expect(h.finalize() == Self.recordedHash)
  }
  static let recordedHash: UInt64 = 5_891_217_052_745_654_101

  @Test func cacheBytesRoundTrip() throws {
    var w = CacheWriter()
    w.put("Kyiv — Київ")
    w.put(UInt64.max)
    w.put(-5)
    w.put(nil as String?)
    w.put(Optional("x"))
    w.put([3, 300, 70_000]) { w, n in w.put(n) }
    var r = CacheReader(w.bytes)
    #expect(try r.string() == "Kyiv — Київ")
    #expect(try r.uint64() == UInt64.max)
    #expect(try r.int() == -5)
    #expect(try r.optionalString() == nil)
    #expect(try r.optionalString() == "x")
    #expect(try r.array { try $0.int() } == [3, 300, 70_000])
    #expect(r.isAtEnd)
  }

  @Test func truncatedCacheIsNoCache() throws {
    let dir = TemporaryDirectory()
    let document = LinkedDocument(
      html: "<p>x</p>", htmlHash: 9,
      headings: [Heading(level: 2, text: "Part", id: "part", line: 3)],
      plainText: "",
      termUses: [
        TermUse(slug: "nato", sentence: "NATO waited."), TermUse(slug: "x", sentence: nil),
      ],
      notes: ["nato"],
      anchors: [
        AnchorReference(
          page: .term("nato"), fragment: "f",
          location: SourceLocation(path: "a.md", line: 4, column: 2))
      ],
      links: ["other.md"],
      diagnostics: [.warning("w.id", "careful", at: SourceLocation(path: "a.md", line: 2))])
    let cache = BuildCache(
      context: 77, targets: 5,
      entries: ["articles/a.md": .init(key: 1, resolutions: 2, document: document)])
    let path = dir.path + "/cache"
    cache.write(to: path)
    let back = try #require(BuildCache.read(path))
    #expect(back.context == 77)
    #expect(back.targets == 5)
    var expected = document
    expected.html = nil  // the HTML is not cached
    #expect(back.entries["articles/a.md"]?.document == expected)
    let bytes = try #require(POSIXFile.read(path))
    try POSIXFile.write(Array(bytes.dropLast(3)), to: path)
    #expect(BuildCache.read(path)?.context == nil)
  }
}

extension BuildCacheTests {
  /// Term uses and endnotes are cached as indices into the glossary's slugs, a slug whose index
  /// does not name it keeps its spelling, and a record copied from the cache it was read from
  /// reads back as it was.
  @Test func termSlugsRoundTripAsIndicesAndCopiedRecords() throws {
    let dir = TemporaryDirectory()
    var document = LinkedDocument(
      html: nil, htmlHash: 1, headings: [], plainText: "",
      termUses: [
        TermUse(slug: "nato", sentence: "NATO waited."), TermUse(slug: "gone", sentence: nil),
        TermUse(slug: "minsk", sentence: nil),
      ],
      notes: ["nato"], anchors: [], links: [], diagnostics: [])
    document.setSearchWords(json: Array("[\"nato\"]".utf8))
    // "minsk" claims index 0, which is "budapest": written with its slug, read back as is.
    document.useTerms = [1, -1, 0]
    document.noteTerms = [1]
    let cache = BuildCache(
      context: 1, targets: 2, termSlugs: ["budapest", "nato"],
      entries: ["articles/a.md": .init(key: 3, resolutions: 4, document: document)])
    let path = dir.path + "/cache"
    cache.write(to: path)
    let back = try #require(BuildCache.read(path))
    #expect(back.termSlugs == ["budapest", "nato"])
    let entry = try #require(back.entries["articles/a.md"])
    #expect(entry.document == document)
    #expect(entry.document.searchWordsHash == ContentHash.of(string: "[\"nato\"]"))
    #expect(entry.encoded != nil)
    back.write(to: path)
    var again = try #require(BuildCache.read(path))
    #expect(again.entries["articles/a.md"]?.document == document)
    #expect(again.entries["articles/a.md"]?.key == 3)
    // A record changed after reading is written as changed, not copied.
    again.entries["articles/a.md"]?.document.termUses[0].sentence = "NATO said no."
    #expect(again.entries["articles/a.md"]?.encoded == nil)
    again.write(to: path)
    let changed = try #require(BuildCache.read(path))
    #expect(changed.entries["articles/a.md"]?.document.termUses[0].sentence == "NATO said no.")
  }

  /// Endnotes that are the uses' terms in the same order are cached as one flag; any other
  /// list, or other indices, as themselves. Each reads back as it was.
  @Test func endnotesThatRepeatTheUsesRoundTrip() throws {
    let dir = TemporaryDirectory()
    func document(notes: [String], noteTerms: [Int]) -> LinkedDocument {
      var d = LinkedDocument(
        html: nil, htmlHash: 1, headings: [], plainText: "",
        termUses: [
          TermUse(slug: "nato", sentence: "NATO waited."), TermUse(slug: "minsk", sentence: nil),
        ],
        notes: notes, anchors: [], links: [], diagnostics: [])
      d.useTerms = [1, 0]
      d.noteTerms = noteTerms
      return d
    }
    let cases = [
      "same": document(notes: ["nato", "minsk"], noteTerms: [1, 0]),
      "fewer": document(notes: ["nato"], noteTerms: [1]),
      "reordered": document(notes: ["minsk", "nato"], noteTerms: [0, 1]),
      "otherIndices": document(notes: ["nato", "minsk"], noteTerms: [1, -1]),
      "unindexed": document(notes: ["nato", "minsk"], noteTerms: []),
    ]
    let cache = BuildCache(
      context: 1, targets: 2, termSlugs: ["minsk", "nato"],
      entries: CacheRecords(
        cases.map {
          (
            path: "articles/\($0.key).md",
            value: BuildCache.Entry(key: 3, resolutions: 4, document: $0.value)
          )
        }))
    let path = dir.path + "/cache"
    cache.write(to: path)
    let back = try #require(BuildCache.read(path))
    for (name, document) in cases {
      #expect(back.entries["articles/\(name).md"]?.document == document, "\(name)")
      #expect(
        back.entries["articles/\(name).md"]?.document.noteTerms == document.noteTerms, "\(name)")
    }
  }

  /// Records go in the order the build made them (articles by date), not sorted, and each is
  /// found by its path when read back: the first, where a path came twice.
  @Test func recordsAreWrittenInTheirOrderAndFoundByPath() throws {
    let dir = TemporaryDirectory()
    func entry(_ key: UInt64) -> BuildCache.Entry {
      BuildCache.Entry(
        key: key, resolutions: 2,
        document: LinkedDocument(
          html: nil, htmlHash: 1, headings: [], plainText: "", termUses: [], notes: [],
          anchors: [], links: [], diagnostics: []))
    }
    let path = dir.path + "/cache"
    let order = ["articles/c.md", "articles/a.md", "articles/b.md", "articles/a.md"]
    BuildCache(
      context: 1, targets: 2,
      entries: CacheRecords(order.enumerated().map { (path: $1, value: entry(UInt64($0))) })
    ).write(to: path)
    let back = try #require(BuildCache.read(path))
    #expect(back.entries.paths == order)
    #expect(order.map { back.entries[$0]?.key } == [0, 1, 2, 1])
    #expect(back.entries["articles/d.md"] == nil)
    let bytes = try #require(POSIXFile.read(path))
    let offsets = ["c", "a", "b"].map { name in
      let needle = Array("articles/\(name).md".utf8)
      return bytes.indices.first { bytes[$0...].starts(with: needle) } ?? -1
    }
    #expect(offsets[0] < offsets[1] && offsets[1] < offsets[2])
  }

  /// Records made in order (a build's) are found by path too, and a record set by path
  /// replaces the one there or comes last.
  @Test func recordsMadeInOrderAreFoundAndReplacedByPath() {
    var records = CacheRecords([(path: "b", value: 1), (path: "a", value: 2)])
    #expect(records["a"] == 2)
    records["a"] = 3
    records["c"] = 4
    #expect(records.paths == ["b", "a", "c"])
    #expect(records.records.map(\.value) == [1, 3, 4])
    records["b"] = nil
    #expect(records.paths == ["a", "c"])
    // Looked for at a position first, and by path when that is another record's.
    #expect(records.find("c", near: 1) == 4 && records.find("c", near: 0) == 4)
    #expect(records.find("c", near: 99) == 4 && records.find("z", near: 1) == nil)
    #expect(records.find("c", near: 1) { $0 * 10 } == 40 && records.find("a", near: 1) { $0 } == 3)
    var read: CacheRecords<Int> = ["b": 1, "a": 2]
    read["b"] = nil
    #expect(read["a"] == 2 && read["b"] == nil && read.count == 1)
  }

  /// A read cache's records are indexed by path on the first lookup their order does not
  /// answer, and copies share that index only while they hold the same paths.
  @Test func readRecordsAreIndexedLateAndCopiesKeepTheirOwnPaths() {
    let read = CacheRecords(
      indexing: [(path: "b", value: 1), (path: "a", value: 2), (path: "b", value: 9)])
    var copy = read
    #expect(read.find("a", near: 0) == 2)
    #expect(read["b"] == 1)  // the first of a path given twice
    copy["a"] = nil
    copy["d"] = 5
    #expect(copy["d"] == 5 && copy["a"] == nil && copy["b"] == 1)
    #expect(read["a"] == 2 && read["d"] == nil && read.count == 3)
    copy["b"] = 7
    #expect(copy["b"] == 7 && read["b"] == 1)
    #expect(copy.paths == ["b", "b", "d"])
  }

  @Test func aParseWithANewStampIsEncodedAgain() {
    var parsed = BuildCache.Parsed(
      key: 1, article: nil, diagnostics: [], bodyOffset: nil, stamp: nil, encoded: [1, 2, 3])
    parsed.stamp = FileStamp(
      modified: 1, modifiedNanoseconds: 2, size: 3, inode: 4, changed: 5, device: 6)
    #expect(parsed.encoded == nil)
  }

  /// `ArticleSummary.fingerprint` is written field by field: it must count every stored field,
  /// and a change to any one must change it.
  @Test func aSummaryFingerprintCountsEveryField() {
    let base = Self.summary
    #expect(
      // The fields sit behind one reference (`Shared`): its value's fields.
      Mirror(reflecting: base.fields).children.compactMap(\.label)
        == ArticleSummary.fingerprintedFields,
      "a new ArticleSummary field must be counted in ArticleSummary.fingerprint")
    #expect(
      Mirror(reflecting: base.date).children.compactMap(\.label) == ContentDate.fingerprintedFields,
      "a new ContentDate field must be counted in ArticleSummary.fingerprint")
    var variants: [ArticleSummary] = []
    func vary(_ change: (inout ArticleSummary.Fields) -> Void) {
      variants.append(base.with(change))
    }
    vary { $0.slug += "x" }
    vary { $0.title += "x" }
    vary { $0.summary += "x" }
    vary { $0.date = ContentDate.parse("2020-02-02")! }
    vary { $0.date.text = "2025-01-01T00:00:00Z" }
    vary { $0.updated = $0.date }
    vary { $0.tags.append("x") }
    vary { $0.url += "x" }
    for v in variants { #expect(v.fingerprint != base.fingerprint) }
    #expect(Set(variants.map(\.fingerprint)).count == variants.count)
  }

  /// A list of summaries is hashed without a container per element; the hash must be the one
  /// the general path gives. `ViaFeed` hides the element type, so its list takes that path.
  @Test func aSummaryListHashesAsTheGeneralPathWould() {
    struct ViaFeed: Encodable {
      let summary: ArticleSummary
      func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(summary)
      }
    }
    struct Listed<Element: Encodable>: Encodable { let articles: [Element] }
    let other = Self.summary.with { $0.slug = "other" }
    let list = [Self.summary, other, Self.summary]
    #expect(
      Fingerprint.of(Listed(articles: list))
        == Fingerprint.of(Listed(articles: list.map(ViaFeed.init))))
    #expect(
      Fingerprint.of(Listed(articles: list)) != Fingerprint.of(Listed(articles: [other] + list)))
  }

  /// A summary keeps its fingerprint once worked out (`Shared.fingerprint`): it must be the one
  /// its fields give, whichever summary is asked first, and a page that shows it must hash as
  /// it did before any was kept.
  @Test func aKeptFingerprintIsTheOneItsFieldsGive() {
    let fields = Self.summary.fields
    let fresh = { ArticleSummary(fields) }
    let first = fresh()
    let kept = first.fingerprint
    #expect(first.fingerprint == kept)
    #expect(fresh().fingerprint == kept)
    let renamed = first.with { $0.title = "Renamed" }
    #expect(renamed.fingerprint != kept)
    #expect(renamed.fingerprint == first.with { $0.title = "Renamed" }.fingerprint)
    let term = TermSummary(slug: "t", name: "T", summary: "S", url: "/glossary/t/")
    let termKept = term.fingerprint
    #expect(term.fingerprint == termKept)
    #expect(
      TermSummary(slug: "t", name: "T", summary: "S", url: "/glossary/t/").fingerprint == termKept)
    #expect(
      TermSummary(slug: "t", name: "T", summary: "S2", url: "/glossary/t/").fingerprint != termKept)
    // A page counts the summaries it shows by these, kept or not yet worked out alike.
    let unasked = fresh()
    let pageHash = Fingerprint.of(Self.page(related: [unasked]))
    let asked = fresh()
    _ = asked.fingerprint
    #expect(Fingerprint.of(Self.page(related: [asked])) == pageHash)
    #expect(Fingerprint.of(Self.page(related: [renamed])) != pageHash)
  }
}

extension BuildCacheTests {
  @Test func aBacklinkCountsByItsArticleAndItsSentence() {
    let term = TermSummary(slug: "t", name: "T", summary: "S", url: "/glossary/t/")
    func page(_ backlinks: [Backlink]) -> Page {
      .term(
        TermPage(
          term: term, definition: "", aliases: [], related: [], backlinks: Backlinks(backlinks), keyTerms: [],
          endnotes: []))
    }
    let quoted = Backlink(article: Self.summary, sentence: "A sentence.")
    let unquoted = Backlink(article: Self.summary, sentence: nil)
    let other = Self.summary.with { $0.title = "Other" }
    #expect(Fingerprint.of(page([quoted])) != Fingerprint.of(page([unquoted])))
    #expect(
      Fingerprint.of(page([quoted]))
        != Fingerprint.of(page([Backlink(article: other, sentence: "A sentence.")])))
    #expect(Fingerprint.of(page([unquoted, quoted])) != Fingerprint.of(page([quoted, unquoted])))
  }
}

extension BuildCacheTests {
  /// The glossary's linked definitions are cached with their HTML (a term page shows it
  /// whenever it is rendered) and read back as they were, under their key.
  @Test func linkedDefinitionsRoundTripWithTheirHTML() throws {
    let dir = TemporaryDirectory()
    var linked = LinkedDocument(
      html: "<p>See <a href=\"/glossary/nato/\">NATO</a>.</p>", htmlHash: 7,
      headings: [Heading(level: 2, text: "History", id: "history", line: 6)], plainText: "",
      termUses: [TermUse(slug: "nato", sentence: nil)], notes: ["nato"], anchors: [],
      links: ["../articles/a.md"],
      diagnostics: [
        .warning("link.broken", "no such file", at: SourceLocation(path: "g.md", line: 7))
      ])
    linked.useTerms = [0]
    linked.noteTerms = [0]
    let empty = LinkedDocument(
      html: "", htmlHash: 0, headings: [], plainText: "", termUses: [], notes: [], anchors: [],
      links: [], diagnostics: [])
    var cache = BuildCache(context: 1, targets: 2, termSlugs: ["nato"], entries: [:])
    cache.linkedTerms = (key: 42, documents: [linked, empty])
    let path = dir.path + "/cache"
    cache.write(to: path)
    let back = try #require(BuildCache.read(path))
    #expect(back.linkedTerms?.key == 42)
    #expect(back.linkedTerms?.documents == [linked, empty])
    #expect(back.linkedTerms?.documents.first?.html == linked.html)
    // A cache written without definitions holds none, under a key no glossary has.
    BuildCache(context: 1, targets: 2, entries: [:]).write(to: path)
    let none = try #require(BuildCache.read(path))
    #expect(none.linkedTerms?.documents.isEmpty == true)
  }
}

extension BuildCacheTests {
  /// A glossary file's parse reads back as it was written, but for its source (the file as
  /// read now, which the caller puts back).
  @Test func parsedTermsRoundTrip() throws {
    let dir = TemporaryDirectory()
    let file = SourceFile(
      relativePath: "glossary/nato.md", displayPath: "Content/glossary/nato.md",
      bytes: Array("---\nterm: NATO\n---\nThe alliance.\n".utf8))
    let at = { (line: Int) in SourceLocation(path: file.displayPath, line: line, column: 7) }
    let term = Term(
      source: file, slug: "nato", name: "NATO", summary: "The alliance — Альянс.",
      names: [
        Term.Name(text: "NATO", location: at(2), isDeprecated: false),
        Term.Name(text: "North Atlantic alliance", location: at(3), isDeprecated: true),
      ],
      related: [(slug: "article-5", location: at(5))], autolink: false, caseSensitive: true,
      body: "The alliance.\n", bodyFirstLine: 7)
    var cache = BuildCache(context: 1, targets: 2, entries: [:])
    cache.parsedTerms = [
      "glossary/nato.md": .init(
        key: 11, term: term, diagnostics: [.warning("front-matter.unknown-key", "x", at: at(4))]),
      "glossary/bad.md": .init(
        key: 12, term: nil, diagnostics: [.error("glossary.slug", "y", at: at(1))]),
    ]
    let path = dir.path + "/cache"
    cache.write(to: path)
    let back = try #require(BuildCache.read(path))
    let nato = try #require(back.parsedTerms["glossary/nato.md"])
    #expect(nato.key == 11)
    var restored = try #require(nato.term)
    #expect(restored.source.bytes.isEmpty)
    restored.source = file
    #expect(restored == term)
    #expect(restored.names.map(\.location) == term.names.map(\.location))
    #expect(restored.related.map(\.location) == [at(5)])
    #expect(nato.diagnostics == cache.parsedTerms["glossary/nato.md"]?.diagnostics)
    #expect(back.parsedTerms["glossary/bad.md"]?.term == nil)
    #expect(back.parsedTerms["glossary/bad.md"]?.diagnostics.map(\.id) == ["glossary.slug"])
  }
}

extension BuildCacheTests {
  /// A cached document's headings come back as the cache's bytes, read as headings only when
  /// asked, with the digests the fingerprints take; those digests are the ones of the headings
  /// themselves, and each counts what its fingerprint shows.
  @Test func headingsStayBytesUntilReadAndKeepTheirDigests() throws {
    let dir = TemporaryDirectory()
    let headings = [
      Heading(level: 2, text: "Red lines", id: "red-lines", line: 3),
      Heading(level: 3, text: "Kyiv — Київ", id: "kyiv-київ", line: 9),
    ]
    let document = LinkedDocument(
      html: nil, htmlHash: 1, headings: headings, plainText: "", termUses: [], notes: [],
      anchors: [], links: [], diagnostics: [])
    let path = dir.path + "/cache"
    BuildCache(
      context: 1, targets: 2,
      entries: ["articles/a.md": .init(key: 3, resolutions: 4, document: document)]
    ).write(to: path)
    let back = try #require(BuildCache.read(path)?.entries["articles/a.md"]?.document)
    #expect(back.headingList.digest == document.headingList.digest)
    #expect(back.headings == headings)
    #expect(back == document)
    // Written again from the bytes it was read with, then changed: as the headings say.
    var changed = back
    changed.htmlHash = 2
    BuildCache(
      context: 1, targets: 2,
      entries: ["articles/a.md": .init(key: 3, resolutions: 4, document: changed)]
    )
    .write(to: path)
    let again = try #require(BuildCache.read(path)?.entries["articles/a.md"]?.document)
    #expect(again.headings == headings && again.headingList.digest == document.headingList.digest)
    // A heading moved down a line changes the page's digest, not the search entry's.
    var moved = headings
    moved[1].line = 10
    let movedDigest = HeadingList(moved).digest
    #expect(movedDigest.page != document.headingList.digest.page)
    #expect(movedDigest.texts == document.headingList.digest.texts)
    var renamed = headings
    renamed[0].text = "Red line"
    #expect(HeadingList(renamed).digest.texts != document.headingList.digest.texts)
    // Cut inside the headings, the cache is no cache.
    let bytes = try #require(POSIXFile.read(path))
    let at = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("Kyiv".utf8)) })
    try POSIXFile.write(Array(bytes[..<at]), to: path)
    #expect(BuildCache.read(path) == nil)
  }
}

extension BuildCacheTests {
  /// Slugs kept as glossary indices give the table's slugs, with overrides where a slug is not
  /// the table's; setting other indices keeps the slugs as they were.
  @Test func termSlugsByIndexReadAsSlugs() {
    let table = ["budapest", "minsk", "nato"]
    var list = TermSlugs(table: table, terms: [2, 0, -1], overrides: [2: "gone"])
    #expect(list.slugs == ["nato", "budapest", "gone"])
    #expect(list.isIndexed && list.count == 3)
    #expect(
      list
        == {
          var l = TermSlugs(["nato", "budapest", "gone"])
          l.terms = [2, 0, -1]
          return l
        }())
    list.terms = [0, 1, 2]
    #expect(list.slugs == ["nato", "budapest", "gone"], "indices changed, slugs kept")
    #expect(TermSlugs(["nato"]).isIndexed == false)
  }

  /// Sentences are kept by use, in use order, whatever order they are set in.
  @Test func useSentencesByUse() {
    var sentences = UseSentences([.init(use: 4, sentence: "d"), .init(use: 1, sentence: "a")])
    sentences[2] = "b"
    sentences[4] = nil
    sentences[1] = "A"
    #expect(sentences.quotes.map(\.use) == [1, 2])
    #expect(sentences[1] == "A" && sentences[2] == "b" && sentences[3] == nil)
  }

  /// A document's uses as glossary indices two bytes each: an index past the cache's slugs
  /// makes the whole cache void, never a slug from elsewhere.
  @Test func packedUseIndicesOutOfRangeVoidTheCache() throws {
    let dir = TemporaryDirectory()
    var document = LinkedDocument(
      html: nil, htmlHash: 1, headings: [], plainText: "",
      termUses: [
        TermUse(slug: "nato", sentence: "NATO waited."), TermUse(slug: "minsk", sentence: nil),
      ],
      notes: [], anchors: [], links: [], diagnostics: [])
    document.useTerms = [1, 0]
    let path = dir.path + "/cache"
    BuildCache(
      context: 1, targets: 2, termSlugs: ["minsk", "nato"],
      entries: ["articles/a.md": .init(key: 3, resolutions: 4, document: document)]
    ).write(to: path)
    let back = try #require(BuildCache.read(path)?.entries["articles/a.md"]?.document)
    #expect(back.termUses == document.termUses && back.useTerms == [1, 0])
    // The packed pair (1, 0) little-endian, right after the flag that says packed.
    var bytes = try #require(POSIXFile.read(path))
    let at = try #require(
      bytes.indices.first { bytes[$0...].starts(with: [2, 1, 1, 0, 0, 0]) })
    // Found the right bytes: 0 in place of 1 reads back as the other slug.
    bytes[at + 2] = 0
    try POSIXFile.write(bytes, to: path)
    #expect(
      BuildCache.read(path)?.entries["articles/a.md"]?.document.useSlugs.slugs == [
        "minsk", "minsk",
      ])
    bytes[at + 2] = 7
    try POSIXFile.write(bytes, to: path)
    #expect(BuildCache.read(path) == nil)
  }
}

extension BuildCacheTests {
  /// Records in blocks come back in order, each block decoded into its place; a block whose
  /// count of records is not what its bytes hold makes the whole read fail.
  @Test func blocksDecodeInOrderAndCheckTheirCounts() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/blocks"
    let values = (0..<1_300).map { "record \($0)" }
    func written(_ values: [String]) throws -> [UInt8] {
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      defer { close(fd) }
      var w = CacheWriter()
      try w.blocks(values, blockSize: 512, to: fd, path: path) { w, v in w.put(v) }
      try w.drain(to: fd, path: path, over: 0)
      return try #require(POSIXFile.read(path))
    }
    var bytes = try written(values)
    var r = CacheReader(bytes)
    #expect(try r.blocks { try $0.string() } == values)
    #expect(r.isAtEnd)
    var none = CacheReader(try written([]))
    #expect(try none.blocks { try $0.string() } == [])
    // Three blocks (512, 512, 276 records): the first says 511.
    bytes = try written(values)
    #expect(Array(bytes[0..<3]) == [3, 0x80, 0x04])
    bytes[1] = 0xFF
    bytes[2] = 0x03
    var short = CacheReader(bytes)
    #expect(throws: CacheReader.Malformed.self) { try short.blocks { try $0.string() } }
  }

  /// What is written around blocks stays in its place: each block goes to the file after what
  /// was buffered before it, from a buffer of its own that the next block starts afresh.
  @Test func blocksKeepTheirPlaceAmongOtherValues() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/blocks"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var w = CacheWriter()
    w.put("before")
    try w.blocks((0..<700).map { "long record \($0)" }, blockSize: 256, to: fd, path: path) {
      w, v in w.put(v)
    }
    w.put(UInt64(42))
    try w.blocks(["a", "b"], blockSize: 256, to: fd, path: path) { w, v in w.put(v) }
    w.put("after")
    try w.drain(to: fd, path: path, over: 0)
    close(fd)
    var r = CacheReader(try #require(POSIXFile.read(path)))
    #expect(try r.string() == "before")
    #expect(try r.blocks { try $0.string() } == (0..<700).map { "long record \($0)" })
    #expect(try r.uint64() == 42)
    #expect(try r.blocks { try $0.string() } == ["a", "b"])
    #expect(try r.string() == "after")
    #expect(r.isAtEnd)
  }
}

extension BuildCacheTests {
  /// Hashes are eight bytes each, whatever their value, and read back as written; seven bytes
  /// are no hash.
  @Test func hashesTakeEightBytes() throws {
    var w = CacheWriter()
    let values: [UInt64] = [0, 1, 0x80, UInt64.max, 0x0123_4567_89AB_CDEF]
    for v in values { w.put(hash: v) }
    w.put("end")
    #expect(w.bytes.count == 8 * values.count + 4)
    var r = CacheReader(w.bytes)
    #expect(try values.map { _ in try r.hash() } == values)
    #expect(try r.string() == "end")
    var short = CacheReader(Array(w.bytes.prefix(7)))
    #expect(throws: CacheReader.Malformed.self) { try short.hash() }
  }
}
