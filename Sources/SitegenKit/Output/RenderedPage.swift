/// A file of the built site: where it goes inside the output folder, and its bytes.
public struct RenderedPage: Sendable, Hashable {
  /// Relative, with `/`: `articles/talks/index.html`.
  public var path: String
  public let bytes: [UInt8]
  /// `ContentHash.of(bytes)`, taken where the page is made: pages are made on every core, and
  /// the writer, which compares it with the last build's, takes them on one thread.
  public let contentHash: UInt64
  /// A fingerprint of everything the file was made from, when the caller knows it: the next
  /// build keeps the file without rendering it when its inputs are the same
  /// (`OutputWriter.Session.reuse`).
  public var inputs: UInt64?

  public init(path: String, bytes: [UInt8], inputs: UInt64? = nil) {
    self.path = path
    self.bytes = bytes
    contentHash = ContentHash.of(bytes)
    self.inputs = inputs
  }

  public init(path: String, html: HTML, inputs: UInt64? = nil) {
    self.init(path: path, bytes: html.bytes, inputs: inputs)
  }

  /// Output paths are made from validated slugs; this is the last wall before the disk.
  var isContained: Bool {
    var path = path
    return path.withUTF8 { Self.isContained(utf8: $0) }
  }

  /// Also the wall for paths read back from a manifest, which the writer may delete: in bytes,
  /// since a manifest lists thousands. No component is empty, `.` or `..`, or holds `\` or NUL
  /// (bytes that never occur inside a longer UTF-8 character).
  static func isContained(utf8 path: UnsafeBufferPointer<UInt8>) -> Bool {
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    let backslash = UInt8(ascii: "\\")
    var start = 0
    for i in 0...path.count {
      if i < path.count && path[i] != slash {
        if path[i] == backslash || path[i] == 0 { return false }
        continue
      }
      let length = i - start
      if length == 0
        || (path[start] == dot && (length == 1 || (length == 2 && path[start + 1] == dot)))
      {
        return false
      }
      start = i + 1
    }
    return true
  }
}
