import Foundation
import SitegenKit

#if canImport(Glibc)
  import Glibc
#endif

/// The templates are Swift compiled into sitegen: a change to one rebuilds the package in the
/// site's folder, and the server starts again on the new binary.
struct PackageRebuild {
  /// The folder with `Package.swift`.
  let root: String
  /// `swift`, or `SITEGEN_SWIFT` (another toolchain; the tests' stand-in compiler).
  let swift = Environment.value("SITEGEN_SWIFT") ?? "swift"

  enum Outcome {
    /// The path of the new `sitegen`.
    case built(String)
    case failed([Diagnostic])
  }

  var isPossible: Bool { FileManager.default.fileExists(atPath: root + "/Package.swift") }

  /// Runs `swift build --product sitegen`; `shouldStop` is asked twice a second and ends the
  /// compiler when it says so (Ctrl-C during a long build).
  func build(shouldStop: () -> Bool) -> Outcome {
    let (status, output) = run(["build", "--product", "sitegen"], shouldStop: shouldStop)
    guard status == 0 else { return .failed(CompilerOutput.errors(in: output, root: absoluteRoot)) }
    let (pathStatus, binPath) = run(
      ["build", "--product", "sitegen", "--show-bin-path"], shouldStop: shouldStop)
    let folder = binPath.split(separator: "\n").last.map(String.init) ?? ""
    let binary = folder.trimmingCharacters(in: .whitespaces) + "/sitegen"
    guard pathStatus == 0, FileManager.default.isExecutableFile(atPath: binary) else {
      return .failed([
        .error(
          "swift.build", "swift build succeeded but no sitegen binary is at '\(binary)'", at: nil)
      ])
    }
    return .built(binary)
  }

  private var absoluteRoot: String {
    let path = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// Output goes to a file, not a pipe: a compiler that writes a lot never blocks on it.
  private func run(_ arguments: [String], shouldStop: () -> Bool) -> (Int32, String) {
    let log = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitegen-swift-build-\(getpid()).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    guard let handle = try? FileHandle(forWritingTo: log) else {
      return (1, "cannot write \(log.path)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [swift] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: root)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return (1, "cannot run \(swift): \(error)")
    }
    while process.isRunning {
      if shouldStop() {
        process.terminate()
        process.waitUntilExit()
        break
      }
      usleep(100_000)
    }
    process.waitUntilExit()
    try? handle.close()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return (process.terminationStatus, text)
  }

  /// Replaces this process with `binary` run with `arguments`. Every descriptor is marked
  /// close-on-exec first, so the listening socket is free for the new server to bind. Returns
  /// only when `execv` fails.
  static func exec(_ binary: String, arguments: [String]) -> String {
    closeDescriptorsOnExec()
    setenv("SITEGEN_SERVE_RESTARTED", "1", 1)
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    execv(binary, argv)
    let reason = String(cString: strerror(errno))
    for pointer in argv { free(pointer) }
    return reason
  }

  private static func closeDescriptorsOnExec() {
    let open =
      (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?
      .compactMap { Int32($0) } ?? Array(3..<1024)
    for fd in open where fd > 2 {
      let flags = fcntl(fd, F_GETFD)
      if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
  }
}
