import ArgumentParser
import Foundation
import SitegenKit

extension DiagnosticFormat: ExpressibleByArgument {}

/// Options shared by the commands that report diagnostics.
struct ReportOptions: ParsableArguments {
  @Option(help: "Diagnostics as text, github (Actions annotations) or json (one object a line). Default: github when GITHUB_ACTIONS=true, else text.")
  var format: DiagnosticFormat?

  var resolvedFormat: DiagnosticFormat {
    format ?? (ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
  }

  /// Prints every diagnostic to stderr and returns the exit code they call for.
  func report(_ diagnostics: [Diagnostic]) -> Int32 {
    let f = resolvedFormat
    var text = ""
    for d in diagnostics { text += f.format(d) + "\n" }
    FileHandle.standardError.write(Data(text.utf8))
    return diagnostics.hasErrors ? 1 : 0
  }
}

/// Environment problems (no content folder, unwritable output): exit 2 with one clear line.
func failEnvironment(_ error: Error) -> ExitCode {
  FileHandle.standardError.write(Data("sitegen: error: \(error)\n".utf8))
  return ExitCode(2)
}

func elapsed(since start: DispatchTime) -> String {
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  return String(format: "%.2f s", seconds)
}
