/// An article as the parse stage reads it: typed front matter and the Markdown body.
///
/// A value with its fields behind one reference (`CopyOnWrite`): an article is copied from the
/// cache's parse into the stages, the index and the link stage's work, and each copy of its
/// twenty strings and arrays was twenty atomic retains, and as many releases at its end.
public struct Article: Sendable, Hashable {
  private var storage: CopyOnWrite<Fields>

  private struct Fields: Sendable, Hashable {
    var source: SourceFile
    var slug: String
    var title: String
    var summary: String
    var date: ContentDate
    var updated: ContentDate?
    var tags: [String]
    var authors: [String]
    var draft: Bool
    var glossaryLinks: GlossaryLinkMode?
    var body: String
    var bodyFirstLine: Int
    var slugLocation: SourceLocation
    var sourceHash: UInt64 = 0
    var bodyIsUnread: Bool = false
    var bodyOffset: Int? = nil
  }

  private var fields: Fields {
    get { storage.fields }
    _modify { yield &storage.fields }
  }

  public static func == (a: Article, b: Article) -> Bool {
    a.storage.isShared(with: b.storage) || a.fields == b.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

  public var source: SourceFile {
    get { fields.source }
    _modify { yield &fields.source }
  }
  public var slug: String {
    get { fields.slug }
    _modify { yield &fields.slug }
  }
  public var title: String {
    get { fields.title }
    _modify { yield &fields.title }
  }
  public var summary: String {
    get { fields.summary }
    _modify { yield &fields.summary }
  }
  public var date: ContentDate {
    get { fields.date }
    _modify { yield &fields.date }
  }
  public var updated: ContentDate? {
    get { fields.updated }
    _modify { yield &fields.updated }
  }
  public var tags: [String] {
    get { fields.tags }
    _modify { yield &fields.tags }
  }
  public var authors: [String] {
    get { fields.authors }
    _modify { yield &fields.authors }
  }
  public var draft: Bool {
    get { fields.draft }
    _modify { yield &fields.draft }
  }
  /// Overrides the site's `glossary_links` for this article.
  public var glossaryLinks: GlossaryLinkMode? {
    get { fields.glossaryLinks }
    _modify { yield &fields.glossaryLinks }
  }
  public var body: String {
    get { fields.body }
    _modify { yield &fields.body }
  }
  /// File line of the body's first line: cmark's line 1.
  public var bodyFirstLine: Int {
    get { fields.bodyFirstLine }
    _modify { yield &fields.bodyFirstLine }
  }
  /// Where `slug` is set, or line 1: for slug clashes.
  public var slugLocation: SourceLocation {
    get { fields.slugLocation }
    _modify { yield &fields.slugLocation }
  }
  /// A stable hash of the file's names and bytes, when the parse stage made it (0 otherwise):
  /// what the body was cut from, so the link stage need not hash the body again.
  var sourceHash: UInt64 {
    get { fields.sourceHash }
    _modify { yield &fields.sourceHash }
  }
  /// The file was not read (its stamp vouched for the cached parse), so `body` is empty until
  /// `readBody()`; `bodyOffset` is where the body starts in its bytes, when known.
  var bodyIsUnread: Bool {
    get { fields.bodyIsUnread }
    _modify { yield &fields.bodyIsUnread }
  }
  var bodyOffset: Int? {
    get { fields.bodyOffset }
    _modify { yield &fields.bodyOffset }
  }

  init(
    source: SourceFile,
    slug: String,
    title: String,
    summary: String,
    date: ContentDate,
    updated: ContentDate?,
    tags: [String],
    authors: [String],
    draft: Bool,
    glossaryLinks: GlossaryLinkMode?,
    body: String,
    bodyFirstLine: Int,
    slugLocation: SourceLocation,
    sourceHash: UInt64 = 0,
    bodyIsUnread: Bool = false,
    bodyOffset: Int? = nil
  ) {
    storage = CopyOnWrite(
      Fields(
        source: source, slug: slug, title: title, summary: summary, date: date, updated: updated,
        tags: tags, authors: authors, draft: draft, glossaryLinks: glossaryLinks, body: body,
        bodyFirstLine: bodyFirstLine, slugLocation: slugLocation, sourceHash: sourceHash,
        bodyIsUnread: bodyIsUnread, bodyOffset: bodyOffset))
  }
}

extension Article {
  static let keys = [
    "title", "summary", "date", "updated", "slug", "tags", "authors", "draft", "glossary_links",
  ]

