/// A Markdown file cut into its YAML front matter and its body, with the file lines of each.
public struct FrontMatterBlock: Sendable {
  /// The YAML between the `---` lines.
  public var yaml: String
  /// File line of the first YAML line (2 when the file starts with `---`).
  public var yamlFirstLine: Int
  public var body: String
  /// File line of the body's first line.
  public var bodyFirstLine: Int

  /// Splits `text`; a missing or unclosed block is an error at the place to fix.
  public static func split(_ text: String, file: SourceFile) -> Result<FrontMatterBlock, Diagnostic>
  {
    // Split on bytes: Character splitting is slow, and "\r\n" is gone already.
    var lines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { Substring($0) }
    guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
      return .failure(.error(
        "front-matter.missing",
        "the file must start with front matter: a line '---', YAML keys, and a closing '---'",
        at: file.location(line: 1)))
    }
    lines.removeFirst()
    guard let close = lines.firstIndex(where: { $0.trimmingTrailingSpaces() == "---" || $0 == "..." })
    else {
      return .failure(.error(
        "front-matter.unterminated",
        "front matter opened here is never closed; add a line '---' after the last key",
        at: file.location(line: 1)))
    }
    let yaml = lines[..<close].joined(separator: "\n")
    let body = lines[(close + 1)...].joined(separator: "\n")
    return .success(FrontMatterBlock(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 3))
  }
}

extension Substring {
  func trimmingTrailingSpaces() -> Substring {
    var s = self
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return s
  }
}
