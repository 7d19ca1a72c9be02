import Foundation
import SitegenMarkdown
import SitegenTemplates
import SitegenTestSupport
import Testing

@testable import SitegenKit

/// A build after an edit does the work the edit calls for and no more, and writes exactly the
/// site a cold build of the same content writes.
@Suite struct IncrementalBuildTests {
  static func article(_ slug: String, date: String, body: String, tags: String = "[talks]")
    -> String
  {
    "---\ntitle: \(slug.capitalized)\nsummary: About \(slug).\ndate: \(date)\ntags: \(tags)\n---\n\(body)\n"
  }

  static func term(
    _ name: String, aliases: [String] = [], summary: String? = nil, definition: String? = nil
  ) -> String {
    let alias = aliases.isEmpty ? "" : "aliases: [\(aliases.joined(separator: ", "))]\n"
    return
      "---\nterm: \(name)\n\(alias)summary: \(summary ?? "What \(name) means.")\n---\n\(definition ?? "The meaning of \(name).")\n"
  }

  static let files: [String: String] = [
    "Content/site.yml": "title: Test\nbase_url: https://test.example/\n",
    "Content/articles/one.md": article(
      "one", date: "2025-01-01", body: "Red lines were drawn.\n\n## Part\n\nMore."),
    "Content/articles/two.md": article(
      "two", date: "2025-01-02", body: "Security guarantees, not red lines."),
    "Content/articles/three.md": article(
      "three", date: "2025-01-03", body: "Sanctions bite. See [one](one.md#part).", tags: "[money]"),
    "Content/articles/four.md": article(
      "four", date: "2025-01-04", body: "Sanctions and security guarantees."),
    "Content/glossary/red-lines.md": term("red lines", aliases: ["red line"]),
    "Content/glossary/security-guarantees.md": term("security guarantees"),
    "Content/glossary/sanctions.md": term("sanctions"),
  ]

  let site = TemporaryFolder(files: Self.files)

  /// Builds with the file clock moved on, so that every file the build reads counts as settled
  /// and the next build trusts its stamp instead of reading it: each test here runs through the
  /// loader's shortcut (other suites build with the real clock, and read everything).
  func build(_ folder: TemporaryFolder? = nil) throws -> BuildResult {
    let folder = folder ?? site
    let result = try SiteBuilder.build(
      BuildOptions(
        contentDirectory: folder.path + "/Content", outputDirectory: folder.path + "/Public",
        now: 1_764_374_400),
      theme: SiteTheme(), fileClock: FileStamp.now() + 10_000_000_000)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    return result
  }

