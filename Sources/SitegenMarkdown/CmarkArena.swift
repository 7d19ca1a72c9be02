import CCmarkGFM
import CThreadLocal

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything cmark allocates for one document (parser, nodes, their text, the rendered HTML)
/// comes from this thread's bump arena and goes back at once when the document's scope ends.
///
/// Written here because nothing on our package list does it: cmark's own arena
/// (`cmark_get_arena_mem_allocator`) is one per process and not thread-safe, and both cores
/// render documents at once. With the system allocator a 1,000-article build made 900,000
/// `calloc`s and as many `free`s, a tenth of its instructions; a tree dies whole, so freeing it
/// node by node was wasted work.
///
/// cmark's `cmark_mem` callbacks carry no context, so they find the arena through a C
/// thread-local (`sitegen_thread_arena`); a pthread key holds each thread's own arena only to
/// free it when the thread ends. A document never leaves the thread that parsed it
/// (`CmarkParser.withParsedDocument` parses, edits and renders in one call).
enum CmarkArena {
  /// The allocator to give cmark inside `withArena`, and only there.
  static var mem: UnsafeMutablePointer<cmark_mem> { memory.mem }

  /// Runs `body` with this thread's arena in use; everything allocated meanwhile through `mem`
  /// is released when it returns. A nested call (a document rendered while another is open on
  /// the same thread) gets an arena of its own.
  static func withArena<T>(_ body: () throws -> T) rethrows -> T {
    let threads = sitegen_thread_arena()?.assumingMemoryBound(to: Arena.self)
    let arena: UnsafeMutablePointer<Arena>
    if let threads, !threads.pointee.inUse {
      arena = threads
    } else {
      arena = Arena.make()
      // The thread's own arena, the first time: the key frees it when the thread ends.
      if threads == nil { pthread_setspecific(memory.slot, arena) }
      sitegen_set_thread_arena(arena)
    }
    let nested = threads != nil && arena != threads
    arena.pointee.inUse = true
    defer {
      arena.pointee.endDocument()
      if nested, let threads {  // an arena of its own: gone with its document
        arena.pointee.freeChunks()
        arena.deallocate()
        sitegen_set_thread_arena(threads)
      }
    }
    return try body()
  }
}

/// The process's one `cmark_mem` and the thread-local slot its callbacks read. Built once.
private struct Memory: @unchecked Sendable {  // written once, before any callback runs
  let mem: UnsafeMutablePointer<cmark_mem>
  let slot: pthread_key_t
}

private let memory: Memory = {
  var slot = pthread_key_t()
  // A pooled thread that ends takes its arena's chunks with it.
  let created = pthread_key_create(&slot) { raw in
    guard let arena = raw?.assumingMemoryBound(to: Arena.self) else { return }
    arena.pointee.freeChunks()
    arena.deallocate()
  }
  precondition(created == 0, "pthread_key_create failed")
  let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
  mem.initialize(
    to: cmark_mem(
      calloc: { count, size in
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, let block = Arena.current().pointee.allocate(bytes) else { return nil }
        memset(block, 0, bytes)
        return block
      },
      realloc: { old, size in Arena.current().pointee.reallocate(old, size) },
      free: { block in Arena.current().pointee.takeBack(block) }))
  return Memory(mem: mem, slot: slot)
}()

/// A bump allocator over a chain of malloc'd chunks. Each block is preceded by its size, so
/// `realloc` knows what to copy; the last block grows in place, which is how cmark's buffers
/// (the HTML among them) grow. A plain struct behind a pointer: the callbacks run a million
/// times a build and must not retain anything.
private struct Arena {
  /// Chunk layout: the previous chunk's address, this chunk's size, then blocks.
  private static let chunkHeader = 16
  private static let blockHeader = 8
  private static let firstChunk = 256 << 10
  /// The biggest chunk kept between documents; a larger one is handed back to the system.
  private static let keptChunk = 8 << 20

