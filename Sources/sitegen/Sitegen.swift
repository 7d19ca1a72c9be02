import ArgumentParser
import Foundation

/// The `sitegen` command. Exit codes: 0 a good site, 1 content errors, 2 usage or environment.
@main
struct Sitegen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sitegen",
    abstract: "Builds the explainer site from Content/ into Public/, glossary linked.",
    subcommands: [
      BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, GlossaryCommand.self,
      RenderCommand.self,
    ]
  )

  /// ArgumentParser exits 64 on usage errors; our contract with CI scripts says 2.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}
