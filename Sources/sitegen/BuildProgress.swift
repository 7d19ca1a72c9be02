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
}

/// Counts rendered pages from every render thread and redraws the line at most ten times a
/// second; before the first page, a ticking "reading and linking" line says the build is alive.
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
    Thread.detachNewThread { [self] in
      while true {
        usleep(250_000)
        let now = DispatchTime.now().uptimeNanoseconds
        let line: String? = state.withLock { s in
          guard !s.finished else { return nil }
          guard s.done == 0, now - start > 500_000_000 else { return "" }
          s.drawn = true
          return "Reading and linking the content: "
            + String(format: "%.1f s", Double(now - start) / 1e9)
        }
        guard let line else { return }
        if !line.isEmpty { write("\r" + line + "\u{1B}[K") }
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
    let now = DispatchTime.now().uptimeNanoseconds
    let line: String? = state.withLock { s in
      guard !s.finished else { return nil }
      switch page {
      case .article, .term: s.done += 1
      case .home(let home): s.articles = home.articles.count
      case .glossaryIndex(let index): s.terms = index.terms.count
      default: break
      }
      // Quiet for the first half second, then ten redraws a second.
      guard now - start > 500_000_000, now - s.lastDraw > 100_000_000 else { return nil }
      s.lastDraw = now
      s.drawn = true
      let total = s.articles.flatMap { a in s.terms.map { a + $0 } }
      return "Rendering articles and terms: \(s.done)" + (total.map { " of \($0)" } ?? "")
    }
    if let line { write("\r" + line + "\u{1B}[K") }
  }

  /// Clears the line before the summary and diagnostics are printed.
  func finish() {
    let drawn = state.withLock { s in
      s.finished = true
      return s.drawn
    }
    if drawn { write("\r\u{1B}[K") }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
