import FlyingSocks
import SitegenKit
import Synchronization

/// Fans live-reload events out to every open page, and remembers the errors on show so that a
/// page opened (or reloaded) while the build is broken gets the overlay too.
final class EventHub: Sendable {
  private struct State {
    var nextID = 0
    var subscribers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    var errors: [Diagnostic] = []
  }

  /// Changes with every process, so pages reload after a restart on a new binary.
  let serverID: String
  private let state = Mutex(State())

  init(serverID: String) {
    self.serverID = serverID
  }

  var subscriberCount: Int { state.withLock { $0.subscribers.count } }

  /// A new page's stream: `hello`, then the errors on show, then every event published.
  func subscribe() -> AsyncStream<[UInt8]> {
    // Bounded: a page that stops reading loses old events, never the server's memory.
    let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(
      bufferingPolicy: .bufferingNewest(32))
    let id = state.withLock { s in
      s.nextID += 1
      s.subscribers[s.nextID] = continuation
      // Yielded under the lock so no event can overtake `hello`.
      continuation.yield(Array(LiveReload.encode(.hello(server: serverID)).utf8))
      if !s.errors.isEmpty {
        continuation.yield(Array(LiveReload.encode(.diagnostics(s.errors)).utf8))
      }
      return s.nextID
    }
    continuation.onTermination = { [weak self] _ in
      _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
    }
    return stream
  }

  func publish(_ event: LiveReload.Event) {
    let bytes = Array(LiveReload.encode(event).utf8)
    state.withLock { s in
      if case .diagnostics(let list) = event { s.errors = list }
      for continuation in s.subscribers.values { continuation.yield(bytes) }
    }
  }

  /// A comment line to every page: finds connections the browser has closed.
  func heartbeat() {
    let bytes = Array(LiveReload.heartbeat.utf8)
    state.withLock { s in
      for continuation in s.subscribers.values { continuation.yield(bytes) }
    }
  }

  /// Ends every stream (outside the lock: `finish` runs `onTermination`, which takes it).
  func closeAll() {
    let all = state.withLock { s in
      defer { s.subscribers.removeAll() }
      return Array(s.subscribers.values)
    }
    for continuation in all { continuation.finish() }
  }
}

/// An event stream as the bytes of a chunked HTTP body: each event goes out as soon as it is
/// published.
struct EventBytes: AsyncBufferedSequence, Sendable {
  typealias Element = UInt8
  let events: AsyncStream<[UInt8]>

  func makeAsyncIterator() -> Iterator { Iterator(events: events.makeAsyncIterator()) }

  struct Iterator: AsyncBufferedIteratorProtocol {
    var events: AsyncStream<[UInt8]>.Iterator
    var pending: ArraySlice<UInt8> = []

    mutating func next() async -> UInt8? {
      guard let buffer = await nextBuffer(suggested: 1) else { return nil }
      return buffer.first
    }

    mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
      if pending.isEmpty {
        guard let event = await events.next() else { return nil }
        pending = event[...]
      }
      let part = pending.prefix(Swift.max(count, 1))
      pending = pending.dropFirst(part.count)
      return Array(part)
    }
  }
}
