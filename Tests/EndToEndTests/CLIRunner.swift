import Foundation

/// Runs the real `sitegen` binary, as editors and CI do.
enum CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The binary beside the test bundle (`swift build` puts both in one folder), or `SITEGEN_BIN`.
  static let binary: String = {
    if let path = ProcessInfo.processInfo.environment["SITEGEN_BIN"] { return path }
    var dir = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("sitegen").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir.deleteLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/sitegen").path
  }()

  /// The environment every run of the binary in the tests gets: this process's, with the clock
  /// fixed and GitHub Actions' annotations off, then `overrides` (nil removes a variable).
  static func environment(_ overrides: [String: String?] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["GITHUB_ACTIONS"] = nil
    env["SOURCE_DATE_EPOCH"] = "1764374400"
    for (k, v) in overrides { env[k] = v }
    return env
  }

  static func run(
    _ arguments: [String], in directory: String, environment: [String: String] = [:], input: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = Self.environment(environment)
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read before waiting: a full pipe would block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