  /// The same content built cold in a new folder: what the incremental build must equal.
  func expectSameAsColdBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let cold = TemporaryFolder(files: [:])
    try FileManager.default.copyItem(atPath: site.path + "/Content", toPath: cold.path + "/Content")
    _ = try build(cold)
    let warm = site.snapshot()
    let fresh = cold.snapshot()
    #expect(warm.keys.sorted() == fresh.keys.sorted(), sourceLocation: sourceLocation)
    for (path, bytes) in fresh where warm[path] != bytes {
      Issue.record("\(path) differs from a cold build", sourceLocation: sourceLocation)
    }
  }

  /// Edits a file so that its stamp changes even within one clock tick: with the file clock
  /// moved on, a stamp that stayed the same would be trusted.
  func edit(_ path: String, _ text: String) {
    let before = stamp(path)
    site.write(path, text)
    while stamp(path) == before {
      usleep(10_000)
      site.write(path, text)
    }
  }

  func stamp(_ path: String) -> FileStamp? {
    var info = stat()
    return stat(site.path + "/" + path, &info) == 0 ? FileStamp(info) : nil
  }

  @Test func editingOneArticleLinksItAloneAndRendersOnlyWhatShowsIt() throws {
    let first = try build()
    #expect(first.linkedArticles == 4)
    #expect(first.linkedTerms == 3)
    #expect(first.readArticles == 4)
    edit(
      "Content/articles/two.md",
      Self.article(
        "two", date: "2025-01-02", body: "Security guarantees, not red lines. New words."))
    let second = try build()
    #expect(second.linkedArticles == 1)
    #expect(second.linkedTerms == 0, "the definitions came from the cache")
    #expect(second.readArticles == 1, "the others' stamps vouch for them")
    // Its page, and the pages quoting its sentences (the terms it uses): not the other articles,
    // home or tag pages, whose inputs did not change.
    #expect(second.renderedPages.sorted() == ["articles/two/index.html"])
    try expectSameAsColdBuild()
  }

  /// A search shard is kept while its articles' entries are the same: a term's summary is not in
  /// them, an article's words are.
  @Test func aSearchShardIsWrittenOnlyWhenItsArticlesChange() throws {
    _ = try build()
    let shard = "Public/" + SearchIndex.shardPath(0)
    // The file itself, not its change time (which a new hard link to it moves on).
    func identity() -> [Int64]? {
      stamp(shard).map { [Int64($0.inode), Int64($0.modified), Int64($0.modifiedNanoseconds)] }
    }
    let before = try #require(identity())
    edit(
      "Content/glossary/sanctions.md", Self.term("sanctions", summary: "Penalties between states."))
    _ = try build()
    #expect(identity() == before, "no article's entry changed")
    edit(
      "Content/articles/two.md",
      Self.article("two", date: "2025-01-02", body: "Security guarantees, not red lines. Words."))
    _ = try build()
    #expect(identity() != before)
    try expectSameAsColdBuild()
  }

  /// The search words are cached already escaped for the index's script: a word holding a line
  /// separator (U+2028, which old JavaScript parsers reject in strings) stays escaped when its
  /// article comes from the cache.
  @Test func searchWordsFromTheCacheStayEscaped() throws {
    let body = "A na\u{00EF}ve\u{2028}separator, \"quoted\" and </script> words."
    edit("Content/articles/one.md", Self.article("one", date: "2025-01-01", body: body))
    _ = try build()
    edit(
      "Content/articles/two.md",
      Self.article("two", date: "2025-01-02", body: "Security guarantees, not red lines. Again."))
    let second = try build()
    #expect(second.linkedArticles == 1, "one.md came from the cache")
    let index = try #require(site.snapshot()[SearchIndex.shardPath(0)])
    let script = String(decoding: index, as: UTF8.self)
    #expect(script.contains("na\u{00EF}ve\\u2028separator"))
    #expect(!script.unicodeScalars.contains("\u{2028}"))
    #expect(!script.contains("</script>"))
    try expectSameAsColdBuild()
  }

  @Test func editingASentenceThatATermPageQuotesRendersThatTermPage() throws {
    _ = try build()
    edit(
      "Content/articles/two.md",
      Self.article("two", date: "2025-01-02", body: "Security guarantees matter, not red lines."))
    let result = try build()
    #expect(result.linkedArticles == 1)
    #expect(
      result.renderedPages.sorted() == [
        "articles/two/index.html", "glossary/red-lines/index.html",
        "glossary/security-guarantees/index.html",
      ])
    try expectSameAsColdBuild()
  }

  /// The definitions are linked again, all of them, when one changes or when what their links
  /// follow from does (a term's spelling, an article's path); each time the site is the one a
  /// cold build makes.
  @Test func definitionsAreLinkedAgainWhenWhatTheyFollowFromChanges() throws {
    site.write(
      "Content/glossary/sanctions.md",
      Self.term("sanctions", definition: "Like red lines, see [two](../articles/two.md)."))
    #expect(try build().linkedTerms == 3)
    #expect(try build().linkedTerms == 0, "nothing changed: the cache held them")
    edit(
      "Content/glossary/sanctions.md",
      Self.term(
        "sanctions", definition: "Unlike security guarantees, see [two](../articles/two.md)."))
    let edited = try build()
    #expect(edited.linkedTerms == 3)
    #expect(edited.renderedPages.contains("glossary/sanctions/index.html"))
    try expectSameAsColdBuild()
    // A new spelling changes what the definitions link.
    edit(
      "Content/glossary/security-guarantees.md",
      Self.term("security guarantees", aliases: ["guarantees"]))
    #expect(try build().linkedTerms == 3)
    try expectSameAsColdBuild()
    // The article a definition links to is gone: its link breaks, which the build must say
    // (the cached definitions had no such diagnostic).
    try FileManager.default.removeItem(atPath: site.path + "/Content/articles/two.md")
    let result = try SiteBuilder.build(
      BuildOptions(
        contentDirectory: site.path + "/Content", outputDirectory: site.path + "/Public",
        now: 1_764_374_400),
      theme: SiteTheme(), fileClock: FileStamp.now() + 10_000_000_000)
    #expect(
      result.diagnostics.contains {
        $0.location?.path.hasSuffix("glossary/sanctions.md") == true
          && $0.message.contains("two.md")
      })
  }

  /// A glossary file's parse comes from the cache while its bytes are the same, warnings
  /// included; a changed file is parsed again.
  @Test func aCachedGlossaryParseKeepsItsWarnings() throws {
    site.write(
      "Content/glossary/sanctions.md",
      "---\nterm: sanctions\nsummary: Penalties.\ncolour: red\n---\nThe meaning.\n")
    let first = try build()
    let warning = try #require(first.diagnostics.first { $0.id == "front-matter.unknown-key" })
    #expect(warning.location?.line == 4)
    edit(
      "Content/articles/two.md",
      Self.article("two", date: "2025-01-02", body: "Security guarantees, not red lines. New."))
    let second = try build()
    #expect(second.diagnostics.filter { $0.id == "front-matter.unknown-key" } == [warning])
    try expectSameAsColdBuild()
    edit(
      "Content/glossary/sanctions.md",
      "---\nterm: sanctions\nsummary: Penalties.\n---\nThe meaning.\n")
    let third = try build()
    #expect(!third.diagnostics.contains { $0.id == "front-matter.unknown-key" })
    try expectSameAsColdBuild()
  }

  @Test func aTermsSummaryReRendersExactlyThePagesThatShowIt() throws {
    _ = try build()
    edit(
      "Content/glossary/sanctions.md", Self.term("sanctions", summary: "Penalties between states."))
    let result = try build()
    #expect(result.linkedArticles == 0, "a summary is not a spelling: no article is linked again")
    #expect(
      result.renderedPages.sorted() == [
        "articles/four/index.html", "articles/three/index.html", "glossary/index.html",
        "glossary/sanctions/index.html", "index.html",
      ])
    try expectSameAsColdBuild()
  }

  @Test func aNewAliasReRendersThePagesItNowMatches() throws {
    _ = try build()
    edit("Content/glossary/sanctions.md", Self.term("sanctions", aliases: ["more"]))
    let result = try build()
    // Only "one" says "More": the articles that mention "sanctions" keep their links.
    #expect(result.linkedArticles == 1)
    #expect(result.renderedPages.contains("articles/one/index.html"))
    #expect(!result.renderedPages.contains("articles/two/index.html"))
    #expect(result.renderedPages.contains("glossary/sanctions/index.html"))
    try expectSameAsColdBuild()
  }

  /// A glossary edit links again the articles that may mention a spelling it added, removed or
  /// changed, and no others; whatever it was, the site is the one a cold build makes.
  @Test func aGlossaryEditLinksAgainOnlyTheArticlesThatMayMentionWhatChanged() throws {
    _ = try build()
    // No article says "red line" (they say "red lines"): none is linked again.
    edit("Content/glossary/red-lines.md", Self.term("red lines"))
    #expect(try build().linkedArticles == 0)
    try expectSameAsColdBuild()
    // A new term moves the others' indices: the cached articles take theirs by slug.
    site.write("Content/glossary/drawn.md", Self.term("drawn"))
    #expect(try build().linkedArticles == 1, "only 'one' says 'drawn'")
    try expectSameAsColdBuild()
    // A removed term: the two articles that mention it.
    try FileManager.default.removeItem(atPath: site.path + "/Content/glossary/sanctions.md")
    #expect(try build().linkedArticles == 2)
    try expectSameAsColdBuild()
    // A term renamed: every article that mentions any spelling it had or has.
    edit("Content/glossary/red-lines.md", Self.term("red-line policy", aliases: ["red lines"]))
    #expect(try build().linkedArticles == 2, "'one' and 'two' say 'red lines'")
    try expectSameAsColdBuild()
    // Matched another way: every spelling of the term.
    edit(
      "Content/glossary/security-guarantees.md",
      "---\nterm: security guarantees\ncase_sensitive: true\nsummary: S.\n---\nD.\n")
    #expect(try build().linkedArticles == 2, "'two' and 'four'")
    try expectSameAsColdBuild()
    // A character reference may spell anything: its article is linked again at every change.
    site.write(
      "Content/articles/five.md",
      Self.article("five", date: "2025-01-05", body: "Red&#32;lines and more."))
    _ = try build()
    edit("Content/glossary/drawn.md", Self.term("drawn", aliases: ["bite"]))
    #expect(try build().linkedArticles == 2, "'three' says 'bite'; 'five' has a reference")
    try expectSameAsColdBuild()
  }

  @Test func aNewArticleKeepsTheOthersCached() throws {
    _ = try build()
    edit(
      "Content/articles/five.md",
      Self.article("five", date: "2025-01-05", body: "Red lines, again."))
    let result = try build()
    #expect(result.linkedArticles == 1)
    // The new page; "four", whose newer neighbour it is; "one" and "two", which share red lines
    // with it and now list it as related; the red lines page; the lists. Not "three" (no shared
    // term, another tag) and not the other term pages.
    #expect(
      result.renderedPages.sorted() == [
        "articles/five/index.html", "articles/four/index.html", "articles/one/index.html",
        "articles/two/index.html", "glossary/red-lines/index.html", "index.html", "tags/index.html",
        "tags/talks/index.html",
      ])
    try expectSameAsColdBuild()
  }

  @Test func removingALinkedArticleRelinksTheArticlesThatLinkToIt() throws {
    _ = try build()
    try FileManager.default.removeItem(atPath: site.path + "/Content/articles/one.md")
    let result = try SiteBuilder.build(
      BuildOptions(
        contentDirectory: site.path + "/Content", outputDirectory: site.path + "/Public",
        now: 1_764_374_400),
      theme: SiteTheme())
    // "three" links to one.md: its cached document no longer resolves, so it is linked again
    // and reports the broken link.
    #expect(
      result.diagnostics.contains {
        $0.id == "link.broken" && $0.location?.path.hasSuffix("three.md") == true
      })
  }

  @Test func aDamagedCacheIsIgnored() throws {
    _ = try build()
    let cache = BuildCache.path(for: OutputWriter(output: site.path + "/Public"))
    #expect(FileManager.default.fileExists(atPath: cache))
    try Data("sitegen-build-cache-1 garbage".utf8).write(to: URL(fileURLWithPath: cache))
    edit("Content/articles/two.md", Self.article("two", date: "2025-01-02", body: "Changed."))
    let result = try build()
    #expect(result.linkedArticles == 4)
    try expectSameAsColdBuild()
  }
}

