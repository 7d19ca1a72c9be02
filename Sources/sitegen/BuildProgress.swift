import Foundation
import SitegenKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Shows how far a long build's render stage is (articles and terms rendered, of how many) on
/// one rewritten stderr line, for a person at a terminal. Silent in CI, when stderr is not a
/// terminal, for machine formats, and for builds that end within half a second.
///
/// It wraps the theme, so it counts the pages the pipeline actually renders without any hook
/// in the pipeline: rendering is the stage that grows with the site (about half of a large
/// build), and the stages before it print nothing to count.
struct ProgressTheme<Base: Theme>: Theme {
  let base: Base
  let meter: ProgressMeter

  func render(_ page: Page, site: SiteContext) -> HTML {
    let html = base.render(page, site: site)
    meter.rendered(page)
    return html
  }

  var assets: [Asset] { base.assets }
  var identity: String { base.identity }
}

/// Counts rendered pages from every render thread and redraws the line at most ten times a
/// second, and four times a second from its own thread while no page renders.
final class ProgressMeter: Sendable {
  private struct State {
    var finished = false
    var done = 0
    /// Articles and terms in this build, once the home and glossary pages say.
    var articles: Int?
    var terms: Int?
    var lastDraw: UInt64 = 0
    var drawn = false
  }

  private let start = DispatchTime.now().uptimeNanoseconds
  private let state = Mutex(State())

  init() {
    // Redraws between pages too, so the line shows the build is alive in every stage.
    Thread.detachNewThread { [self] in
      while draw(after: 250_000_000) {
        usleep(250_000)
      }
    }
  }

  /// A person is watching: stderr is a terminal, not in CI, and diagnostics are text.
  static func isWanted(format: DiagnosticFormat) -> Bool {
    let ci = ["CI", "GITHUB_ACTIONS"].contains {
      let value = Environment.value($0) ?? ""
      return !value.isEmpty && value != "false" && value != "0"
    }
    return format == .text && !ci && isatty(STDERR_FILENO) == 1
      && Environment.value("TERM") != "dumb"
  }

  func rendered(_ page: Page) {
    state.withLock { s in
      switch page {
      case .article, .term: s.done += 1
      case .home(let home): s.articles = home.articles.count
      case .glossaryIndex(let index): s.terms = index.terms.count
      default: break
      }
    }
    _ = draw(after: 100_000_000)
  }

  /// Redraws the line when the build has run half a second and the last draw is `gap` old;
  /// false once the build has finished.
  private func draw(after gap: UInt64) -> Bool {
    // The clock is read and the line written under the lock. Read before it, another thread's
    // later `now` could be `lastDraw` already, and `now - lastDraw` trapped on overflow (a
    // crash a loaded machine hit once in a few builds). Written after it, a draw that `finish`
    // overtook would land after the clearing and before the summary.
    return state.withLock { s in
      let now = DispatchTime.now().uptimeNanoseconds
      guard !s.finished else { return false }
      guard now - start > 500_000_000, now - s.lastDraw >= gap else { return true }
      s.lastDraw = now
      s.drawn = true
      write("\r" + Self.line(s, seconds: Double(now - start) / 1e9) + "\u{1B}[K")
      return true
    }
  }

  private static func line(_ s: State, seconds: Double) -> String {
    let seconds = String(format: "%.1f s", seconds)
    guard s.done > 0 else { return "Reading and linking the content (\(seconds))" }
    let total = s.articles.flatMap { a in s.terms.map { a + $0 } }
    if let total, s.done >= total {
      return "Rendered \(s.done) articles and terms; writing the site (\(seconds))"
    }
    return "Rendering articles and terms: \(s.done)" + (total.map { " of \($0)" } ?? "")
      + " (\(seconds))"
  }

  /// Clears the line before the summary and diagnostics are printed.
  func finish() {
    state.withLock { s in
      s.finished = true
      if s.drawn { write("\r\u{1B}[K") }
    }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
