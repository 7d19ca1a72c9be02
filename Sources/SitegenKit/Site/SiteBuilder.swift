/// What a build did, for the summary line and the exit code.
public struct BuildResult: Sendable {
  public var diagnostics: [Diagnostic]
  public var pageCount: Int
  public var write: WriteSummary?
  public var hasErrors: Bool { diagnostics.hasErrors }
}

/// `sitegen build`: load, generate, and write only when the content has no errors, so a bad
/// build leaves the previous site as it was.
public enum SiteBuilder {
  public static func build(_ options: BuildOptions, theme: some Theme) throws -> BuildResult {
    try OutputGuard.check(output: options.outputDirectory, content: options.contentDirectory)
    var timer = StageTimer()
    let content = try ContentLoader.load(contentDirectory: options.contentDirectory)
    timer.lap("load")
    let site = SitePipeline.generate(content, options: options, theme: theme)
    guard !site.diagnostics.hasErrors else {
      return BuildResult(diagnostics: site.diagnostics, pageCount: site.pages.count, write: nil)
    }
    timer = StageTimer()
    let summary = try OutputWriter(output: options.outputDirectory).write(site.pages)
    timer.lap("write")
    return BuildResult(diagnostics: site.diagnostics, pageCount: site.pages.count, write: summary)
  }

  /// `sitegen check`: everything `build` validates, writing nothing.
  public static func check(_ options: BuildOptions, theme: some Theme) throws -> BuildResult {
    let content = try ContentLoader.load(contentDirectory: options.contentDirectory)
    let site = SitePipeline.generate(content, options: options, theme: theme)
    return BuildResult(diagnostics: site.diagnostics, pageCount: site.pages.count, write: nil)
  }
}
