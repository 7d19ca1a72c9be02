import Synchronization

/// A cache's records by source path, kept in the order they are written.
///
/// A build makes the next cache's records in its own order (articles by date, files by path)
/// and only writes them, so it hands over one array: no dictionary to fill, no order to work
/// out and check, no lookup per record when writing. On a 40,000-article edit that was six
/// hashed path operations an article. Only a cache read back is looked up (one build's read of
/// the last one's), so only a read builds the index from paths to positions.
struct CacheRecords<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
  private(set) var records: [Record]

  /// A struct, not a tuple: reading one field of a tuple in an array copied the whole tuple
  /// through the runtime's generic tuple copy (two copies and two destroys, 2,100 instructions,
  /// for each cached parse the loader looked at).
  struct Record: Sendable {
    var path: String
    var value: Value
  }
  /// Each path's position, made on the first lookup that the order does not answer; nil for
  /// records made in order. The first of a path given twice is the one found, as in a
  /// dictionary made uniquing to the first. Made late because an edit that changes no
  /// article's place in the order never needs it: making it for the two record lists of a
  /// 10,000-article cache was 32 M instructions on the way to the first stage.
  private var positions: Positions?

  /// Shared by copies of the records, which all hold the same paths: whichever copy looks
  /// up first makes the index for all of them. A copy that changes its records gets its own.
  private final class Positions: Sendable {
    private let index = Mutex<[String: Int]?>(nil)

    func position(of path: String, in records: [Record]) -> Int? {
      index.withLock { index in
        if index == nil { index = CacheRecords.index(records) }
        return index?[path]
      }
    }
  }

  /// Records in the order given, each path once.
  init(_ records: [Record]) {
    self.records = records
  }

  /// For tests: records written as tuples.
  init(_ records: [(path: String, value: Value)]) {
    self.init(records.map { Record(path: $0.path, value: $0.value) })
  }

  /// Records found by path, in the order given: a cache read back.
  init(indexing records: [Record]) {
    self.records = records
    positions = Positions()
  }

  /// For tests: records written as tuples.
  init(indexing records: [(path: String, value: Value)]) {
    self.init(indexing: records.map { Record(path: $0.path, value: $0.value) })
  }

  /// For tests: in the literal's order, found by path.
  init(dictionaryLiteral elements: (String, Value)...) {
    self.init(indexing: elements.map { (path: $0.0, value: $0.1) })
  }

  var count: Int { records.count }
  var paths: [String] { records.map(\.path) }

  /// Looks up through the index where there is one. Records made in order have none and are
  /// searched: builds never look one up, tests change a cache by path.
  subscript(path: String) -> Value? {
    get { position(of: path).map { records[$0].value } }
    set {
      if let i = position(of: path) {
        if let newValue {
          records[i].value = newValue
        } else {
          records.remove(at: i)
          if positions != nil { positions = Positions() }
        }
      } else if let newValue {
        records.append(Record(path: path, value: newValue))
        if positions != nil { positions = Positions() }
      }
    }
  }

  /// The record at `path`, looked for first at `hint`: a build that asks in the order it
  /// wrote the records finds each with one comparison, not a hash of its path.
  func find(_ path: String, near hint: Int) -> Value? {
    find(path, near: hint) { $0 }
  }

  /// What `read` takes from the record at `path` (looked for first at `hint`), without a copy
  /// of the record: the loader wants only each cached parse's stamp, 10,000 of them on a
  /// 10,000-article edit.
  func find<T>(_ path: String, near hint: Int, _ read: (borrowing Value) -> T) -> T? {
    if hint >= 0, hint < records.count {
      let found = records.withUnsafeBufferPointer { buffer in
        buffer[hint].path == path ? read(buffer[hint].value) : nil
      }
      if let found { return found }
    }
    return position(of: path).map { i in records.withUnsafeBufferPointer { read($0[i].value) } }
  }

  private func position(of path: String) -> Int? {
    if let positions { return positions.position(of: path, in: records) }
    return records.firstIndex { $0.path == path }
  }

  private static func index(_ records: [Record]) -> [String: Int] {
    var positions: [String: Int] = [:]
    positions.reserveCapacity(records.count)
    // Backwards, so that the first of a path given twice is the one left.
    for i in records.indices.reversed() { positions[records[i].path] = i }
    return positions
  }
}
