import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SitegenKit

@Suite struct OrderedParallelTests {
  final class Payload: Sendable {
    let number: Int
    init(_ number: Int) { self.number = number }
  }

  @Test func resultsComeBackInInputOrder() {
    let input = Array(0..<1_000)
    #expect(orderedParallelMap(input) { $0 * 3 } == input.map { $0 * 3 })
  }

  /// Cores take items as they get free: every item is still made exactly once and lands in
  /// its place, whether the count divides into batches or not and whatever each one costs.
  @Test(arguments: [2, 3, 127, 128, 129, 5_000])
  func everyItemIsMadeOnceInItsPlace(count: Int) {
    let made = Mutex([Int](repeating: 0, count: count))
    let input = Array(0..<count)
    let output = orderedParallelMap(input) { i -> String in
      // A few items far slower than the rest, as a term page is beside an article's.
      if i % 97 == 0 { usleep(2_000) }
      made.withLock { $0[i] += 1 }
      return "item \(i)"
    }
    #expect(output == input.map { "item \($0)" })
    #expect(made.withLock { $0 } == [Int](repeating: 1, count: count))
  }

  @Test func backgroundValueCanBeReadTwice() {
    let work = Background { Payload(7) }
    #expect(work.value.number == 7)
    #expect(work.value === work.value)
  }

  /// After `take()` the last reference is the caller's: letting go of it frees the value there,
  /// which is what lets a build free its large cache off the main thread.
  @Test func takeHandsTheValueOver() {
    let work = Background { Payload(42) }
    weak var watched: Payload?
    do {
      let taken = work.take()
      watched = taken
      #expect(taken.number == 42)
    }
    #expect(watched == nil, "the Background still held the value")
    withExtendedLifetime(work) {}
  }

  /// The thread that takes a handed-over value frees it, though the sender still holds the
  /// `Handover` (as it holds the closure it sent): how a build frees its cache and report off
  /// the main thread.
  @Test func aHandedOverValueIsFreedWhereItIsTaken() {
    weak var watched: Payload?
    let handover: Handover<Payload>
    do {
      let payload = Payload(5)
      watched = payload
      handover = Handover(payload)
    }
    #expect(watched != nil)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      _ = handover.take()
      done.signal()
    }
    done.wait()
    #expect(watched == nil, "the sender's Handover still held the value")
    #expect(handover.take() == nil)
  }

  /// A value given up is freed on another thread; in a process that exits after its build it
  /// is never freed (`ProcessMemory.keepUntilExit`).
  @Test func aReleasedValueIsFreedUnlessKeptUntilExit() {
    final class Watched: Sendable {
      let freed: DispatchSemaphore
      init(_ freed: DispatchSemaphore) { self.freed = freed }
      deinit { freed.signal() }
    }
    let freed = DispatchSemaphore(value: 0)
    var value = Optional(Watched(freed))
    releaseInBackground(&value)
    #expect(value == nil)
    #expect(freed.wait(timeout: .now() + 10) == .success, "the value was never freed")

    ProcessMemory.setKeptUntilExit(true)
    defer { ProcessMemory.setKeptUntilExit(false) }
    let kept = DispatchSemaphore(value: 0)
    var keptValue = Optional(Watched(kept))
    releaseInBackground(&keptValue)
    #expect(keptValue == nil)
    #expect(kept.wait(timeout: .now() + 0.3) == .timedOut, "the value was freed")
  }
}
