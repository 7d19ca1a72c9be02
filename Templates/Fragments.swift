import SitegenKit

/// Markup that many pages repeat for the same value, made once per value and reused: an article
/// page lists some sixty terms twice (key terms and endnotes), each item the same on every page
/// that shows the term. Making every item again (these, and the articles that term pages list,
/// now `IndexedMarkupMemo`) was a seventh of a cold build's rendering.
///
/// Keyed by the value's shared box (`SharedStorage`), found by its address in a table of our
/// own: a build makes one summary per term and per article, and every page gets those same
/// boxes. Hashing each item's slug or URL through `Hasher` into a `Dictionary` cost some 450
/// instructions an item, 2.6 % of a cold build. The table keeps each key's box alive, so an
/// address cannot be handed to another value while its markup is here. A value made again with
/// the same fields (`serve` makes its summaries anew each build) is another key, and its markup,
/// the same bytes, is made again. Bounded, so that a long preview session's old values do not
/// pile up.
///
/// Each thread keeps its own table (`PerThread`): pages render on every core, and one table
/// behind a lock was contended on nearly every item (the lock's slow path was 1.7 % of a
/// 10,000-article cold build). Two threads may each make an item once.
final class FragmentMemo<Key: SharedStorage>: @unchecked Sendable {  // per-thread state only
  private let tables = PerThread { FragmentEntries(capacity: 64) }
  private let limit: Int

  init(limit: Int = 100_000) {
    self.limit = limit
  }

  func callAsFunction(_ key: Key, _ make: (Key) -> HTML) -> HTML {
    tables.with { entries in
      let address = key.storageAddress
      let i = entries.pointee.slot(of: address)
      if entries.pointee.addresses[i] == address { return entries.pointee.values[i] }
      let made = make(key)
      if entries.pointee.count >= limit { entries.pointee = FragmentEntries(capacity: 64) }
      entries.pointee.insert(address, box: key.storage, value: made)
      return made
    }
  }
}

/// A `FragmentMemo` table: open addressing by box address, grown at half full; address 0 marks a
/// free slot. Outside the generic class, which it does not depend on: nested in it, the closure
/// that makes each thread's table captured the key's type, which is not `Sendable`.
private struct FragmentEntries {
  var addresses: [UInt]
  var boxes: [AnyObject?]
  var values: [HTML]
  var count = 0

  init(capacity: Int) {
    addresses = Array(repeating: 0, count: capacity)
    boxes = Array(repeating: nil, count: capacity)
    values = Array(repeating: HTML(rawBytes: []), count: capacity)
  }

  /// The slot holding `address`, or the free one where it would go.
  func slot(of address: UInt) -> Int {
    let mask = addresses.count - 1
    var i = Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while addresses[i] != 0 && addresses[i] != address { i = (i + 1) & mask }
    return i
  }

  mutating func insert(_ address: UInt, box: AnyObject, value: HTML) {
    if (count + 1) * 2 > addresses.count {
      let old = self
      self = FragmentEntries(capacity: addresses.count * 2)
      for i in old.addresses.indices where old.addresses[i] != 0 {
        insert(old.addresses[i], box: old.boxes[i]!, value: old.values[i])
      }
    }
    let i = slot(of: address)
    addresses[i] = address
    boxes[i] = box
    values[i] = value
    count += 1
  }
}