  /// The parse stage for one article file.
  public static func parse(_ file: SourceFile) -> (Article?, [Diagnostic]) {
    var (block, fm): (FrontMatterBlock, FrontMatter)
    switch MarkdownSource.open(file) {
    case .success(let opened): (block, fm) = opened
    case .failure(let diagnostic): return (nil, [diagnostic])
    }
    let title = fm.string("title", required: true)
    let summary = fm.string("summary", required: true)
    let date = fm.date("date", required: true)
    let updated = fm.date("updated")
    let slugValue = fm.string("slug")
    let tags = fm.stringList("tags").map(\.0)
    let authors = fm.stringList("authors").map(\.0)
    let draft = fm.bool("draft") ?? false
    let mode = fm.choice("glossary_links", as: GlossaryLinkMode.self)
    fm.reportUnknownKeys(known: keys)

    let slugLocation = fm.entry("slug").map { fm.location(of: $0.value) } ?? file.location(line: 1)
    let slug = slugValue ?? file.stem
    if !Slug.isValid(slug) {
      let fix =
        slugValue == nil
        ? "rename the file or set 'slug:'" : "change 'slug:'"
      fm.diagnostics.append(
        .error(
          "article.slug",
          "slug '\(slug)' may use only a-z, 0-9 and '-'; \(fix) (e.g. '\(Slug.suggest(from: slug))')",
          at: slugLocation))
    }
    if let date, let updated, updated < date {
      fm.diagnostics.append(
        .warning(
          "article.updated-before-date", "'updated' is before 'date'; check both",
          at: fm.entry("updated").map { fm.location(of: $0.value) }))
    }
    guard let title, let summary, let date, !fm.diagnostics.hasErrors else {
      return (nil, fm.diagnostics)
    }
    let article = Article(
      source: file, slug: slug, title: title, summary: summary, date: date, updated: updated,
      tags: tags, authors: authors, draft: draft, glossaryLinks: mode, body: block.body,
      bodyFirstLine: block.bodyFirstLine, slugLocation: slugLocation)
    return (article, fm.diagnostics)
  }
}

/// Slugs: the only strings from content that become output paths.
public enum Slug {
  public static func isValid(_ s: String) -> Bool {
    !s.isEmpty
      && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
  }

