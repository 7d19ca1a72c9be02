import Foundation
import Testing

/// Progress of a long build: on a terminal only, never in CI or through a pipe.
@Suite struct BuildProgressTests {
  static let script = "/usr/bin/script"

  static func largeSite() -> TemporarySite {
    var files = ["Content/site.yml": "title: Progress\nbase_url: https://progress.example/\n"]
    // Large enough that a debug build runs well past the half second before progress shows.
    for i in 0..<2000 {
      files["Content/articles/a\(i).md"] =
        "---\ntitle: Article \(i)\nsummary: S.\ndate: 2025-01-01\n---\n"
        + String(
          repeating: "A paragraph of article \(i), long enough to take a moment.\n\n", count: 30)
    }
    return TemporarySite(files: files)
  }

  /// Runs `sitegen build` on a pseudo-terminal (util-linux `script`), as a person would.
  static func buildOnTerminal(_ site: TemporarySite, environment: [String: String] = [:]) throws
    -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: script)
    process.arguments = ["-qec", "'\(CLI.binary)' build", "/dev/null"]
    process.currentDirectoryURL = URL(fileURLWithPath: site.path)
    var env = ProcessInfo.processInfo.environment
    for name in ["CI", "GITHUB_ACTIONS"] { env[name] = nil }
    env["TERM"] = "xterm"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    // `script -e` exits as the build did: a crash in the progress meter shows here, with its
    // backtrace, not as a missing summary line.
    #expect(process.terminationStatus == 0, "\(output)")
    return output
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
  func aTerminalSeesPagesDoneOfTotalThenOnlyTheSummary() throws {
    let site = Self.largeSite()
    let output = try Self.buildOnTerminal(site)
    #expect(output.contains("\r"), "\(output)")
    #expect(
      output.contains("Rendering articles and terms: ")
        || output.contains("Reading and linking the content (")
        || output.contains("Rendered 2000 articles and terms; writing the site ("),
      "\(output)")
    // Once the home and glossary pages have rendered, the total is the articles and terms.
    for line in output.split(separator: "\r") where line.hasPrefix("Rendering articles and terms: ")
    {
      let count = line.dropFirst("Rendering articles and terms: ".count).prefix(while: { $0 != " " }
      )
      let rest = line.dropFirst("Rendering articles and terms: ".count + count.count)
      #expect(!count.isEmpty && count.allSatisfy { $0.isNumber }, "\(line)")
      #expect(rest.hasPrefix(" (") || rest.hasPrefix(" of 2000 ("), "\(line)")
    }
    // The progress line is cleared before the summary.
    #expect(output.contains("\r\u{1B}[KBuilt "), "\(output)")

    let ci = try Self.buildOnTerminal(site, environment: ["CI": "true"])
    #expect(
      !ci.contains("Render") && !ci.contains("Reading and linking") && !ci.contains("\r\u{1B}"),
      "\(ci)")
  }

  @Test func aPipeGetsOnlyTheSummaryLine() throws {
    let site = Self.largeSite()
    let r = try CLI.run(["build"], in: site.path)
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    #expect(r.stdout.hasPrefix("Built ") && r.stdout.split(separator: "\n").count == 1)
  }
}
