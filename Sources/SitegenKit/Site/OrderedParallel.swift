import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Maps `items` on every core and returns the results in input order, so parallel stages
/// produce the same output as a loop would.
///
/// Each result is made in its place in the returned array: gathering per-chunk arrays and
/// joining them copied every result once more, a retain and a release of each reference it
/// holds (a parsed article holds dozens) and a second array's worth of fresh pages.
///
/// Each core takes the next few items as it gets free, rather than a fixed share: stages call
/// this hundreds of times (the link stage per 256 articles, the pages per 64), and each call
/// ends when its slowest core does. With eight fixed shares a call, a core waited up to a
/// whole share at every end (an article held up behind cmark-gfm's lock, a term page ten times
/// an article's size): about a tenth of a cold build's core time went idle.
func orderedParallelMap<T: Sendable, R: Sendable>(
  _ items: [T], _ transform: @Sendable (T) -> R
) -> [R] {
  guard items.count > 1 else { return items.map(transform) }
  let workers = min(items.count, max(1, System.activeProcessorCount))
  // Items taken at a time: one for the few large items of a stage's calls, more for a pass
  // over thousands of small ones, where taking them one by one would cost more than them.
  let batch = max(1, items.count / (workers * 64))
  let next = Atomic<Int>(0)
  return [R](unsafeUninitializedCapacity: items.count) { buffer, count in
    // Batches write disjoint ranges, and all of them are written before `concurrentPerform`
    // returns. A transform that traps ends the process, so no range is left unmade.
    // Two items at least (above), so the buffer has an address.
    let slots = Slots(base: buffer.baseAddress!)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let start = next.wrappingAdd(batch, ordering: .relaxed).oldValue
        guard start < items.count else { return }
        for i in start..<min(start + batch, items.count) {
          (slots.base + i).initialize(to: transform(items[i]))
        }
      }
    }
    count = items.count
  }
}

/// An array's storage being filled, handed to the workers that fill disjoint parts of it.
struct Slots<R>: @unchecked Sendable {
  let base: UnsafeMutablePointer<R>
}

enum System {
  static var activeProcessorCount: Int {
    if let value = Environment.value("SITEGEN_THREADS").flatMap(Int.init), value > 0 {
      return value
    }
    return sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 0 ? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) : 1
  }
}

/// Work started on another thread now, its result awaited later: the build cache is read during
/// the no-change check, and written while the pages render.
final class Background<T: Sendable>: Sendable {
  private enum State {
    case running
    case finished(T)
    case taken
  }

  private let state = Mutex<State>(.running)
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () -> T) {
    DispatchQueue.global().async {
      // Moved into the state, so that no copy lingers here once a reader may have taken it.
      var result = Optional(work())
      self.state.withLock { state in
        if let value = result.take() { state = .finished(value) }
      }
      self.done.signal()
    }
  }

  /// Waits for the work; later calls return the same value.
  var value: T { wait(taking: false) }

  /// Waits for the work and hands its value over: this object no longer holds it, so a large
  /// value is freed where its last user lets go of it, not wherever this object dies. Neither
  /// `value` nor `take()` may be called after.
  func take() -> T { wait(taking: true) }

  private func wait(taking: Bool) -> T {
    while true {
      let value = state.withLock { state -> T? in
        switch state {
        case .running: return nil
        case .finished(let value):
          if taking { state = .taken }
          return value
        case .taken: preconditionFailure("a Background's value was read after take()")
        }
      }
      if let value { return value }
      done.wait()
      done.signal()  // so that a later wait passes too
    }
  }
}

/// A value handed from one thread to another once. A value captured by a closure sent to
/// another thread is freed by whichever thread lets go of the closure last, which is usually
/// the sender: the worker is done with it at once. The worker empties a `Handover` instead, so
/// the value is freed there.
final class Handover<T: Sendable>: Sendable {
  private let value: Mutex<T?>
  init(_ value: consuming T) { self.value = Mutex(Optional(value)) }
  func take() -> T? { value.withLock { $0.take() } }
}

/// Lets go of `value` on another thread. Freeing a large site's values is tens of thousands of
/// releases (a one-article edit of a 10,000-article site spent 30-50 ms on them) that nothing
/// waits for. Through a `Handover`, and from an optional the caller gives up: a value still
/// held here would be freed here. In a process that exits after its build
/// (`ProcessMemory.keepUntilExit`) the value is not freed at all.
func releaseInBackground<T: Sendable>(_ value: inout T?) {
  guard let last = value.take() else { return }
  let handover = Handover(consume last)
  if ProcessMemory.isKeptUntilExit {
    // Retained once more and never released: the kernel takes the whole heap back at exit.
    _ = Unmanaged.passRetained(handover)
    return
  }
  DispatchQueue.global().async { _ = handover.take() }
}

/// Whether what a build lets go of at its end is freed.
public enum ProcessMemory {
  private static let kept = Atomic<Bool>(false)

  /// For a process that exits once its one build is done (`sitegen build`, `sitegen check`):
  /// the values a build lets go of at its end are left to the exit, as compilers do (clang's
  /// `-disable-free`). Freeing them was 4 % of the instructions of a one-article edit of a
  /// 10,000-article site, on a core the writing and the cache's write wanted too. Never for a
  /// process that builds again (the preview server): it would keep every build's memory.
  public static func keepUntilExit() { setKeptUntilExit(true) }

  static var isKeptUntilExit: Bool { kept.load(ordering: .relaxed) }

  /// Tests turn it off again.
  static func setKeptUntilExit(_ keeps: Bool) { kept.store(keeps, ordering: .relaxed) }
}
