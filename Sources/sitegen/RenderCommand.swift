import ArgumentParser
import Foundation
import SitegenKit
import SitegenMarkdown

/// `sitegen render`: one Markdown document to an HTML fragment, through the articles' Markdown stage.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render", abstract: "Render one Markdown file (or stdin) to HTML on stdout.")

  @Argument(help: "The Markdown file; standard input when absent.") var file: String?
  @Flag(help: "Let raw HTML and every URL through (off: cmark's safe mode).") var unsafe = false
  @Flag(help: "Turn off smart punctuation.") var noSmart = false
  @Option(help: "Comma-separated extensions out of table,strikethrough,autolink,tagfilter,tasklist,footnotes (default: all; empty: none).")
  var extensions: String?
  @Flag(help: "Skip a leading YAML front-matter block.") var frontMatter = false

  func validate() throws {
    _ = try parsedExtensions()
  }

  func parsedExtensions() throws -> Set<GFMExtension> {
    guard let extensions else { return Set(GFMExtension.allCases) }
    var set = Set<GFMExtension>()
    for name in extensions.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
    where !name.isEmpty {
      guard let ext = GFMExtension(rawValue: name) else {
        throw ValidationError(
          "unknown extension '\(name)'; choose from \(GFMExtension.allCases.map(\.rawValue).joined(separator: ","))")
      }
      set.insert(ext)
    }
    return set
  }

  func run() throws {
    let bytes: [UInt8]
    let name = file ?? "<stdin>"
    if let file {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw failEnvironment(EnvironmentError("cannot read \(file)"))
      }
      bytes = [UInt8](data)
    } else {
      bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
    let source = SourceFile(relativePath: name, displayPath: name, bytes: bytes)
    var text: String
    switch SourceText.decode(source) {
    case .success(let decoded): text = decoded.text
    case .failure(let d):
      FileHandle.standardError.write(Data((DiagnosticFormat.text.format(d) + "\n").utf8))
      throw ExitCode(1)
    }
    if frontMatter, text.hasPrefix("---") {
      switch FrontMatterBlock.split(text, file: source) {
      case .success(let block): text = block.body
      case .failure(let d):
        FileHandle.standardError.write(Data((DiagnosticFormat.text.format(d) + "\n").utf8))
        throw ExitCode(1)
      }
    }
    let options = MarkdownOptions(
      extensions: try parsedExtensions(), smartPunctuation: !noSmart, unsafe: unsafe)
    FileHandle.standardOutput.write(Data(renderMarkdown(text, options: options).html.utf8))
  }
}