  private var chunk: UnsafeMutableRawPointer?
  private var top: UnsafeMutableRawPointer?
  private var end: UnsafeMutableRawPointer?
  /// The block most recently handed out: it can grow, or be taken back, in place.
  private var last: UnsafeMutableRawPointer?
  var inUse = false

  static func make() -> UnsafeMutablePointer<Arena> {
    let arena = UnsafeMutablePointer<Arena>.allocate(capacity: 1)
    arena.initialize(to: Arena())
    return arena
  }

  static func current() -> UnsafeMutablePointer<Arena> {
    guard let raw = sitegen_thread_arena() else {
      preconditionFailure("cmark allocated outside CmarkArena.withArena")
    }
    return raw.assumingMemoryBound(to: Arena.self)
  }

  mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
    guard let rounded = Self.rounded(size),
      let header = room(for: Self.blockHeader + rounded)
    else { return nil }
    header.storeBytes(of: size, as: Int.self)
    top = header + Self.blockHeader + rounded
    let block = header + Self.blockHeader
    last = block
    return block
  }

  mutating func reallocate(_ old: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer?
  {
    guard let old else { return allocate(size) }
    let oldSize = (old - Self.blockHeader).load(as: Int.self)
    if old == last, let end, let rounded = Self.rounded(size), end - old >= rounded {
      (old - Self.blockHeader).storeBytes(of: size, as: Int.self)
      top = old + rounded
      return old
    }
    guard let new = allocate(size) else { return nil }
    new.copyMemory(from: old, byteCount: min(oldSize, size))
    return new
  }

  /// `size` up to a multiple of 8, the blocks' alignment; nil for a size no chunk could hold.
  private static func rounded(_ size: Int) -> Int? {
    guard size >= 0, size <= Int.max / 2 else { return nil }
    return (size + 7) & ~7
  }

  /// Where `needed` bytes start: the top of this chunk, or of a new one.
  private mutating func room(for needed: Int) -> UnsafeMutableRawPointer? {
    if let top, let end, end - top >= needed { return top }
    guard grow(toHold: needed) else { return nil }
    return top
  }

  /// Only the last block comes back (cmark's iterators and scratch buffers); the rest waits
  /// for `endDocument`.
  mutating func takeBack(_ block: UnsafeMutableRawPointer?) {
    guard let block, block == last else { return }
    top = block - Self.blockHeader
    last = nil
  }

  /// Ends a document: keeps the newest chunk (the largest) for the next one, if not huge.
  mutating func endDocument() {
    inUse = false
    last = nil
    guard let newest = chunk else { return }
    let previous = newest.load(as: UnsafeMutableRawPointer?.self)
    Self.freeChain(previous)
    let size = newest.load(fromByteOffset: 8, as: Int.self)
    if size > Self.keptChunk {
      free(newest)
      chunk = nil
      top = nil
      end = nil
      return
    }
    newest.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
    top = newest + Self.chunkHeader
  }

  mutating func freeChunks() {
    Self.freeChain(chunk)
    chunk = nil
    top = nil
    end = nil
    last = nil
  }

  private static func freeChain(_ start: UnsafeMutableRawPointer?) {
    var next = start
    while let c = next {
      next = c.load(as: UnsafeMutableRawPointer?.self)
      free(c)
    }
  }

  /// A new chunk, at least twice the last and big enough for `needed`.
  private mutating func grow(toHold needed: Int) -> Bool {
    let lastSize = chunk.map { $0.load(fromByteOffset: 8, as: Int.self) } ?? Self.firstChunk / 2
    let size = max(lastSize * 2, needed + Self.chunkHeader)
    guard let new = malloc(size) else { return false }
    new.storeBytes(of: chunk, as: UnsafeMutableRawPointer?.self)
    new.storeBytes(of: size, toByteOffset: 8, as: Int.self)
    chunk = new
    top = new + Self.chunkHeader
    end = new + size
    last = nil
    return true
  }
}
