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
/// What is incremental: the writer rewrites only files whose bytes changed (unchanged files are
/// hard-linked into the new tree), and only pages whose bytes changed are reloaded in the
/// browser; a rebuild that changes no byte reloads nothing. What is not: every rebuild runs
/// load → parse → link → render over the whole site, since any article can change the home page,
/// its terms' back-links and its neighbours' "related" lists. The publication's site (a few dozen
/// files) rebuilds in a few tens of milliseconds.
public struct PreviewBuilder: Sendable {
  public let options: BuildOptions
  /// Output path → hash of its bytes, for the last good build.
  private var lastGood: [String: UInt64] = [:]

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
    let session = try OutputWriter(output: options.outputDirectory).begin()
    var hashes: [String: UInt64] = [:]
    let report = try SitePipeline.stream(content, options: options, theme: theme) { pages in
      for page in pages { hashes[page.path] = ContentHash.of(page.bytes) }
      try session.add(pages)
    }
    guard !report.diagnostics.hasErrors else {
      return PreviewBuild(
        diagnostics: report.diagnostics, changedFiles: [], pageCount: 0, basePath: basePath,
        write: nil)
    }
    let summary = try session.commit()
    var changed = Set(lastGood.keys).subtracting(hashes.keys)
    for (path, hash) in hashes where lastGood[path] != hash { changed.insert(path) }
    lastGood = hashes
    return PreviewBuild(
      diagnostics: report.diagnostics, changedFiles: changed.sorted(), pageCount: report.fileCount,
      basePath: basePath, write: summary)
  }
}
