import CFileSystem
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Each published article's HTML, from the link stage until its page is rendered.
///
/// It is a large build's largest value (about 15 KB an article: 150 MB at 10,000), and no page
/// can render before every article is linked (backlinks, related articles), so it would all be
/// held at once. A build therefore spills it to a file beside the output that is unlinked as
/// soon as it is open: the process keeps offsets, the kernel keeps the bytes in its page cache,
/// which it may write out or drop under pressure, and a killed build leaves nothing behind.
/// Without a spill path (tests, `check`, the preview server), or if the file cannot be made or
/// written, the HTML stays in memory; pages are the same either way.
///
/// With one, the first `holding` bytes stay in memory all the same: a build's peak memory
/// comes later (the feed and search index, 240 MB at 10,000 articles, 190 MB when linking
/// ends), so the first 48 MB cost it little (5 MB more at 10,000 articles), and each article
/// held is one write and one read back less (together 5 % of a cold build's samples when all
/// of it went to the file).
///
/// The file's bytes are freed as the pages are made, a stretch at a time, once every article
/// in the stretch has been dropped. Fresh memory is costly on this machine kind: writing 460 MB
/// of pages into new page-cache pages took the kernel 1.0-1.3 s, and 0.11 s into pages just
/// freed. The pages written after a stretch is freed take its memory.
///
/// Any thread may put and get; each article is put once.
final class ArticleHTML: Sendable {
  private struct Slots {
    var spilled: [(offset: Int, count: Int)?]
    var held: [[UInt8]?]
    var end = 0
    /// Bytes held in memory now.
    var heldBytes = 0
    /// Per stretch of the file: the bytes put there and the bytes dropped since it was last
    /// freed. Counted when an article's place is taken, before it is written, so a stretch
    /// is never freed under a write.
    var stretches: [(put: Int, dropped: Int)] = []

    /// Adds `range`'s bytes to each stretch it covers; returns the stretches that are now
    /// wholly dropped (and counts them empty again).
    mutating func count(_ range: Range<Int>, dropped: Bool, stretch: Int) -> [Int] {
      var freed: [Int] = []
      var k = range.lowerBound / stretch
      while k * stretch < range.upperBound {
        let start = k * stretch
        let part = min(range.upperBound, start + stretch) - max(range.lowerBound, start)
        if k >= stretches.count {
          stretches.append(
            contentsOf: repeatElement((put: 0, dropped: 0), count: k + 1 - stretches.count))
        }
        if dropped {
          stretches[k].dropped += part
          if stretches[k].dropped == stretches[k].put {
            stretches[k] = (0, 0)
            freed.append(k)
          }
        } else {
          stretches[k].put += part
        }
        k += 1
      }
      return freed
    }
  }

  /// What a build holds in memory before it spills (see above).
  static let heldLimit = 48 << 20
  /// What the file is freed by (see above): 4 MB, a few dozen calls at 10,000 articles.
  static let stretchSize = 4 << 20

  private let fd: Int32
  private let slots: Mutex<Slots>
  private let holding: Int
  private let stretch: Int

