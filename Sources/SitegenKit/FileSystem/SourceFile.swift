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
    let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
    guard let dot = name.lastIndex(of: ".") else { return name }
    return String(name[..<dot])
  }

  public func location(line: Int, column: Int = 1) -> SourceLocation {
    SourceLocation(path: displayPath, line: line, column: column)
  }
}
