/// A value behind one reference, for the small values the pages copy by the hundred thousand
/// (`ArticleSummary`, `TermSummary`): a copy is one retain instead of one per string and array
/// inside. The value never changes in place (`let`): a holder that changes it makes a new box.
/// Equal boxes are equal by value; the same box is equal without looking.
final class Shared<Value: Sendable & Hashable>: Sendable, Hashable {
  let value: Value

  init(_ value: Value) { self.value = value }

  static func == (a: Shared, b: Shared) -> Bool { a === b || a.value == b.value }
  func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
}

/// A value whose fields sit in one `Shared` box. The box never changes, so while it lives its
/// identity names the value: the templates' fragment memo keys markup by it, and keeps the box
/// alive for as long as it holds the markup.
public protocol SharedStorage {
  var storage: AnyObject { get }
}
