/// A file of the built site: where it goes inside the output folder, and its bytes.
public struct RenderedPage: Sendable, Hashable {
  /// Relative, with `/`: `articles/talks/index.html`.
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public init(path: String, html: HTML) {
    self.init(path: path, bytes: Array(html.rendered.utf8))
  }

  /// Output paths are made from validated slugs; this is the last wall before the disk.
  var isContained: Bool {
    !path.isEmpty && !path.hasPrefix("/")
      && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
        !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") && !$0.contains("\0")
      }
  }
}
