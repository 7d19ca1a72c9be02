#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A state of its own for each thread that asks, found through a pthread key: the templates'
/// memos, which pages on every core fill and read at once, and which one lock would serialise.
/// Swift has no thread-local storage for values, and Foundation's (`Thread.threadDictionary`)
/// hashes a key on every lookup. Inlinable, as the memos that use it: the templates call them
/// for each item of a page from another module, where an unspecialised generic call cost some
/// 175 instructions each (16 M in a cold 1,000-article build).
public final class PerThread<State>: @unchecked Sendable {  // per-thread states only
  /// A thread's state, reached through a pointer: a class's `var` paid a dynamic exclusivity
  /// check on every read.
  @usableFromInline
  final class Box {
    @usableFromInline let state = UnsafeMutablePointer<State>.allocate(capacity: 1)

    @usableFromInline init(_ initial: State) { state.initialize(to: initial) }

    deinit {
      state.deinitialize(count: 1)
      state.deallocate()
    }
  }

  /// Never deleted: a deleted key's number can be handed out again while other threads still
  /// hold a state of another type in it. Each is made once (a few in the templates, a few in
  /// tests), far from the process's limit of keys.
  @usableFromInline let key: pthread_key_t
  @usableFromInline let initial: @Sendable () -> State

  public init(_ initial: @escaping @Sendable () -> State) {
    var key = pthread_key_t()
    // A pooled thread that ends lets go of its state.
    let created = pthread_key_create(&key) { raw in
      guard let raw else { return }
      Unmanaged<AnyObject>.fromOpaque(raw).release()
    }
    precondition(created == 0, "pthread_key_create failed")
    self.key = key
    self.initial = initial
  }

  /// `body(this thread's state)`, made on the thread's first call. The key holds the state for
  /// as long as the thread lives.
  @inlinable
  public func with<R>(_ body: (UnsafeMutablePointer<State>) -> R) -> R {
    if let raw = pthread_getspecific(key) {
      return body(Unmanaged<Box>.fromOpaque(raw)._withUnsafeGuaranteedRef { $0.state })
    }
    let box = Box(initial())
    pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
    return body(box.state)
  }
}
