import SitegenKit
import Synchronization

/// Markup that many pages repeat for the same value, made once per value and reused: an article
/// page lists some sixty terms twice (key terms and endnotes), each item the same on every page
/// that shows the term, and a term page lists each article that uses it, the same link and date
/// on each of the sixty term pages the article appears on. Making every item again was a
/// seventh of a cold build's rendering.
///
/// Keyed by the value itself, not by its place in a build: a term whose summary changed (in
/// `serve`, between builds) is another key and gets new markup. Bounded, so that a long preview
/// session's old values do not pile up. Pages render on every core, hence the lock; the markup
/// is made outside it, and two threads making the same item make the same bytes.
final class FragmentMemo<Key: Hashable & Sendable>: Sendable {
  private let entries = Mutex<[Key: HTML]>([:])
  private let limit: Int

  init(limit: Int = 100_000) { self.limit = limit }

  func callAsFunction(_ key: Key, _ make: (Key) -> HTML) -> HTML {
    if let known = entries.withLock({ $0[key] }) { return known }
    let made = make(key)
    entries.withLock {
      if $0.count >= limit { $0.removeAll(keepingCapacity: true) }
      $0[key] = made
    }
    return made
  }
}
