import Foundation

/// Refuses output folders whose replacement would destroy something that is not a built site.
public enum OutputGuard {
  /// Throws when `output` is `/`, the home folder, the site root, the content or templates
  /// folder (or inside one), or a non-empty folder without sitegen's manifest.
  public static func check(output: String, content: String) throws {
    let out = canonical(output)
    let contentPath = canonical(content)
    let siteRoot = (contentPath as NSString).deletingLastPathComponent
    let home = ProcessInfo.processInfo.environment["HOME"].map(canonical)
    let forbidden: [(String?, String)] = [
      ("/", "the root folder"), (home, "your home folder"), (siteRoot, "the site's own folder"),
      (contentPath, "the content folder"), (siteRoot + "/Templates", "the Templates folder"),
    ]
    for (path, what) in forbidden where path == out {
      throw EnvironmentError("refusing to write the site into \(what) (\(output)); choose another --output")
    }
    if out.hasPrefix(contentPath + "/") || out.hasPrefix(siteRoot + "/Templates/") {
      throw EnvironmentError("refusing to write the site inside the sources (\(output)); choose another --output")
    }
    if contentPath.hasPrefix(out + "/") {
      throw EnvironmentError("refusing to write the site into a folder that holds the content (\(output))")
    }
    if POSIXFile.isDirectory(out) {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
      if !entries.isEmpty && !entries.contains(OutputWriter.manifestName) {
        throw EnvironmentError(
          "\(output) is not empty and was not made by sitegen; empty it, remove it, or choose another --output")
      }
    } else if POSIXFile.exists(out) {
      throw EnvironmentError("\(output) exists and is not a folder; choose another --output")
    }
  }

  /// Absolute, with links resolved as far as the path exists.
  static func canonical(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
      ? path : FileManager.default.currentDirectoryPath + "/" + path
    var url = URL(fileURLWithPath: absolute).standardizedFileURL
    var rest: [String] = []
    while !FileManager.default.fileExists(atPath: url.path) && url.path != "/" {
      rest.insert(url.lastPathComponent, at: 0)
      url.deleteLastPathComponent()
    }
    var resolved = url.resolvingSymlinksInPath().path
    for part in rest { resolved += (resolved.hasSuffix("/") ? "" : "/") + part }
    return resolved
  }
}
