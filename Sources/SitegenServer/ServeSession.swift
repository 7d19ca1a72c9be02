import Dispatch
import Foundation
import SitegenKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// `sitegen serve`: builds the site, serves it with live reload, and rebuilds on every change to
/// the content or the templates until Ctrl-C.
///
/// The watch loop runs on the calling thread and owns all build state; the HTTP server runs on
/// the cooperative pool and reads only the output folder, the assets folder and the event hub.
public struct ServeSession {
  let options: ServeOptions
  let theme: any Theme
  private var builder: PreviewBuilder
  private let hub: EventHub
  private let handler: SiteRequestHandler
  private let stop = StopRequest()
  /// The overlay shows both kinds of error until each is fixed.
  private var contentErrors: [Diagnostic] = []
  private var templateErrors: [Diagnostic] = []
  /// What the overlay shows now: an event goes out only when this changes.
  private var shownErrors: [Diagnostic] = []

  /// How often the sources are looked at.
  static let pollInterval: UInt32 = 200_000
  static let heartbeatEvery = 75  // polls: 15 s

  public init(options: ServeOptions, theme: any Theme) {
    self.options = options
    self.theme = theme
    var build = options.build
    build.strict = false
    builder = PreviewBuilder(options: build)
    hub = EventHub(serverID: "\(getpid())-\(Int(Date().timeIntervalSince1970 * 1000))")
    let assets = options.templatesFolder + "/assets"
    handler = SiteRequestHandler(
      output: build.outputDirectory,
      assets: FileManager.default.fileExists(atPath: assets) ? assets : nil, hub: hub, basePath: "/"
    )
  }

  /// Serves until SIGINT or SIGTERM, then exits 0. Throws for the environment only (the output
  /// folder is refused, the port is taken).
  public mutating func run() throws -> Never {
    stop.install()
    let watched = [options.contentFolder, options.templatesFolder]
    var snapshot = SourceSnapshot(folders: watched)
    let restarted = Environment.value("SITEGEN_SERVE_RESTARTED") != nil
    try rebuildSite(firstBuild: true)
    let server = try PreviewServer.start(host: options.host, port: options.port, handler: handler)
    let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
    let url = "http://\(shownHost):\(server.port)\(handler.basePath.value)"
    Terminal.say(
      "\(restarted ? "Restarted on the new templates. " : "")Serving \(options.build.outputDirectory) at \(url) (\(options.build.includeDrafts ? "drafts included" : "drafts left out"); Ctrl-C stops)"
    )

    var polls = 0
    while !stop.isRequested {
      usleep(Self.pollInterval)
      polls += 1
      if polls % Self.heartbeatEvery == 0 { hub.heartbeat() }
      let now = SourceSnapshot(folders: watched)
      let changed = now.changes(since: snapshot)
      guard !changed.isEmpty else { continue }
      snapshot = now
      let changes = SourceChanges(
        changed, contentFolder: options.contentFolder, templatesFolder: options.templatesFolder)
      if !changes.assets.isEmpty {
        let prefix = options.templatesFolder + "/"
        let files = changes.assets.map { String($0.dropFirst(prefix.count)) }
        hub.publish(.reload(files: files))
        Terminal.say("Changed \(files.joined(separator: ", ")): pages reloaded")
      }
      if !changes.content.isEmpty { try? rebuildSite(firstBuild: false) }
      if !changes.swiftTemplates.isEmpty {
        rebuildTemplates(server: server, changed: changes.swiftTemplates)
      }
    }
    Terminal.say("Stopping.")
    hub.closeAll()
    server.stop(seconds: 0.25)
    exit(0)
  }

