import ArgumentParser
import Foundation
import SitegenKit

/// `sitegen glossary …`: tools for the glossary's editors.
struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary", abstract: "Tools for the glossary's editors.",
    subcommands: [GlossaryReportCommand.self])
}

/// `sitegen glossary report`: unused terms, unlinked mentions, candidate terms, deprecated aliases.
struct GlossaryReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Terms no article uses, mentions left unlinked, candidate terms, deprecated aliases in use.")

  enum Format: String, ExpressibleByArgument { case text, json }

  @Option(help: "The content folder.") var content = "Content"
  @Flag(help: "Read drafts and future-dated articles too.") var drafts = false
  @Option(help: "text (default) or json.") var format: Format = .text

  func run() throws {
    let loaded: LoadedContent
    do {
      loaded = try ContentLoader.load(contentDirectory: content)
    } catch {
      throw failEnvironment(error)
    }
    let report = GlossaryReport.make(
      loaded, options: BuildOptions(contentDirectory: content, includeDrafts: drafts))
    FileHandle.standardOutput.write(Data((format == .json ? report.json : report.text).utf8))
    if !report.diagnostics.isEmpty {
      let lines = report.diagnostics.map(DiagnosticFormat.text.format).joined(separator: "\n")
      FileHandle.standardError.write(
        Data(
          (lines
            + "\nsitegen: the report leaves out files with errors; fix them (see sitegen check)\n")
            .utf8))
      throw ExitCode(1)
    }
  }
}
