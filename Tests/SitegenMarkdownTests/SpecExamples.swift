import Foundation

/// One example of the GFM spec files: Markdown, expected HTML and the extensions its header names.
struct SpecExample: Sendable, CustomStringConvertible {
  var file: String
  var number: Int
  var line: Int
  var extensions: [String]
  var markdown: String
  var html: String
  var description: String { "\(file) example \(number) (line \(line))" }
}

/// Reads `../shared/spec/` beside the repository (or `SITEGEN_SPEC_DIR`).
enum SpecExamples {
  static let directory: URL = {
    if let dir = ProcessInfo.processInfo.environment["SITEGEN_SPEC_DIR"] {
      return URL(fileURLWithPath: dir)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared/spec")
  }()

  static var available: Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent("spec.txt").path)
  }

  static func load(_ name: String) -> [SpecExample] {
    guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
      let text = String(data: data, encoding: .utf8)
    else { return [] }
    let fence = String(repeating: "`", count: 32)
    var examples: [SpecExample] = []
    var state = 0  // 0 outside, 1 markdown, 2 html
    var markdown = "", html = "", extensions: [String] = [], startLine = 0
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if state == 0, line.hasPrefix(fence + " example") {
        extensions = line.dropFirst(fence.count + 8).split(separator: " ").map(String.init)
        markdown = ""; html = ""; state = 1; startLine = index + 1
      } else if state == 1, line == "." {
        state = 2
      } else if state == 1 {
        markdown += line.replacingOccurrences(of: "→", with: "\t") + "\n"
      } else if state == 2, line == fence {
        examples.append(SpecExample(
          file: name, number: examples.count + 1, line: startLine, extensions: extensions,
          markdown: markdown, html: html))
        state = 0
      } else if state == 2 {
        html += line.replacingOccurrences(of: "→", with: "\t") + "\n"
      }
    }
    return examples
  }
}
