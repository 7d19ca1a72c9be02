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
  /// Glossary definitions linked afresh (all or none: `TermLinks`).
  public var linkedTerms = 0
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
    let cachePath = BuildCache.path(for: writer)
    // Read beside the no-change check, which is a walk of system calls: a build with nothing to
    // do returns without waiting for it. Not beside the loader: the loader needs it to know
    // which files it may skip, and its workers waiting on it starved its own decoding of threads.
    let cacheRead = Background { BuildCache.read(cachePath) }
    var timer = StageTimer()
    let sources = SourceSnapshot(folders: [options.contentDirectory])
    let fingerprint = BuildState.fingerprint(options: options, snapshot: sources)
    timer.lap("no-change check")
    if let state = BuildState.read(BuildState.path(for: writer)),
      state.isCurrent(fingerprint: fingerprint, writer: writer, at: options.now)
    {
      return BuildResult(
        diagnostics: state.diagnostics, pageCount: state.fileCount,
        write: WriteSummary(written: 0, unchanged: state.fileCount, removed: 0), upToDate: true)
    }
    // Taken before the content is read. The session reads the live site's manifest and opens
    // the spare tree on other threads once the articles are parsed (`PageSink.prepare`).
    let session = try writer.begin()
    timer.lap("output lock")
    let cache = cacheRead.take()
    timer.lap("cache read")  // what is left of it after the no-change check
    // An article file whose stamp is the one the cache read it with is not read again. The
    // loader takes each regular file's stamp from the no-change check's walk instead of an
    // `lstat` of its own (10,000 system calls on a large site).
    let content = try ContentLoader.load(
      contentDirectory: options.contentDirectory,
      unchanged: { path, stamp, place in
        // The cache holds the articles' parses in the loader's order (terms are parsed from
        // their bytes on every build): each is found at its place with one comparison.
        path.hasPrefix("articles/") && cache?.parsed.find(path, near: place) { $0.stamp } == stamp
      }, now: fileClock,
      known: sources)
    timer.lap("load")
    // The cache holds what each source gave, which holds whether the site has errors or not:
    // an editor fixing one error does not wait for the rest to be linked again. It is written
    // on another thread while the pages render and the site is swapped in; the build returns
    // only once it is on disk, whichever way it ends.
    var cacheWrite: Background<Bool>?
    defer { _ = cacheWrite?.value }
    var previous = consume cache
    let report = try SitePipeline.stream(
      content, options: options, theme: theme, previous: previous,
      spillPath: writer.sibling("html"), into: session,
      cacheReady: { cache in
        cacheWrite = Background {
          cache.write(to: cachePath)
          return true
        }
      })
    releaseInBackground(&previous)
    timer = StageTimer()  // the pipeline timed its own stages
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
    // Waited for after the swap, not before it: on a one-article edit of a 10,000-article
    // site, writing the 19 MB cache outlasted the pages by 7-23 ms.
    _ = cacheWrite?.value
    timer.lap("cache write (beside rendering and writing)")
    let result = BuildResult(
      diagnostics: report.diagnostics, pageCount: report.fileCount, write: summary,
      renderedPages: report.renderedPages, linkedArticles: report.linkedArticles,
      linkedTerms: report.linkedTerms,
      readArticles: report.readArticles)
    var done = Optional(consume report)
    releaseInBackground(&done)
    return result
  }
}