  /// Builds the site; errors go to the terminal and the overlay while the last good site stays.
  private mutating func rebuildSite(firstBuild: Bool) throws {
    let start = DispatchTime.now()
    let result: PreviewBuild
    do {
      result = try builder.build(theme: theme)
    } catch {
      if firstBuild { throw error }
      Terminal.error("sitegen: error: \(error)")
      contentErrors = [.error("serve.environment", "\(error)", at: nil)]
      publishErrors()
      return
    }
    Terminal.report(result.diagnostics)
    handler.basePath.value = result.basePath
    let seconds = Terminal.seconds(since: start)
    if result.succeeded {
      contentErrors = []
      publishErrors()
      if !result.changedFiles.isEmpty && !firstBuild {
        hub.publish(.reload(files: result.changedFiles))
      }
      let write =
        result.write.map {
          "\($0.written) written, \($0.unchanged) unchanged, \($0.removed) removed"
        } ?? ""
      let reloaded =
        firstBuild
        ? ""
        : result.changedFiles.isEmpty
          ? "; no page changed"
          : "; \(result.changedFiles.count) changed file\(result.changedFiles.count == 1 ? "" : "s") reloaded"
      Terminal.say(
        "\(firstBuild ? "Built" : "Rebuilt") \(result.pageCount) files (\(write))\(reloaded) in \(seconds)"
      )
    } else {
      contentErrors = result.diagnostics.filter { $0.severity == .error }
      publishErrors()
      Terminal.say(
        "Build failed with \(contentErrors.count) error\(contentErrors.count == 1 ? "" : "s") in \(seconds); serving the last good build"
      )
    }
  }

  /// A Swift template changed: rebuild the package, then run the new binary in this process.
  private mutating func rebuildTemplates(server: PreviewServer, changed: [String]) {
    let rebuild = PackageRebuild(root: options.siteRoot)
    guard rebuild.isPossible else {
      Terminal.say(
        "Changed \(changed.joined(separator: ", ")), but there is no Package.swift in \(options.siteRoot) to rebuild; restart sitegen on a rebuilt binary"
      )
      return
    }
    Terminal.say("Changed \(changed.joined(separator: ", ")): swift build --product sitegen …")
    let start = DispatchTime.now()
    let stop = self.stop
    switch rebuild.build(shouldStop: { stop.isRequested }) {
    case .failed(let errors):
      if stop.isRequested { return }
      Terminal.report(errors)
      templateErrors = errors
      publishErrors()
      Terminal.say(
        "Templates do not compile (\(Terminal.seconds(since: start))); serving the last good build")
    case .built(let binary):
      Terminal.say(
        "Templates rebuilt in \(Terminal.seconds(since: start)); restarting on \(binary)")
      hub.closeAll()
      let reason = PackageRebuild.exec(binary, arguments: options.restartArguments(server.port))
      Terminal.error(
        "sitegen: error: cannot start \(binary): \(reason); still serving the old templates")
    }
  }

  private mutating func publishErrors() {
    let errors = templateErrors + contentErrors
    guard errors != shownErrors else { return }
    shownErrors = errors
    hub.publish(.diagnostics(errors))
  }
}

/// Set by SIGINT or SIGTERM, read by the watch loop. A lock-free atomic is all a signal
/// handler may touch.
private let stopSignalled = Atomic<Bool>(false)

struct StopRequest: Sendable {
  var isRequested: Bool { stopSignalled.load(ordering: .relaxed) }

  func install() {
    var set = sigset_t()
    sigemptyset(&set)
    for number in [SIGINT, SIGTERM] {
      signal(number) { _ in stopSignalled.store(true, ordering: .relaxed) }
      sigaddset(&set, number)
    }
    // A parent may start us with these blocked (Foundation's Process does): the handler
    // would never run.
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}

/// Lines for the person running `serve`: status on stdout, diagnostics on stderr, each flushed
/// at once (stdout is a pipe under tests and editors' task runners).
enum Terminal {
  static func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  static func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    error(diagnostics.map(DiagnosticFormat.text.format).joined(separator: "\n"))
  }

  static func seconds(since start: DispatchTime) -> String {
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    return ms < 1000 ? String(format: "%.0f ms", ms) : String(format: "%.2f s", ms / 1000)
  }
}