extension IncrementalBuildTests {
  @Test func cachedFrontMatterGivesTheSameSiteAndDiagnostics() throws {
    edit(
      "Content/articles/two.md",
      "---\ntitle: Two\nsummary: About two.\ndate: 2025-01-02\nupdated: 2024-01-01\ntags: [talks]\n---\nSecurity guarantees.\n"
    )
    let first = try build()
    #expect(first.diagnostics.map(\.id) == ["article.updated-before-date"])
    edit(
      "Content/articles/one.md",
      Self.article(
        "one", date: "2025-01-01", body: "Red lines were drawn again.\n\n## Part\n\nMore."))
    let second = try build()
    // "two" came from the cache: its warning is still reported, at the same place.
    #expect(second.diagnostics == first.diagnostics)
    #expect(second.linkedArticles == 1)
    try expectSameAsColdBuild()
  }
}

extension IncrementalBuildTests {
  @Test func aCachedCRLFArticleKeepsItsBody() throws {
    // CRLF and a BOM are decoded away: the cached body cannot be the file's tail.
    edit(
      "Content/articles/two.md",
      "\u{FEFF}---\r\ntitle: Two\r\nsummary: About two.\r\ndate: 2025-01-02\r\ntags: [talks]\r\n---\r\nSecurity guarantees.\r\n\r\nSecond paragraph.\r\n"
    )
    _ = try build()
    edit(
      "Content/articles/one.md",
      Self.article("one", date: "2025-01-01", body: "Red lines, drawn.\n\n## Part\n\nMore."))
    // "two"'s page must be rendered from the cached parse: the alias makes it render again.
    edit("Content/glossary/sanctions.md", Self.term("sanctions", aliases: ["second paragraph"]))
    let result = try build()
    #expect(result.renderedPages.contains("articles/two/index.html"))
    #expect(site.read("Public/articles/two/index.html")?.contains("Second paragraph") == true)
    try expectSameAsColdBuild()
  }
}