  init(
    count: Int, spillingTo path: String? = nil, holding: Int = ArticleHTML.heldLimit,
    stretch: Int = ArticleHTML.stretchSize
  ) {
    fd = path.map(Self.openUnlinked) ?? -1
    self.holding = holding
    self.stretch = stretch
    slots = Mutex(
      Slots(
        spilled: Array(repeating: nil, count: count), held: Array(repeating: nil, count: count)))
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Whether the HTML goes to a file (for the tests' eyes).
  var isSpilling: Bool { fd >= 0 }

  func put(_ i: Int, _ html: [UInt8]) {
    let count = html.count
    if fd >= 0 {
      let holding = self.holding
      let offset = slots.withLock { slots -> Int? in
        if slots.heldBytes + count <= holding {
          slots.heldBytes += count
          slots.held[i] = html
          return nil
        }
        defer { slots.end += count }
        _ = slots.count(slots.end..<slots.end + count, dropped: false, stretch: stretch)
        return slots.end
      }
      guard let offset else { return }
      let written = html.withUnsafeBufferPointer { Self.writeAll($0, to: fd, at: offset) }
      if written {
        slots.withLock { $0.spilled[i] = (offset, count) }
        return
      }
      // What did get written is of no use: its place counts as dropped.
      let (freed, end) = slots.withLock {
        ($0.count(offset..<offset + count, dropped: true, stretch: stretch), $0.end)
      }
      punch(freed, below: end)
    }
    slots.withLock {
      $0.heldBytes += count
      $0.held[i] = html
    }
  }

  /// How many articles' HTML went to the file (for the tests' eyes).
  var spilledCount: Int { slots.withLock { $0.spilled.count { $0 != nil } } }

  /// Article `i`'s HTML, or nil when the link stage made none (it came from the build cache).
  func get(_ i: Int) -> String? {
    let (spilled, held) = slots.withLock { ($0.spilled[i], $0.held[i]) }
    guard let spilled else { return held.map { String(decoding: $0, as: UTF8.self) } }
    return String(decoding: read(spilled), as: UTF8.self)
  }

  /// `get(i)`'s bytes: what a page is made of, with no String between.
  func bytes(_ i: Int) -> [UInt8]? {
    let (spilled, held) = slots.withLock { ($0.spilled[i], $0.held[i]) }
    guard let spilled else { return held }
    return read(spilled)
  }

  private func read(_ spilled: (offset: Int, count: Int)) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: spilled.count) { buffer, initialized in
      initialized = 0
      guard let base = buffer.baseAddress else { return }  // an empty document
      var done = 0
      while done < spilled.count {
        let n = pread(fd, base + done, spilled.count - done, off_t(spilled.offset + done))
        if n < 0 && errno == EINTR { continue }
        // The file is open and unlinked: only a failing disk gets here. Stopping is safe (the
        // output is swapped in whole or not at all); a page cut short would not be.
        guard n > 0 else { fatalError("cannot read back linked HTML: \(POSIXFile.errorText())") }
        done += n
      }
      initialized = done
    }
  }

  /// Lets go of article `i`'s HTML once its page is rendered: in memory, or in the file once
  /// its whole stretch is dropped.
  func drop(_ i: Int) {
    let (freed, end) = slots.withLock { slots -> ([Int], Int) in
      slots.heldBytes -= slots.held[i]?.count ?? 0
      slots.held[i] = nil
      guard let spilled = slots.spilled[i] else { return ([], 0) }
      slots.spilled[i] = nil
      return (
        slots.count(
          spilled.offset..<spilled.offset + spilled.count, dropped: true, stretch: stretch),
        slots.end
      )
    }
    punch(freed, below: end)
  }

  /// How many stretches of the file have been freed (for the tests' eyes).
  var freedStretches: Int { freedCount.load(ordering: .relaxed) }
  private let freedCount = Atomic<Int>(0)

  /// Frees stretches of the file. Outside the lock: a place taken since ends at or after `end`,
  /// and each stretch's range stops there. A file system that cannot punch holes keeps the
  /// bytes until the file is closed, as it did before.
  private func punch(_ stretches: [Int], below end: Int) {
    for k in stretches {
      let start = k * stretch
      let length = min(start + stretch, end) - start
      if length > 0 && sitegen_punch_hole(fd, Int64(start), Int64(length)) == 0 {
        freedCount.add(1, ordering: .relaxed)
      }
    }
  }

  private static func openUnlinked(_ path: String) -> Int32 {
    let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd >= 0 { unlink(path) }
    return fd
  }

  private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32, at offset: Int)
    -> Bool
  {
    guard let base = bytes.baseAddress else { return true }  // nothing to write
    var done = 0
    while done < bytes.count {
      let n = pwrite(fd, base + done, bytes.count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return false }
      done += n
    }
    return true
  }
}
