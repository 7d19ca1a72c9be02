import ArgumentParser
import Foundation
import SitegenKit

extension ScaffoldKind: ExpressibleByArgument {}

/// `sitegen new article "Title"` / `sitegen new term "Name"`: a file to fill in.
struct NewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Create an article or a glossary term with valid front matter and TODO placeholders.",
    discussion: """
      The slug comes from the title; the date is today (SOURCE_DATE_EPOCH when set). \
      `sitegen check` warns about every TODO left. An existing file is never overwritten.
      """)

  @Argument(help: "article or term.") var kind: ScaffoldKind
  @Argument(help: "The article's title or the term's name.") var title: String
  @Option(help: "The content folder.") var content = "Content"

  func validate() throws {
    if Scaffold(kind, title: title, now: 0) == nil {
      throw ValidationError(
        "the \(kind == .article ? "title" : "name") needs at least one letter or digit")
    }
  }

  func run() throws {
    guard let scaffold = Scaffold(kind, title: title, now: Environment.now()) else { return }
    do {
      print(try scaffold.write(contentDirectory: content))
    } catch {
      throw failEnvironment(error)
    }
  }
}
