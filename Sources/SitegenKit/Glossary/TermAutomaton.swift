/// An Aho–Corasick automaton over UTF-8 bytes: finds every pattern in one pass whose cost follows
/// the text's length, not the number of terms. Written here because no package on our list
/// offers one; a dense table over byte classes keeps the inner loop to one load per byte.
///
/// The table is built over state numbers, then `finishTable` rewrites each entry as the target's
/// row offset (`state * classCount`), negated when the target ends a pattern. A step is then an
/// add and a load, with no multiply and no second table on the path from one byte's state to
/// the next: that chain of loads is what a scan costs.
struct TermAutomaton: Sendable {
  /// The finished tables behind one reference: a matcher passes its automata to every text run
  /// of every article, and a struct of five arrays cost ten reference-count operations a copy.
  private let tables: Tables

  var isEmpty: Bool { tables.patternLengths.isEmpty }
  var patternLengths: [Int32] { tables.patternLengths }

  init(patterns: [[UInt8]]) {
    tables = Tables(Builder(patterns: patterns))
  }

  private final class Tables: Sendable {
    let classOf: [UInt8]
    let classCount: Int
    let next: [Int32]
    let output: [Int32]
    let dictionaryLink: [Int32]
    let patternLengths: [Int32]
    let longestPattern: Int
    /// For each byte, with and without case folding: does it leave the root state where it is
    /// (no pattern starts with it)? `scanFoldingASCII` runs through such bytes without a step.
    let staysAtRoot: (folded: [Bool], exact: [Bool])

    init(_ b: Builder) {
      classOf = b.classOf
      classCount = b.classCount
      next = b.next
      output = b.output
      dictionaryLink = b.dictionaryLink
      patternLengths = b.patternLengths
      longestPattern = b.longestPattern
      func rootBytes(foldCase: Bool) -> [Bool] {
        (0...255).map { byte -> Bool in
          var lastWasSpace = false
          let folded = FoldedText.fold(ascii: UInt8(byte), foldCase: foldCase, after: &lastWasSpace)
          // The root's row starts the table, and the root reports nothing: an entry of 0 is
          // "back to the root".
          return folded.map { b.next[Int(b.classOf[Int($0)])] == 0 } ?? true
        }
      }
      staysAtRoot = (rootBytes(foldCase: true), rootBytes(foldCase: false))
    }
  }
}

extension TermAutomaton {
  /// The tables while they are built.
  private struct Builder {
    /// Byte → column in `next`; bytes in no pattern share class 0.
    var classOf = [UInt8](repeating: 0, count: 256)
    var classCount = 1
    var next: [Int32] = []
    /// The pattern spelled by the path to this state, or -1.
    var output: [Int32] = []
    /// The nearest state on the failure chain that ends a pattern, or -1.
    var dictionaryLink: [Int32] = []
    var patternLengths: [Int32] = []
    var longestPattern = 0

    init(patterns: [[UInt8]]) {
      var used = Set<UInt8>()
      for p in patterns { used.formUnion(p) }
      for b in used.sorted() {
        classOf[Int(b)] = UInt8(truncatingIfNeeded: classCount)
        classCount += 1
      }
      precondition(classCount <= 256, "at most 255 distinct bytes in patterns")
      patternLengths = patterns.map { Int32($0.count) }
      longestPattern = patterns.map(\.count).max() ?? 0
      newState()
      for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
        var state = 0
        for b in pattern {
          let slot = state * classCount + Int(classOf[Int(b)])
          if next[slot] < 0 {
            next[slot] = Int32(newState())
          }
          state = Int(next[slot])
        }
        if output[state] < 0 { output[state] = Int32(index) }
      }
      buildFailureLinks()
      finishTable()
    }

    /// State numbers → signed row offsets (see the type's comment). State 0 reports nothing, so
    /// its offset, 0, is never negated.
    private mutating func finishTable() {
      precondition(output.count * classCount <= Int(Int32.max), "the term table outgrew Int32")
      for slot in next.indices {
        let target = Int(next[slot])
        let reports = output[target] >= 0 || dictionaryLink[target] >= 0
        let offset = Int32(target * classCount)
        next[slot] = reports ? -offset : offset
      }
    }

    @discardableResult
    private mutating func newState() -> Int {
      next.append(contentsOf: repeatElement(-1, count: classCount))
      output.append(-1)
      dictionaryLink.append(-1)
      return output.count - 1
    }

