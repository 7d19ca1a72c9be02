import Synchronization

/// Sources found changed while the build ran: a file the loader skipped on the strength of its
/// stamp, whose bytes were then needed and were no longer the ones the stamp vouched for. The
/// build cannot be trusted, so it ends with an error at each such file and writes nothing.
final class ChangedSources: Sendable {
  private let paths = Mutex<Set<String>>([])

  func record(_ file: SourceFile) {
    _ = paths.withLock { $0.insert(file.displayPath) }
  }

  var diagnostics: [Diagnostic] {
    paths.withLock { $0 }.sorted().map { path in
      .error(
        "load.changed-during-build",
        "this file changed while sitegen was building, so nothing was written; build again",
        at: SourceLocation(path: path, line: 1))
    }
  }
}
