/// Markup for the items of one shared array, made once per item on each thread and copied into
/// every page that lists the item: a term page lists the articles that use it (`Backlinks`),
/// each with the same link and date on all the sixty term pages the article is on.
///
/// Keyed by the array and the item's index: the table holds the array (so its storage, whose
/// address names it, cannot be handed to another array meanwhile), a span per index, and the
/// markup of all items in one buffer. A term page walks its articles in index order, so it
/// reads both in order. Keyed by each item's box instead (`FragmentMemo`), a listed article was
/// a hash probe, an `HTML` of its own and a reference count to take, each a likely cache miss
/// in a large site: 9.8 times the samples at 40,000 articles as at 10,000.
///
/// Each thread keeps its own table (`PerThread`): term pages render on every core. A new array
/// (the next build of `serve`) starts the table afresh.
public final class IndexedMarkupMemo<Item>: @unchecked Sendable {  // per-thread state only
  @usableFromInline
  struct State {
    @usableFromInline var items: [Item] = []
    @usableFromInline var address: UnsafeRawPointer?
    /// Per index: the markup's start in `bytes` and its length plus one, in the high and low
    /// 32 bits; 0 until made.
    @usableFromInline var spans: [UInt64] = []
    @usableFromInline var bytes: [UInt8] = []

    @usableFromInline init() {}

    @usableFromInline init(items: [Item], address: UnsafeRawPointer?, spans: [UInt64]) {
      self.items = items
      self.address = address
      self.spans = spans
    }
  }

  /// Inlinable, so that the templates' module specialises it (see `PerThread`).
  @usableFromInline let tables = PerThread { State() }

  public init() {}

  /// Appends the markup of `items[index]` to `out`, made with `make` the first time.
  @inlinable
  public func append(
    _ index: Int, of items: [Item], to out: inout HTML.Interpolation, _ make: (Item) -> HTML
  ) {
    tables.with { state in
      let address = items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
      if address != state.pointee.address {
        state.pointee = State(
          items: items, address: address, spans: Array(repeating: 0, count: items.count))
      }
      var span = state.pointee.spans[index]
      if span == 0 {
        let made = make(items[index]).bytes
        span = UInt64(state.pointee.bytes.count) << 32 | UInt64(made.count + 1)
        state.pointee.bytes += made
        state.pointee.spans[index] = span
      }
      let start = Int(span >> 32)
      let end = start + Int(span & 0xFFFF_FFFF) - 1
      state.pointee.bytes.withUnsafeBufferPointer {
        out.output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end]))
      }
    }
  }
}
