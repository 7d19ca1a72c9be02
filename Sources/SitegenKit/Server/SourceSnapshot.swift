#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stamps of every file under some folders, taken in one walk.
///
/// `serve` polls: it takes a snapshot every 200 ms and compares. Polling works the same on Linux
/// and macOS, through editors that save by rename, in containers and on network folders where
/// inotify and FSEvents miss changes, and costs little: a site of a few thousand files is a few
/// thousand `lstat` calls per poll, under a millisecond each hundred files.
public struct SourceSnapshot: Sendable, Hashable {
  /// `folder + "/" + relative path` → stamp. Hidden files and folders are left out (editor swap
  /// files, `.build`), and links to folders are not followed.
  public private(set) var files: [String: FileStamp] = [:]
  /// Those of `files` that are symbolic links (their stamp is the link's own): every other one
  /// was a regular file when the snapshot was taken.
  public private(set) var links: Set<String> = []

  public init(folders: [String]) {
    // Listed first, then put in a table sized once: inserted as found, the table grew and
    // hashed every path again at each step (fourteen on the way to a 10,000-article site).
    var found: [(path: String, stamp: FileStamp)] = []
    for folder in folders { walk(folder, into: &found) }
    files.reserveCapacity(found.count)
    for (path, stamp) in found { files[path] = stamp }
  }

  public init(files: [String: FileStamp]) { self.files = files }

  /// Paths added, removed or changed since `old`, sorted.
  public func changes(since old: SourceSnapshot) -> [String] {
    var changed: [String] = []
    for (path, stamp) in files where old.files[path] != stamp { changed.append(path) }
    for path in old.files.keys where files[path] == nil { changed.append(path) }
    return changed.sorted()
  }

  private mutating func walk(_ folder: String, into found: inout [(path: String, stamp: FileStamp)])
  {
    guard let dir = opendir(folder) else { return }
    var subfolders: [String] = []
    let fd = dirfd(dir)
    while let entry = readdir(dir) {
      var st = stat()
      // By name in the open folder: a full path made the kernel walk every component again,
      // which was most of a 10,000-article site's no-change check.
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
        let bytes = raw.bindMemory(to: CChar.self)
        // Hidden names (".", "..", editors' swap files) are not sources.
        guard let base = bytes.baseAddress, base.pointee != 0x2E,
          fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0
        else { return nil }
        return String(cString: base)
      }
      guard let name else { continue }
      let path = String.path(folder, name)
      switch st.st_mode & S_IFMT {
      case S_IFDIR: subfolders.append(path)
      case S_IFREG: found.append((path, FileStamp(st)))
      case S_IFLNK:
        found.append((path, FileStamp(st)))
        links.insert(path)
      default: continue
      }
    }
    closedir(dir)
    for sub in subfolders { walk(sub, into: &found) }
  }

}

/// Which kind of rebuild a set of changed files calls for.
public struct SourceChanges: Sendable, Hashable {
  /// Markdown and `site.yml`: rebuild the site.
  public var content: [String] = []
  /// `Templates/assets/*`: served from the disk as they are, so open pages only reload.
  public var assets: [String] = []
  /// `Templates/**/*.swift`: the templates are compiled into sitegen; rebuild the package.
  public var swiftTemplates: [String] = []

  public var isEmpty: Bool { content.isEmpty && assets.isEmpty && swiftTemplates.isEmpty }

  /// Sorts `paths` (as `SourceSnapshot` names them) by the folder they are in.
  public init(_ paths: [String], contentFolder: String, templatesFolder: String) {
    for path in paths {
      if path.hasPrefix(contentFolder + "/") {
        content.append(path)
      } else if path.hasPrefix(templatesFolder + "/assets/") {
        assets.append(path)
      } else if path.hasPrefix(templatesFolder + "/"), path.hasSuffix(".swift") {
        swiftTemplates.append(path)
      }
    }
  }
}
