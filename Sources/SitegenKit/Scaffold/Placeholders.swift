/// `content.placeholder`: front-matter values and body lines that still start with `TODO`, as
/// `sitegen new` leaves them. A warning, so a draft can sit half-written; `--strict` (CI) makes
/// it an error.
public enum Placeholders {
  /// The placeholders of one Markdown source, at their file line and column.
  public static func find(in file: SourceFile) -> [Diagnostic] {
    guard case .success(let text) = SourceText.decode(file),
      case .success(let block) = FrontMatterBlock.split(text.text, file: file)
    else { return [] }  // the parse stage reports unreadable files
    var found: [Diagnostic] = []
    let yamlLines = block.yaml.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, line) in yamlLines.enumerated() {
      guard let (key, column) = placeholderValue(in: line) else { continue }
      found.append(
        .warning(
          "content.placeholder",
          key.map { "'\($0)' is still a placeholder; replace the TODO" }
            ?? "this value is still a placeholder; replace the TODO",
          at: file.location(line: block.yamlFirstLine + i, column: column)))
    }
    var inFence = false
    for (i, line) in block.body.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
      guard !inFence, trimmed.hasPrefix("TODO") else { continue }
      found.append(
        .warning(
          "content.placeholder",
          "the text still has a placeholder here; write it or remove the TODO",
          at: file.location(line: block.bodyFirstLine + i, column: line.count - trimmed.count + 1)))
    }
    return found
  }

  /// `key: "TODO …"`, `key: [TODO …]` or `- TODO …`: the key (if any) and the 1-based column
  /// of the value.
  static func placeholderValue(in line: Substring) -> (String?, Int)? {
    let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
    var rest = line.dropFirst(indent)
    var key: String?
    if rest.hasPrefix("- ") {
      rest = rest.dropFirst(2)
    } else if let colon = rest.firstIndex(of: ":") {
      key = String(rest[..<colon])
      rest = rest[rest.index(after: colon)...]
    } else {
      return nil
    }
    let valueStart = rest.drop(while: { $0 == " " })
    let value = valueStart.drop(while: { $0 == "\"" || $0 == "'" || $0 == "[" || $0 == " " })
    guard value.hasPrefix("TODO") else { return nil }
    return (key, line.count - valueStart.count + 1)
  }
}
