/// One file of the site's sources as read from disk.
public struct SourceFile: Sendable, Hashable {
  /// Path inside the content folder, with `/`: `articles/talks.md`.
  public var relativePath: String
  /// Path as shown in diagnostics: the content folder as the user named it, plus `relativePath`.
  public var displayPath: String
  public var bytes: [UInt8]
  /// The file's stamp when the loader read it and the stamp can vouch for the bytes
  /// (`FileStamp.isSettled`): what the next build compares to skip reading it.
  var stamp: FileStamp?
  /// The loader did not read the file: its stamp matched the one a previous build read it with,
  /// so the build cache holds what the file gave (`bytes` is empty).
  var isUnread = false

  public init(relativePath: String, displayPath: String, bytes: [UInt8]) {
    self.relativePath = relativePath
    self.displayPath = displayPath
    self.bytes = bytes
  }

  /// The file name without its extension: the default slug.
  public var stem: String {
    // Over UTF-8: splitting the path into Strings by Characters cost 10,000 instructions a file.
    let utf8 = relativePath.utf8
    var end = utf8.endIndex
    while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") {
      end = utf8.index(before: end)
    }
    let start =
      utf8[..<end].lastIndex(of: UInt8(ascii: "/")).map(utf8.index(after:)) ?? utf8.startIndex
    let dot = utf8[start..<end].lastIndex(of: UInt8(ascii: ".")) ?? end
    return String(Substring(utf8[start..<dot]))
  }

  public func location(line: Int, column: Int = 1) -> SourceLocation {
    SourceLocation(path: displayPath, line: line, column: column)
  }
}
