/// A value's fields behind one reference, copied when changed while shared, as an array's
/// storage is: a copy of the value is one retain, however many strings and arrays it holds.
///
/// For the values a build copies by the tens of thousands (`Article`, `LinkedDocument`: out of
/// the cache, into each stage's results and the next cache), where a copy of every field was
/// one atomic retain per string or array, and as many releases at its end.
///
/// Not `Shared` (the pages' summaries' box): that box never changes, so that its identity can
/// key the templates' fragment memo, and a change means a new box. These values are changed
/// field by field while one stage alone holds them (the linker fills a document, the link stage
/// empties bodies): a new box for each change would cost more than the copies it saves.
struct CopyOnWrite<Fields: Sendable>: Sendable {
  /// Changed only while one value alone holds it (`fields`' `_modify`), so a storage that more
  /// than one thread can see is never written: what makes it Sendable.
  private final class Storage: @unchecked Sendable {
    /// Unchecked: only the value's accessors reach it, and they are checked as the value's
    /// own; checked here as well, each read of a field was a call into the runtime's
    /// exclusivity tracking (20 M instructions of a one-article edit of a 10,000-article site).
    @exclusivity(unchecked) var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var storage: Storage

  init(_ fields: Fields) { storage = Storage(fields) }

  var fields: Fields {
    get { storage.fields }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
      yield &storage.fields
    }
  }

  /// Both are the one storage: equal without comparing a field.
  func isShared(with other: CopyOnWrite) -> Bool { storage === other.storage }
}
