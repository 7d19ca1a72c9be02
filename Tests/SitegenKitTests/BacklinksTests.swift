import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SitegenKit

/// A term page's list of uses (`Backlinks`) and the memo its template lists them through
/// (`IndexedMarkupMemo`).
@Suite struct BacklinksTests {
  static func article(_ n: Int, title: String? = nil) -> ArticleSummary {
    ArticleSummary(
      slug: "a\(n)", title: title ?? "Article \(n)", summary: "S",
      date: ContentDate.parse("2025-01-02")!,
      updated: nil, tags: [], url: "/articles/a\(n)/")
  }

  static let articles = (0..<6).map { article($0) }

  /// Uses 1, 3, 4, the sentences of 3 and 4.
  static let backlinks = Backlinks(
    articles: articles, uses: [1, 3, 4],
    quotes: [QuotedUse(article: 3, sentence: "Three."), QuotedUse(article: 4, sentence: "Four.")])

  @Test func listsEachUseWithItsSentence() {
    var seen: [String] = []
    Self.backlinks.forEachUse { a, sentence in seen.append("\(a):\(sentence ?? "-")") }
    #expect(seen == ["1:-", "3:Three.", "4:Four."])
    #expect(
      Array(Self.backlinks) == [
        Backlink(article: Self.articles[1], sentence: nil),
        Backlink(article: Self.articles[3], sentence: "Three."),
        Backlink(article: Self.articles[4], sentence: "Four."),
      ])
  }

  /// Made from a list of `Backlink`s, they are that list: equal, hashed and encoded alike,
  /// whichever way they were made.
  @Test func standsForTheListOfBacklinks() throws {
    let list = Array(Self.backlinks)
    let made = Backlinks(list)
    #expect(made == Self.backlinks)
    #expect(made.hashValue == Self.backlinks.hashValue)
    #expect(Array(made) == list)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(try encoder.encode(made) == encoder.encode(list))
    #expect(try encoder.encode(Self.backlinks) == encoder.encode(list))
    #expect(Backlinks([]).isEmpty)
    #expect(made != Backlinks(Array(list.dropFirst())))
    #expect(
      made != Backlinks([list[0], list[1], Backlink(article: list[2].article, sentence: nil)]))
  }

  @Test func theMemoMakesEachItemOnceAndCopiesItsBytes() {
    let memo = IndexedMarkupMemo<ArticleSummary>()
    let made = Mutex<[String]>([])
    func list(_ indices: [Int], of articles: [ArticleSummary]) -> String {
      var out = HTML.Interpolation(literalCapacity: 0, interpolationCount: 0)
      for i in indices {
        memo.append(i, of: articles, to: &out) { a in
          made.withLock { $0.append(a.slug) }
          return "<li>\(a.title)</li>"
        }
      }
      return HTML(stringInterpolation: out).rendered
    }
    let articles = Self.articles
    #expect(list([1, 3], of: articles) == "<li>Article 1</li><li>Article 3</li>")
    #expect(
      list([0, 1, 3, 5], of: articles)
        == "<li>Article 0</li><li>Article 1</li><li>Article 3</li><li>Article 5</li>")
    #expect(made.withLock { $0 } == ["a1", "a3", "a0", "a5"])
    // Another array (the next build of `serve`), an item changed in it: made anew, escaped.
    var edited = articles
    edited[1] = Self.article(1, title: "A & B")
    #expect(list([1, 3], of: edited) == "<li>A &amp; B</li><li>Article 3</li>")
    #expect(made.withLock { $0.count } == 6)
  }

  /// Each thread has a table of its own: every thread gets the same markup, each item made at
  /// most once a thread.
  @Test func everyThreadGetsTheSameMarkup() {
    let memo = IndexedMarkupMemo<ArticleSummary>()
    let articles = Self.articles
    let made = Mutex(0)
    let results = Mutex<[Int: String]>([:])
    DispatchQueue.concurrentPerform(iterations: 300) { i in
      var out = HTML.Interpolation(literalCapacity: 0, interpolationCount: 0)
      memo.append(i % 6, of: articles, to: &out) { a in
        made.withLock { $0 += 1 }
        return "<b>\(a.slug)</b>"
      }
      let html = HTML(stringInterpolation: out).rendered
      results.withLock { $0[i] = html }
    }
    #expect(results.withLock { $0.count } == 300)
    #expect(results.withLock { $0.allSatisfy { $0.value == "<b>a\($0.key % 6)</b>" } })
    #expect(made.withLock { $0 } >= 6)
    #expect(made.withLock { $0 } <= 6 * ProcessInfo.processInfo.activeProcessorCount * 4)
  }
}
