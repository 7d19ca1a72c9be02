import Synchronization

/// A value behind one reference, for the small values the pages copy by the hundred thousand
/// (`ArticleSummary`, `TermSummary`): a copy is one retain instead of one per string and array
/// inside. The value never changes in place (`let`): a holder that changes it makes a new box.
/// Equal boxes are equal by value; the same box is equal without looking.
final class Shared<Value: Sendable & Hashable>: Sendable, Hashable {
  let value: Value
  /// The value's fingerprint once worked out; 0 until then.
  private let knownFingerprint = Atomic<UInt64>(0)

  init(_ value: Value) { self.value = value }

  /// `make(value)`, worked out once per box: a build's pages count the summaries they show by
  /// their fingerprints (a 10,000-article site's home and tag pages list 30,000), and a box
  /// made once per article or term is shown by thousands of pages. A value that never changes
  /// has one fingerprint, so two threads that both work it out store the same number. A
  /// fingerprint that happens to be 0 is worked out each time.
  func fingerprint(_ make: (Value) -> UInt64) -> UInt64 {
    let known = knownFingerprint.load(ordering: .relaxed)
    if known != 0 { return known }
    let made = make(value)
    knownFingerprint.store(made, ordering: .relaxed)
    return made
  }

  static func == (a: Shared, b: Shared) -> Bool { a === b || a.value == b.value }
  func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
}

/// A value whose fields sit in one `Shared` box. The box never changes, so while it lives its
/// identity names the value: the templates' fragment memo keys markup by it, and keeps the box
/// alive for as long as it holds the markup.
public protocol SharedStorage {
  var storage: AnyObject { get }
  /// The box's address, read without taking a reference to it: the fragment memo looks up
  /// some 120 items a page, and taking `storage` for each retained and released a box that
  /// both cores' pages share, bouncing its count between their caches.
  var storageAddress: UInt { get }
}

extension SharedStorage {
  public var storageAddress: UInt { UInt(bitPattern: ObjectIdentifier(storage)) }
}
