/// Reads `swift build` output into diagnostics, so that a template that does not compile is
/// shown like a content error: in the terminal and in the page's overlay.
public enum CompilerOutput {
  /// The `path:line:col: error: message` lines of `output`, once each, in order; paths inside
  /// `root` are made relative to it. A failed build that names no place (a linker error) becomes
  /// one diagnostic with the output's last lines.
  public static func errors(in output: String, root: String) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    var found: [Diagnostic] = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
      guard let d = parse(line, root: root), seen.insert(d).inserted else { continue }
      found.append(d)
    }
    if found.isEmpty {
      let tail = output.split(separator: "\n").suffix(8).joined(separator: "\n")
      found.append(.error("swift.build", "swift build failed:\n\(tail)", at: nil))
    }
    return found
  }

  /// One compiler line: `/abs/Templates/Layout.swift:12:5: error: cannot find 'x' in scope`.
  /// Lines that start with a space (the excerpts and notes of Swift 6) are not messages.
  static func parse(_ line: Substring, root: String) -> Diagnostic? {
    guard let first = line.first, first != " ", first != "|" else { return nil }
    guard let marker = line.range(of: ": error: ") else { return nil }
    let place = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
    guard place.count >= 3, let lineNumber = Int(place[place.count - 2]),
      let column = Int(place[place.count - 1])
    else { return nil }
    var path = place.dropLast(2).joined(separator: ":")
    let prefix = root.hasSuffix("/") ? root : root + "/"
    if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
    let message = String(line[marker.upperBound...])
    return .error(
      "swift.compile", message, at: SourceLocation(path: path, line: lineNumber, column: column))
  }
}
