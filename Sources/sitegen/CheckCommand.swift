import ArgumentParser
import Foundation
import SitegenKit
import SitegenTemplates

/// `sitegen check`: every check `build` makes, and the placeholders `new` leaves, writing nothing.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Validate the content as build does, without writing anything.",
    discussion: """
      Also warns about TODO placeholders left by `sitegen new`, in drafts too \
      (content.placeholder), and about #anchors that name no heading (link.missing-anchor). \
      --strict makes every warning an error.
      """)

  @Option(help: "The content folder.") var content = "Content"
  @Flag(help: "Check drafts and future-dated articles too.") var drafts = false
  @Flag(help: "Treat warnings as errors.") var strict = false
  @OptionGroup var report: ReportOptions

  func run() throws {
    let start = DispatchTime.now()
    ProcessMemory.keepUntilExit()  // this process exits after its one build
    let options = BuildOptions(contentDirectory: content, includeDrafts: drafts, strict: strict)
    let result: BuildResult
    do {
      result = try SiteCheck.run(options, theme: SiteTheme())
    } catch {
      throw failEnvironment(error)
    }
    let code = report.report(result.diagnostics)
    let errors = result.diagnostics.filter { $0.severity == .error }.count
    let warnings = result.diagnostics.filter { $0.severity == .warning }.count
    print(
      "Checked \(content): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") (\(elapsed(since: start)))"
    )
    if code != 0 { throw ExitCode(code) }
  }
}