    /// Breadth-first: failure links, dictionary links, and the full transition table.
    private mutating func buildFailureLinks() {
      var failure = [Int32](repeating: 0, count: output.count)
      var queue: [Int] = []
      for c in 0..<classCount {
        let slot = c
        if next[slot] < 0 || c == 0 {
          next[slot] = 0
        } else {
          failure[Int(next[slot])] = 0
          queue.append(Int(next[slot]))
        }
      }
      var head = 0
      while head < queue.count {
        let state = queue[head]
        head += 1
        let f = Int(failure[state])
        dictionaryLink[state] = output[f] >= 0 ? Int32(f) : dictionaryLink[f]
        for c in 0..<classCount {
          let slot = state * classCount + c
          let fallback = next[f * classCount + c]
          if c == 0 || next[slot] < 0 {
            next[slot] = c == 0 ? 0 : fallback
          } else {
            failure[Int(next[slot])] = fallback
            queue.append(Int(next[slot]))
          }
        }
      }
    }
  }
}

extension TermAutomaton {
  /// Calls `found(pattern, end)` for every occurrence of every pattern (end is exclusive).
  func scan(_ text: [UInt8], _ found: (Int, Int) -> Void) {
    guard !isEmpty else { return }
    walking { walk in
      for (i, byte) in text.enumerated() { walk.step(byte) { found($0, i + 1) } }
    }
  }

  /// `scan` over ASCII text folded on the way (blank runs as one space, letters lowercased
  /// when `foldCase`), with no folded copy: `found(pattern, start, end)` gets the original
  /// byte range. Only the last `longestPattern` folded bytes' origins are kept, in a ring.
  func scanFoldingASCII(
    _ text: UnsafeBufferPointer<UInt8>, foldCase: Bool, _ found: (Int, Int, Int) -> Void
  ) {
    guard !isEmpty else { return }
    var ringSize = 16
    while ringSize <= tables.longestPattern { ringSize <<= 1 }
    let mask = ringSize - 1
    let stays = foldCase ? tables.staysAtRoot.folded : tables.staysAtRoot.exact
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: ringSize) { ring in
      stays.withUnsafeBufferPointer { stays in
        walking { walk in
          let lengths = walk.patternLengths
          var folded = 0  // folded bytes so far
          var lastWasSpace = false
          var i = 0
          while i < text.count {
            // At the root, the bytes no pattern starts with change nothing: run through them
            // with a load each that no later byte waits on, rather than a chain of table steps
            // (most of an article's text, and the table's loads were most of the scan). The
            // ring and the count of folded bytes only place matches, which start after them.
            if walk.row == 0 {
              while i < text.count && stays[Int(text[i])] { i += 1 }
              if i == text.count { break }
            }
            defer { i += 1 }
            guard
              let byte = FoldedText.fold(ascii: text[i], foldCase: foldCase, after: &lastWasSpace)
            else { continue }
            ring[folded & mask] = Int32(truncatingIfNeeded: i)
            folded += 1
            walk.step(byte) { pattern in
              found(pattern, Int(ring[(folded - Int(lengths[pattern])) & mask]), i + 1)
            }
          }
        }
      }
    }
  }

  /// The tables as pointers for one scan. They are read once per byte, and bounds checks on
  /// four arrays were most of the loop; every row offset and class number indexes inside them
  /// by construction.
  private struct Walk {
    let next: UnsafeBufferPointer<Int32>
    let classOf: UnsafeBufferPointer<UInt8>
    let output: UnsafeBufferPointer<Int32>
    let dictionaryLink: UnsafeBufferPointer<Int32>
    let patternLengths: UnsafeBufferPointer<Int32>
    let classCount: Int
    /// The current state's row offset in `next`.
    var row = 0

    /// Takes one byte; calls `found(pattern)` for each pattern that ends with it.
    @inline(__always)
    mutating func step(_ byte: UInt8, _ found: (Int) -> Void) {
      let entry = Int(next[row &+ Int(classOf[Int(byte)])])
      if entry >= 0 {
        row = entry
        return
      }
      row = -entry
      report(row, found)
    }

    /// The patterns ending in the state at `row`: rare next to steps, so kept out of the loop.
    @inline(never)
    func report(_ row: Int, _ found: (Int) -> Void) {
      let state = row / classCount
      var o = output[state] >= 0 ? state : Int(dictionaryLink[state])
      while o >= 0 {
        found(Int(output[o]))
        o = Int(dictionaryLink[o])
      }
    }
  }

  private func walking(_ body: (inout Walk) -> Void) {
    let t = tables
    t.next.withUnsafeBufferPointer { next in
      t.classOf.withUnsafeBufferPointer { classOf in
        t.output.withUnsafeBufferPointer { output in
          t.dictionaryLink.withUnsafeBufferPointer { dictionaryLink in
            t.patternLengths.withUnsafeBufferPointer { patternLengths in
              var walk = Walk(
                next: next, classOf: classOf, output: output, dictionaryLink: dictionaryLink,
                patternLengths: patternLengths, classCount: t.classCount)
              body(&walk)
            }
          }
        }
      }
    }
  }
}
