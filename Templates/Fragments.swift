import SitegenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Markup that many pages repeat for the same value, made once per value and reused: an article
/// page lists some sixty terms twice (key terms and endnotes), each item the same on every page
/// that shows the term, and a term page lists each article that uses it, the same link and date
/// on each of the sixty term pages the article appears on. Making every item again was a
/// seventh of a cold build's rendering.
///
/// Keyed by the value itself, not by its place in a build: a term whose summary changed (in
/// `serve`, between builds) is another key and gets new markup. Bounded, so that a long preview
/// session's old values do not pile up.
///
/// Each thread keeps its own table, found through a pthread key: pages render on every core,
/// and one table behind a lock was contended on nearly every item (the lock's slow path was
/// 1.7 % of a 10,000-article cold build). Two threads may each make an item once.
final class FragmentMemo<Key: Hashable & Sendable>: @unchecked Sendable {  // per-thread state only
  /// A thread's entries, reached through a pointer: a class's `var` paid a dynamic exclusivity
  /// check on every read.
  private final class Table {
    let entries: UnsafeMutablePointer<[Key: HTML]>

    init() {
      entries = .allocate(capacity: 1)
      entries.initialize(to: [:])
    }

    deinit {
      entries.deinitialize(count: 1)
      entries.deallocate()
    }
  }

  /// Never deleted: a deleted key's number can be handed out again while other threads still
  /// hold a table of another key type in it. Memos are made once (three in the templates, a
  /// few in tests), far from the process's limit of keys.
  private let slot: pthread_key_t
  private let limit: Int

  init(limit: Int = 100_000) {
    var slot = pthread_key_t()
    // A pooled thread that ends lets go of its table.
    let created = pthread_key_create(&slot) { raw in
      guard let raw else { return }
      Unmanaged<AnyObject>.fromOpaque(raw).release()
    }
    precondition(created == 0, "pthread_key_create failed")
    self.slot = slot
    self.limit = limit
  }

  func callAsFunction(_ key: Key, _ make: (Key) -> HTML) -> HTML {
    let entries: UnsafeMutablePointer<[Key: HTML]>
    if let raw = pthread_getspecific(slot) {
      // The slot holds the table for as long as the thread lives.
      entries = Unmanaged<Table>.fromOpaque(raw)._withUnsafeGuaranteedRef { $0.entries }
    } else {
      let table = Table()
      pthread_setspecific(slot, Unmanaged.passRetained(table).toOpaque())
      entries = table.entries
    }
    if let known = entries.pointee[key] { return known }
    let made = make(key)
    if entries.pointee.count >= limit { entries.pointee.removeAll(keepingCapacity: true) }
    entries.pointee[key] = made
    return made
  }
}
