import ArgumentParser
import Foundation
import SitegenKit
import SitegenServer
import SitegenTemplates

/// `sitegen serve`: the site on a local port, rebuilt and reloaded on every save.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract:
      "Build the site (drafts included), serve it locally, and rebuild and reload on every change.")

  @Option(help: "The content folder.") var content = "Content"
  @Option(help: "The output folder (replaced whole, atomically, on every good rebuild).")
  var output = "Public"
  @Option(help: "The IP address to listen on. Only this machine can connect to 127.0.0.1.")
  var host = "127.0.0.1"
  @Option(help: "The port (0 picks a free one).") var port = 8000
  @Flag(help: "Leave drafts and future-dated articles out, as build does.") var noDrafts = false

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0-65535") }
    do {
      try ServeOptions.validate(host: host, port: port)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  func run() throws {
    let (content, output, host, noDrafts) = (self.content, self.output, self.host, self.noDrafts)
    let options = ServeOptions(
      build: BuildOptions(
        contentDirectory: content, outputDirectory: output, includeDrafts: !noDrafts),
      host: host, port: port,
      restartArguments: { port in
        ["serve", "--content", content, "--output", output, "--host", host, "--port", String(port)]
          + (noDrafts ? ["--no-drafts"] : [])
      })
    var session = ServeSession(options: options, theme: SiteTheme())
    do {
      try session.run()
    } catch {
      throw failEnvironment(error)
    }
  }
}
