import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SitegenKit
@testable import SitegenTemplates

/// The templates' memo of repeated markup: made once per value (per shared box), made again for
/// a value rebuilt or changed, never another value's markup, and emptied rather than grown past
/// its limit.
@Suite struct FragmentMemoTests {
  static func term(summary: String) -> TermSummary {
    TermSummary(slug: "nato", name: "NATO", summary: summary, url: "/glossary/nato/")
  }

  /// A key of its own for the generic tests.
  final class Token: SharedStorage, Sendable {
    let n: Int
    init(_ n: Int) { self.n = n }
    var storage: AnyObject { self }
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
    let nato = Self.term(summary: "The alliance.")
    #expect(item(nato).rendered == "<li>The alliance.</li>")
    #expect(item(nato).rendered == "<li>The alliance.</li>")
    #expect(made.withLock { $0 } == 1)
    // The same fields made again (the next build of `serve`): made again, the same bytes.
    #expect(item(Self.term(summary: "The alliance.")).rendered == "<li>The alliance.</li>")
    #expect(made.withLock { $0 } == 2)
    // The same slug with another summary (an edit between two builds) gets its own markup.
    #expect(item(Self.term(summary: "A & B.")).rendered == "<li>A &amp; B.</li>")
    #expect(made.withLock { $0 } == 3)
  }

  /// Values made and dropped one after another are often given the same address: the memo keeps
  /// each key alive, so a new value never finds an old one's markup.
  @Test func aNewValueNeverGetsAFreedValuesMarkup() {
    let memo = FragmentMemo<TermSummary>()
    for n in 0..<2_000 {
      let html = memo(Self.term(summary: "Summary \(n).")) { "<li>\($0.summary)</li>" }
      #expect(html.rendered == "<li>Summary \(n).</li>")
    }
  }

  /// Each thread has a table of its own: items made on other threads are made there too, and
  /// every thread gets the same markup.
  @Test func everyThreadGetsTheSameMarkup() {
    let memo = FragmentMemo<Token>()
    let tokens = (0..<10).map(Token.init)
    let made = Mutex(0)
    let results = Mutex<[Int: String]>([:])
    DispatchQueue.concurrentPerform(iterations: 400) { i in
      let html = memo(tokens[i % 10]) { token in
        made.withLock { $0 += 1 }
        return "<b>\(token.n)</b>"
      }
      results.withLock { $0[i] = html.rendered }
    }
    #expect(results.withLock { $0.count } == 400)
    #expect(results.withLock { $0.allSatisfy { $0.value == "<b>\($0.key % 10)</b>" } })
    // Once per value per thread at most, whatever the number of threads.
    #expect(made.withLock { $0 } >= 10)
    #expect(made.withLock { $0 } <= 10 * ProcessInfo.processInfo.activeProcessorCount * 4)
  }

  /// Past 64 entries the table grows: every entry is still found.
  @Test func findsEveryEntryAfterGrowing() {
    let memo = FragmentMemo<Token>()
    let tokens = (0..<500).map(Token.init)
    let made = Mutex(0)
    for _ in 0..<2 {
      for token in tokens {
        let html = memo(token) { token in
          made.withLock { $0 += 1 }
          return "\(token.n)"
        }
        #expect(html.rendered == "\(token.n)")
      }
    }
    #expect(made.withLock { $0 } == 500)
  }

  @Test func isEmptiedAtItsLimit() {
    let memo = FragmentMemo<Token>(limit: 2)
    let tokens = (0...3).map(Token.init)
    let made = Mutex(0)
    func item(_ n: Int) -> HTML {
      memo(tokens[n]) { token in
        made.withLock { $0 += 1 }
        return "\(token.n)"
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
