/// What a build did, for the summary line and the exit code.
public struct BuildResult: Sendable {
  public var diagnostics: [Diagnostic]
  public var pageCount: Int
  public var write: WriteSummary?
  /// Nothing changed since the last build: it was not run again.
  public var upToDate = false
  /// Pages rendered anew (the others were kept as the last build wrote them), and articles
  /// linked anew (the others came from the build cache).
  public var renderedPages: [String] = []
  public var linkedArticles = 0
  /// Article files read (the others were known by their stamps).
  public var readArticles = 0
  public var hasErrors: Bool { diagnostics.hasErrors }
}

/// `sitegen build`: load, generate, and write only when the content has no errors, so a bad
/// build leaves the previous site as it was.
public enum SiteBuilder {
  public static func build(_ options: BuildOptions, theme: some Theme) throws -> BuildResult {
    try build(options, theme: theme, fileClock: FileStamp.now())
  }

  /// `fileClock`: the time that says which files' stamps are settled (`FileStamp.isSettled`);
  /// tests move it on rather than wait.
  static func build(_ options: BuildOptions, theme: some Theme, fileClock: Int64) throws
    -> BuildResult
  {
    try OutputGuard.check(output: options.outputDirectory, content: options.contentDirectory)
    let writer = OutputWriter(output: options.outputDirectory)
    let fingerprint = BuildState.fingerprint(options: options, writer: writer)
    if let state = BuildState.read(BuildState.path(for: writer)),
      state.isCurrent(fingerprint: fingerprint, writer: writer, at: options.now)
    {
      return BuildResult(
        diagnostics: state.diagnostics, pageCount: state.fileCount,
        write: WriteSummary(written: 0, unchanged: state.fileCount, removed: 0), upToDate: true)
    }
    var timer = StageTimer()
    let cachePath = BuildCache.path(for: writer)
    // Read first, not beside the loader: the loader needs it to know which files it may skip,
    // and its workers waiting on it starved its own decoding of threads (110 ms against 25).
    let previous = BuildCache.read(cachePath)
    timer.lap("cache read")
    // An article file whose stamp is the one the cache read it with is not read again.
    let content = try ContentLoader.load(
      contentDirectory: options.contentDirectory,
      unchanged: { path, stamp in previous?.parsed[path]?.stamp == stamp }, now: fileClock)
    timer.lap("load")
    let session = try writer.begin()
    timer.lap("output manifest")
    // The cache holds what each source gave, which holds whether the site has errors or not:
    // an editor fixing one error does not wait for the rest to be linked again. It is written
    // on another thread while the pages render.
    var cacheWrite: Background<Bool>?
    let report = try SitePipeline.stream(
      content, options: options, theme: theme, previous: previous,
      spillPath: writer.sibling("html"), into: session,
      cacheReady: { cache in
        cacheWrite = Background {
          cache.write(to: cachePath)
          return true
        }
      })
    timer = StageTimer()  // the pipeline timed its own stages
    _ = cacheWrite?.value
    timer.lap("cache write (beside rendering)")
    // With errors nothing was rendered; the session ends without touching the output.
    guard !report.diagnostics.hasErrors else {
      return BuildResult(diagnostics: report.diagnostics, pageCount: 0, write: nil)
    }
    let summary = try session.commit()
    timer.lap("write")
    BuildState(
      fingerprint: fingerprint, manifest: BuildState.manifestStamp(writer),
      fileCount: report.fileCount, nextPublication: report.nextPublication,
      diagnostics: report.diagnostics
    ).save(writer)
    return BuildResult(
      diagnostics: report.diagnostics, pageCount: report.fileCount, write: summary,
      renderedPages: report.renderedPages, linkedArticles: report.linkedArticles,
      readArticles: report.readArticles)
  }
}
