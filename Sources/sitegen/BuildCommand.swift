import ArgumentParser
import Foundation
import SitegenKit
import SitegenTemplates

/// `sitegen build`: the whole site, written only when the content has no errors.
struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build", abstract: "Build the site from the content folder into the output folder.")

  @Option(help: "The content folder.") var content = "Content"
  @Option(help: "The output folder (replaced whole, atomically).") var output = "Public"
  @Flag(help: "Include drafts and future-dated articles.") var drafts = false
  @Flag(help: "Treat warnings as errors.") var strict = false
  @OptionGroup var report: ReportOptions

  func run() throws {
    let start = DispatchTime.now()
    ProcessMemory.keepUntilExit()  // this process exits after its one build
    let options = BuildOptions(
      contentDirectory: content, outputDirectory: output, includeDrafts: drafts, strict: strict)
    let result: BuildResult
    do {
      if ProgressMeter.isWanted(format: report.resolvedFormat) {
        let meter = ProgressMeter()
        defer { meter.finish() }
        result = try SiteBuilder.build(options, theme: ProgressTheme(base: SiteTheme(), meter: meter))
      } else {
        result = try SiteBuilder.build(options, theme: SiteTheme())
      }
    } catch {
      throw failEnvironment(error)
    }
    let code = report.report(result.diagnostics)
    let errors = result.diagnostics.filter { $0.severity == .error }.count
    let warnings = result.diagnostics.filter { $0.severity == .warning }.count
    if result.upToDate {
      print(
        "Up to date: \(result.pageCount) files in \(output), nothing changed since the last build, \(warnings) warning\(warnings == 1 ? "" : "s"), in \(elapsed(since: start))")
    } else if let write = result.write {
      print(
        "Built \(result.pageCount) files into \(output) (\(write.written) written, \(write.unchanged) unchanged, \(write.removed) removed; \(result.renderedPages.count) page\(result.renderedPages.count == 1 ? "" : "s") rendered, \(result.linkedArticles) article\(result.linkedArticles == 1 ? "" : "s") linked), \(warnings) warning\(warnings == 1 ? "" : "s"), in \(elapsed(since: start))")
    } else {
      print(
        "Build failed: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); \(output) was left as it was (\(elapsed(since: start)))")
    }
    if code != 0 { throw ExitCode(code) }
  }
}