  /// A valid slug made from any text: "Red lines & NATO" → "red-lines-nato".
  public static func suggest(from text: String) -> String {
    if let ascii = suggest(ascii: text) { return ascii }
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty && !out.hasSuffix("-") {
        out += "-"
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "untitled" : out
  }

  /// `suggest` for ASCII text, over its bytes: every article page links its tags by slug, and
  /// Unicode lowercasing and a String append per scalar were 3,400 instructions a tag. ASCII
  /// lowercases to ASCII by A-Z alone, so the result is the same. Nil for any other text.
  private static func suggest(ascii text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      for byte in bytes {
        switch byte {
        case 0x80...: return nil
        case 97...122, 48...57: out.append(byte)
        case 65...90: out.append(byte + 32)
        default: if let last = out.last, last != 45 { out.append(45) }
        }
      }
      if out.last == 45 { out.removeLast() }
      return out.isEmpty ? "untitled" : String(decoding: out, as: UTF8.self)
    }
  }
}

extension Article {
  /// The parse stage for one article, taken from the previous build's cache when the file's
  /// bytes (and names) are the ones parsed then: only the body is cut from the file again, and
  /// not even that for a file the loader did not read (`SourceFile.isUnread`).
  /// The article keeps its file's names, not its bytes: the build holds the body alone.
  /// `position`: where the file is among the articles, where its cached parse is likely to be.
  static func parse(_ file: SourceFile, cache: BuildCache?, position: Int = -1) -> (
    Article?, [Diagnostic], BuildCache.Parsed
  ) {
    let named = SourceFile(
      relativePath: file.relativePath, displayPath: file.displayPath, bytes: [])
    if file.isUnread {
      guard let hit = cache?.parsed.find(file.relativePath, near: position) else {
        // Not what the loader was told; read the file after all.
        var read = file
        read.bytes = POSIXFile.read(file.displayPath) ?? []
        read.isUnread = false
        read.stamp = nil
        return parse(read, cache: cache)
      }
      guard var article = hit.article else { return (nil, hit.diagnostics, hit) }
      article.source = named
      article.sourceHash = hit.key
      article.bodyIsUnread = true
      article.bodyOffset = hit.bodyOffset
      return (article, hit.diagnostics, hit)
    }
    let key = sourceKey(file)
    if var hit = cache?.parsed.find(file.relativePath, near: position), hit.key == key {
      hit.stamp = file.stamp
      guard var article = hit.article else { return (nil, hit.diagnostics, hit) }
      article.source = named
      article.sourceHash = key
      if let body = body(of: file, offset: hit.bodyOffset) {
        article.body = body
        return (article, hit.diagnostics, hit)
      }
    }
    var (article, diagnostics) = parse(file)
    article?.source = named
    article?.sourceHash = key
    // The cache keeps neither the bytes nor the body: both are the file's, read anew each build.
    // Where decoding changed no byte (no BOM, no CR), the body is the file's tail: its offset
    // spares the next build the decoding.
    var kept = article
    kept?.source = SourceFile(relativePath: "", displayPath: "", bytes: [])
    kept?.body = ""
    let verbatim =
      !file.bytes.starts(with: [0xEF, 0xBB, 0xBF])
      && !SourceText.contains(0x0D, in: file.bytes[...])
    let offset = article.flatMap { verbatim ? file.bytes.count - $0.body.utf8.count : nil }
    return (
      article, diagnostics,
      BuildCache.Parsed(
        key: key, article: kept, diagnostics: diagnostics, bodyOffset: offset, stamp: file.stamp)
    )
  }

  /// The body of an article whose file the loader did not read, read now; nil when the file
  /// is no longer the one its stamp vouched for (it changed during the build).
  func readBody() -> String? {
    readUnchangedFile().flatMap { Self.body(of: $0, offset: bodyOffset) }
  }

  /// `readBody`'s bytes, for a scan that needs no String: nil when the file is gone or changed,
  /// or when its body is not a plain cut of its bytes (no `bodyOffset`).
  func readBodyBytes() -> ArraySlice<UInt8>? {
    guard let offset = bodyOffset, let file = readUnchangedFile(), offset <= file.bytes.count
    else { return nil }
    return file.bytes[offset...]
  }

  /// The file as the loader skipped it: nil when it is gone or its bytes changed since.
  private func readUnchangedFile() -> SourceFile? {
    guard let bytes = POSIXFile.read(source.displayPath) else { return nil }
    let file = SourceFile(
      relativePath: source.relativePath, displayPath: source.displayPath, bytes: bytes)
    return Self.sourceKey(file) == sourceHash ? file : nil
  }

  /// A stable hash of the file's names and bytes: the parse cache's key (a glossary file's too).
  static func sourceKey(_ file: SourceFile) -> UInt64 {
    var h = StableHasher()
    h.combine(file.relativePath)
    h.combine(file.displayPath)
    file.bytes.withUnsafeBytes { h.combine(bytes: $0) }
    return h.finalize()
  }

  /// The body cut from the file: at `offset` when the file needs no decoding, else decoded and
  /// split again.
  private static func body(of file: SourceFile, offset: Int?) -> String? {
    if let offset, offset <= file.bytes.count {
      return String(decoding: file.bytes[offset...], as: UTF8.self)
    }
    if case .success(let text) = SourceText.decode(file),
      case .success(let block) = FrontMatterBlock.split(text.text, file: file)
    {
      return block.body
    }
    return nil
  }
}
