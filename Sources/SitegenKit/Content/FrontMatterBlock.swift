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
    // Walk lines on bytes ("\r\n" is gone already) only as far as the closing line: the body
    // is one slice of the text, not split into lines and joined again.
    let utf8 = text.utf8
    var lineStart = utf8.startIndex
    var yamlStart = lineStart
    var lineNumber = 1
    while true {
      let lineEnd = utf8[lineStart...].firstIndex(of: 10) ?? utf8.endIndex
      let line = Substring(utf8[lineStart..<lineEnd]).trimmingTrailingSpaces()
      let next = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
      if lineNumber == 1 {
        guard line == "---" else {
          return .failure(.error(
            "front-matter.missing",
            "the file must start with front matter: a line '---', YAML keys, and a closing '---'",
            at: file.location(line: 1)))
        }
        yamlStart = next
      } else if line == "---" || line == "..." {
        // The YAML ends before the newline that ends its last line.
        let yamlEnd = lineStart > yamlStart ? utf8.index(before: lineStart) : yamlStart
        return .success(FrontMatterBlock(
          yaml: String(text[yamlStart..<yamlEnd]), yamlFirstLine: 2, body: String(text[next...]),
          bodyFirstLine: lineNumber + 1))
      }
      guard lineEnd < utf8.endIndex else {
        return .failure(.error(
          "front-matter.unterminated",
          "front matter opened here is never closed; add a line '---' after the last key",
          at: file.location(line: 1)))
      }
      lineStart = next
      lineNumber += 1
    }
  }
}

extension Substring {
  func trimmingTrailingSpaces() -> Substring {
    var s = self
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return s
  }
}
