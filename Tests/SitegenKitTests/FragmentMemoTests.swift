import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SitegenKit
@testable import SitegenTemplates

/// The templates' memo of repeated markup: made once per value, made again for a changed
/// value with the same key fields, and emptied rather than grown past its limit.
@Suite struct FragmentMemoTests {
  static func term(summary: String) -> TermSummary {
    TermSummary(slug: "nato", name: "NATO", summary: summary, url: "/glossary/nato/")
  }

  @Test func makesEachValuesMarkupOnce() {
    let memo = FragmentMemo<TermSummary>()
    let made = Mutex(0)
    func item(_ t: TermSummary) -> HTML {
      memo(t) { t in
        made.withLock { $0 += 1 }
        return "<li>\(t.summary)</li>"
      }
    }
    #expect(item(Self.term(summary: "The alliance.")).rendered == "<li>The alliance.</li>")
    // Another summary made from the same fields is the same key.
    #expect(item(Self.term(summary: "The alliance.")).rendered == "<li>The alliance.</li>")
    #expect(made.withLock { $0 } == 1)
    // The same slug with another summary (an edit between two builds of `serve`) is not.
    #expect(item(Self.term(summary: "A & B.")).rendered == "<li>A &amp; B.</li>")
    #expect(made.withLock { $0 } == 2)
  }

  /// Each thread has a table of its own: items made on other threads are made there too, and
  /// every thread gets the same markup.
  @Test func everyThreadGetsTheSameMarkup() {
    let memo = FragmentMemo<Int>()
    let made = Mutex(0)
    let results = Mutex<[Int: String]>([:])
    DispatchQueue.concurrentPerform(iterations: 400) { i in
      let html = memo(i % 10) { n in
        made.withLock { $0 += 1 }
        return "<b>\(n)</b>"
      }
      results.withLock { $0[i] = html.rendered }
    }
    #expect(results.withLock { $0.count } == 400)
    #expect(results.withLock { $0.allSatisfy { $0.value == "<b>\($0.key % 10)</b>" } })
    // Once per value per thread at most, whatever the number of threads.
    #expect(made.withLock { $0 } >= 10)
    #expect(made.withLock { $0 } <= 10 * ProcessInfo.processInfo.activeProcessorCount * 4)
  }

  @Test func isEmptiedAtItsLimit() {
    let memo = FragmentMemo<Int>(limit: 2)
    let made = Mutex(0)
    func item(_ n: Int) -> HTML {
      memo(n) { n in
        made.withLock { $0 += 1 }
        return "\(n)"
      }
    }
    for n in [1, 2, 1, 2] { _ = item(n) }
    #expect(made.withLock { $0 } == 2)
    _ = item(3)  // over the limit: the memo starts again with 3 alone
    _ = item(1)
    #expect(made.withLock { $0 } == 4)
    #expect(item(3).rendered == "3")
    #expect(made.withLock { $0 } == 4)
  }
}