extension IncrementalBuildTests {
  @Test func aBuildWithErrorsStillCachesWhatItLinked() throws {
    edit(
      "Content/articles/one.md",
      Self.article("one", date: "2025-01-01", body: "See [gone](gone.md).\n\n## Part\n\nMore."))
    let failed = try SiteBuilder.build(
      BuildOptions(
        contentDirectory: site.path + "/Content", outputDirectory: site.path + "/Public",
        now: 1_764_374_400),
      theme: SiteTheme())
    #expect(failed.diagnostics.map(\.id) == ["link.broken"])
    #expect(!FileManager.default.fileExists(atPath: site.path + "/Public"))
    edit(
      "Content/articles/one.md",
      Self.article("one", date: "2025-01-01", body: "Red lines were drawn.\n\n## Part\n\nMore."))
    let fixed = try build()
    // Only the fixed article is linked: the failed build cached the other three.
    #expect(fixed.linkedArticles == 1)
    try expectSameAsColdBuild()
  }
}

extension IncrementalBuildTests {
  @Test func aNewTitleRendersThePagesThatShowIt() throws {
    _ = try build()
    edit(
      "Content/articles/three.md",
      "---\ntitle: A new title\nsummary: About three.\ndate: 2025-01-03\ntags: [money]\n---\nSanctions bite. See [one](one.md#part).\n"
    )
    let result = try build()
    // Its page, its neighbours in time (two and four show it as older and newer), the term
    // page listing it, the home page and its tag's pages; not articles one and two's others.
    #expect(
      result.renderedPages.sorted() == [
        "articles/four/index.html", "articles/three/index.html", "articles/two/index.html",
        "glossary/sanctions/index.html", "index.html", "tags/money/index.html",
      ])
    try expectSameAsColdBuild()
  }

  /// `RenderStage` fingerprints an article page as its core, hashed field by field
  /// (`SiteGraph.articlePageCoreFingerprint`), plus the summaries it shows; a new field must be
  /// placed in one or the other (see `SiteGraph.articlePageCore`).
  @Test func articlePagesHaveTheFieldsTheFingerprintKnows() {
    let page = SiteGraph.noSummary
    let fields = Mirror(
      reflecting: ArticlePage(
        article: page, authors: [], body: "", bodyHash: 0, headings: [], readingMinutes: 1,
        keyTerms: [], related: [], older: nil, newer: nil, endnotes: [])
    ).children.compactMap(\.label)
    #expect(
      fields == [
        "article", "authors", "body", "bodyHash", "headings", "readingMinutes", "keyTerms",
        "related", "older", "newer", "endnotes",
      ])
    let heading = Heading(level: 2, text: "Part", id: "part", line: 3)
    #expect(
      Mirror(reflecting: heading).children.compactMap(\.label) == ["level", "text", "id", "line"])
  }

  /// Each field of an article page's core, changed alone, renders that page again.
  @Test func anArticlesAuthorsOrAHeadingsLineAloneRenderItsPage() throws {
    _ = try build()
    let front = "---\ntitle: Three\nsummary: About three.\ndate: 2025-01-03\ntags: [money]\n"
    let body = "Sanctions bite. See [one](one.md#part).\n"
    for authors in ["[Ana Ruiz]", "[Ana Ruis]"] {
      edit("Content/articles/three.md", front + "authors: \(authors)\n---\n" + body)
      #expect(try build().renderedPages == ["articles/three/index.html"])
      try expectSameAsColdBuild()
    }
    // The same HTML, a heading two lines lower.
    edit(
      "Content/articles/one.md",
      Self.article("one", date: "2025-01-01", body: "Red lines were drawn.\n\n\n\n## Part\n\nMore.")
    )
    #expect(try build().renderedPages.contains("articles/one/index.html"))
    try expectSameAsColdBuild()
  }
}

