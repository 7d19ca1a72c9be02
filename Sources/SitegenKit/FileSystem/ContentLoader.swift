import Foundation

/// The sources of one site, as the load stage found them.
public struct LoadedContent: Sendable {
  public var siteConfig: SourceFile?
  public var articles: [SourceFile]
  public var terms: [SourceFile]
  public var diagnostics: [Diagnostic]
}

/// Environment problems: the build cannot start or finish, whatever the content says.
public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The load stage: reads `site.yml`, `articles/*.md` and `glossary/*.md` under the content
/// folder. Everything else is reported, not guessed at.
public enum ContentLoader {
  public static func load(contentDirectory: String) throws -> LoadedContent {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: contentDirectory, isDirectory: &isDir), isDir.boolValue else {
      throw EnvironmentError(
        "no content folder at '\(contentDirectory)': run sitegen in the site's folder or pass --content DIR")
    }
    let display = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
    var diagnostics: [Diagnostic] = []

    func read(_ relative: String) -> SourceFile? {
      let path = display + "/" + relative
      guard let data = fm.contents(atPath: path) else {
        diagnostics.append(.error(
          "load.unreadable", "cannot read this file; check its permissions",
          at: SourceLocation(path: path, line: 1)))
        return nil
      }
      return SourceFile(relativePath: relative, displayPath: path, bytes: [UInt8](data))
    }

    func markdownFiles(in folder: String) -> [SourceFile] {
      let dir = display + "/" + folder
      guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return [] }
      var files: [SourceFile] = []
      for name in names.sorted() where !name.hasPrefix(".") {
        let relative = folder + "/" + name
        var isDirectory: ObjCBool = false
        _ = fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory)
        if isDirectory.boolValue {
          diagnostics.append(.warning(
            "load.ignored-folder", "folders inside \(folder)/ are not read; move its files up",
            at: SourceLocation(path: dir + "/" + name, line: 1)))
        } else if name.hasSuffix(".md") {
          if let file = read(relative) { files.append(file) }
        } else {
          diagnostics.append(.warning(
            "load.ignored-file", "only .md files in \(folder)/ are read; rename it or move it away",
            at: SourceLocation(path: dir + "/" + name, line: 1)))
        }
      }
      return files
    }

    var site: SourceFile?
    if fm.fileExists(atPath: display + "/site.yml") {
      site = read("site.yml")
    } else {
      diagnostics.append(.error(
        "site.missing", "no site.yml: create it with at least 'title' and 'base_url'",
        at: SourceLocation(path: display + "/site.yml", line: 1)))
    }
    return LoadedContent(
      siteConfig: site, articles: markdownFiles(in: "articles"), terms: markdownFiles(in: "glossary"),
      diagnostics: diagnostics)
  }
}
