/// `sitegen check`: everything `build` validates, plus the checks that matter before
/// publishing (placeholders left by `sitegen new`, in drafts too), writing nothing.
public enum SiteCheck {
  public static func run(_ options: BuildOptions, theme: some Theme) throws -> BuildResult {
    let content = try ContentLoader.load(contentDirectory: options.contentDirectory)
    // The last build's cache is read, never written: `check` writes nothing.
    let previous = BuildCache.read(
      BuildCache.path(for: OutputWriter(output: options.outputDirectory)))
    let report = SitePipeline.stream(
      content, options: options, theme: theme, rendering: .never, previous: previous,
      into: DiscardedPages())
    var placeholders = (content.articles + content.terms).flatMap(Placeholders.find)
    if options.strict { placeholders = placeholders.escalatingWarnings() }
    return BuildResult(
      diagnostics: (report.diagnostics + placeholders).sortedForOutput(),
      pageCount: report.fileCount, write: nil)
  }
}
