/// What one rebuild under `serve` did.
public struct PreviewBuild: Sendable {
  /// Sorted for output; `--strict` never applies under `serve`.
  public var diagnostics: [Diagnostic]
  /// False: the content has errors and the output folder was left as it was.
  public var succeeded: Bool { write != nil }
  /// Output files (site-relative) added, changed or removed since the last good build: the
  /// pages that open browsers reload. Empty when the output bytes did not change.
  public var changedFiles: [String]
  public var pageCount: Int
  /// The path part of `base_url`, under which the site is served.
  public var basePath: String
  public var write: WriteSummary?
}

/// The build loop of `serve`: the same stages and the same atomic writer as `build`, plus a
/// memory of the last good build, so that each rebuild knows which output files it changed.
///
/// Rebuilds are incremental as `build`'s are: the build cache is kept in memory, so a saved
/// article is parsed and linked alone; a page whose inputs did not change is not rendered; the
/// writer touches only files whose bytes changed, and only those pages reload in the browser.
public struct PreviewBuilder: Sendable {
  public let options: BuildOptions
  /// Output path → hash of its bytes, for the last good build.
  private var lastGood: [String: UInt64] = [:]

  /// The last good build's cache (parsed and linked articles), kept in memory between rebuilds.
  private var buildCache: BuildCache?

  public init(options: BuildOptions) {
    self.options = options
  }

  /// Builds the site and writes it when it has no errors. Throws for the environment only.
  public mutating func build(theme: some Theme) throws -> PreviewBuild {
    try OutputGuard.check(output: options.outputDirectory, content: options.contentDirectory)
    let content = try ContentLoader.load(contentDirectory: options.contentDirectory)
    let basePath = content.siteConfig.flatMap { SiteConfig.parse($0).0?.basePath } ?? "/"
    // Streamed into the writer as `build` does; with errors nothing renders and the session
    // ends without touching the output.
    let writer = OutputWriter(output: options.outputDirectory)
    let sink = TrackedSession(session: try writer.begin())
    let report = try SitePipeline.stream(
      content, options: options, theme: theme, previous: buildCache, into: sink)
    let session = sink.session
    let hashes = sink.hashes
    guard !report.diagnostics.hasErrors else {
      return PreviewBuild(
        diagnostics: report.diagnostics, changedFiles: [], pageCount: 0, basePath: basePath,
        write: nil)
    }
    let summary = try session.commit()
    buildCache = report.buildCache
    var changed = Set(lastGood.keys).subtracting(hashes.keys)
    for (path, hash) in hashes where lastGood[path] != hash { changed.insert(path) }
    lastGood = hashes
    return PreviewBuild(
      diagnostics: report.diagnostics, changedFiles: changed.sorted(), pageCount: report.fileCount,
      basePath: basePath, write: summary)
  }
}

/// The writer's session, noting every file's hash, rendered or kept: the live reload tells open
/// pages which files changed.
private final class TrackedSession: PageSink {
  let session: OutputWriter.Session
  private(set) var hashes: [String: UInt64] = [:]

  init(session: OutputWriter.Session) { self.session = session }

  func reuse(path: String, inputs: UInt64) -> UInt64? {
    let hash = session.reuse(path: path, inputs: inputs)
    if let hash { hashes[path] = hash }
    return hash
  }

  func add(_ pages: [RenderedPage]) throws {
    for page in pages { hashes[page.path] = page.contentHash }
    try session.add(pages)
  }
}