extension IncrementalBuildTests {
  @Test func aCacheCannotGiveAnArticleAPathOutOfTheOutput() throws {
    _ = try build()
    let path = BuildCache.path(for: OutputWriter(output: site.path + "/Public"))
    var cache = try #require(BuildCache.read(path))
    let key = try #require(cache.parsed["articles/two.md"])
    var forged = key
    forged.article?.slug = "../../escaped"
    cache.parsed["articles/two.md"] = forged
    cache.write(to: path)
    #expect(BuildCache.read(path) == nil, "a slug no parse would give makes the whole cache void")
    edit(
      "Content/articles/one.md",
      Self.article("one", date: "2025-01-01", body: "Red lines, drawn.\n\n## Part\n\nMore."))
    _ = try build()
    #expect(!FileManager.default.fileExists(atPath: site.path + "/escaped"))
    try expectSameAsColdBuild()
  }
}

extension IncrementalBuildTests {
  /// The no-change check's fingerprint adds up one hash per file, so the walk's order cannot
  /// change it; any stamp's field, a path, or two files trading stamps must.
  @Test func theNoChangeFingerprintFollowsEveryStampAndNotTheOrder() {
    let stamp = FileStamp(modified: 100, modifiedNanoseconds: 5, size: 42, inode: 7)
    let other = FileStamp(modified: 200, modifiedNanoseconds: 6, size: 43, inode: 8)
    let files = ["c/site.yml": stamp, "c/articles/a.md": other, "c/articles/b.md": stamp]
    func fingerprint(_ files: [String: FileStamp]) -> String {
      BuildState.fingerprint(options: BuildOptions(now: 0), snapshot: SourceSnapshot(files: files))
    }
    let base = fingerprint(files)
    // The same files added in another order: another dictionary, another iteration order.
    var reordered: [String: FileStamp] = [:]
    for key in files.keys.sorted().reversed() { reordered[key] = files[key] }
    #expect(fingerprint(reordered) == base)
    var variants: [[String: FileStamp]] = []
    for change in [
      { (s: inout FileStamp) in s.size += 1 }, { $0.modified += 1 },
      { $0.modifiedNanoseconds += 1 }, { $0.inode += 1 },
    ] {
      var changed = files
      change(&changed["c/articles/a.md"]!)
      variants.append(changed)
    }
    var traded = files
    (traded["c/site.yml"], traded["c/articles/a.md"]) = (other, stamp)
    variants.append(traded)
    var renamed = files
    renamed["c/articles/z.md"] = renamed.removeValue(forKey: "c/articles/b.md")
    variants.append(renamed)
    var removed = files
    removed["c/articles/b.md"] = nil
    variants.append(removed)
    let prints = variants.map(fingerprint)
    for p in prints { #expect(p != base) }
    #expect(Set(prints).count == prints.count)
  }
}
