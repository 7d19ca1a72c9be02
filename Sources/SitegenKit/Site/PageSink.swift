/// Where the render stage puts files: the output writer's session in a build, a list in tests.
public protocol PageSink {
  associatedtype Failure: Error
  /// The previous build's file at `path`, when it was made from the same `inputs`: its bytes'
  /// hash, and the file is kept without being rendered. Nil: render it and `add` it.
  func reuse(path: String, inputs: UInt64) -> UInt64?
  func add(_ pages: [RenderedPage]) throws(Failure)
  /// The articles are parsed: what the sink will need for the pages may begin, beside the
  /// stages left.
  func prepare()
}

extension PageSink {
  public func prepare() {}
}

/// Every page rendered, none reused: the whole site in memory.
final class CollectedPages: PageSink {
  private(set) var pages: [RenderedPage] = []
  func reuse(path: String, inputs: UInt64) -> UInt64? { nil }
  func add(_ pages: [RenderedPage]) { self.pages += pages }
}

/// Nothing rendered is kept (`check`).
struct DiscardedPages: PageSink {
  func reuse(path: String, inputs: UInt64) -> UInt64? { nil }
  func add(_ pages: [RenderedPage]) {}
}

extension OutputWriter.Session: PageSink {}
