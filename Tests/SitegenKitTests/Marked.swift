import SitegenKit

/// Fixture text with one `‸` where a diagnostic must point: tests say the place in the text, not
/// as line numbers that drift when the fixture changes.
struct Marked {
  let text: String
  let line: Int
  let column: Int

  init(_ marked: String) {
    var line = 1, column = 1, found = false
    var text = ""
    for c in marked {
      if c == "‸" {
        found = true
        continue
      }
      text.append(c)
      if !found {
        if c == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
    }
    precondition(found, "fixture needs a ‸ marker")
    self.text = text
    self.line = line
    self.column = column
  }

  func file(_ relativePath: String = "articles/sample.md") -> SourceFile {
    SourceFile(relativePath: relativePath, displayPath: "Content/" + relativePath, bytes: Array(text.utf8))
  }
}

func source(_ text: String, _ relativePath: String = "articles/sample.md") -> SourceFile {
  SourceFile(relativePath: relativePath, displayPath: "Content/" + relativePath, bytes: Array(text.utf8))
}
