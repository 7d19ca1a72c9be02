import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The sources of one site, as the load stage found them.
public struct LoadedContent: Sendable {
  public var siteConfig: SourceFile?
  public var articles: [SourceFile]
  public var terms: [SourceFile]
  public var diagnostics: [Diagnostic]

  /// Sources made in memory: tests, benchmarks and fuzzers skip the disk.
  public init(
    siteConfig: SourceFile?, articles: [SourceFile], terms: [SourceFile],
    diagnostics: [Diagnostic] = []
  ) {
    self.siteConfig = siteConfig
    self.articles = articles
    self.terms = terms
    self.diagnostics = diagnostics
  }
}

/// Environment problems: the build cannot start or finish, whatever the content says.
public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The load stage: reads `site.yml`, `articles/*.md` and `glossary/*.md` under the content
/// folder. Everything else is reported, not guessed at: files that are not regular files,
/// symbolic links that lead out of the content folder, and names that differ only by case or
/// Unicode normalisation (they collide on macOS and Windows file systems).
public enum ContentLoader {
  /// `unchanged` says which files a previous build read with the same stamp (`FileStamp`): those
  /// are listed and checked but not read (`SourceFile.isUnread`). It is told each Markdown
  /// file's place among its folder's names in order (-1 for `site.yml`), where a cache that
  /// holds files in that order finds it without looking it up by path. `now` is the file clock's
  /// time, which says whose stamps are settled. `known`: a walk of the content folder just
  /// taken (the no-change check's); a regular file it found is not looked at again.
  public static func load(
    contentDirectory: String,
    unchanged: @Sendable (_ relativePath: String, FileStamp, _ place: Int) -> Bool = { _, _, _ in
      false
    },
    now: Int64 = FileStamp.now(), known: SourceSnapshot? = nil
  ) throws -> LoadedContent {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: contentDirectory, isDirectory: &isDir), isDir.boolValue else {
      throw EnvironmentError(
        "no content folder at '\(contentDirectory)': run sitegen in the site's folder or pass --content DIR"
      )
    }
    let display =
      contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
    let root = resolvedPath(display) ?? display
    var diagnostics: [Diagnostic] = []

    /// Reads one file that must be a regular file inside the content folder (links allowed).
    /// `folderInside`: its folder is known to resolve inside the content folder, so a file that
    /// is not a link is inside too and needs no `realpath` (a walk of every path component).
    /// `linkStatus`: the file's `lstat`, when the caller has it already; `regular`: the stamp
    /// of a file known to be a regular file, instead of an `lstat`; `path`: the file's path as
    /// shown, when the caller made it already (joining paths was a quarter of a large site's
    /// loading, so each is joined once).
    @Sendable func read(
      _ relative: String, path: String? = nil, place: Int = -1, folderInside: Bool = false,
      linkStatus: stat? = nil, regular: FileStamp? = nil
    ) -> Result<SourceFile, Diagnostic> {
      let path = path ?? display + "/" + relative
      var at: SourceLocation { SourceLocation(path: path, line: 1) }
      var info = linkStatus ?? stat()
      let found = regular != nil || linkStatus != nil || lstat(path, &info) == 0
      let isLink = regular == nil && found && info.st_mode & S_IFMT == S_IFLNK
      if isLink || !folderInside {
        // Every file, not only links: a linked articles/ folder leads out just as well.
        if isLink, resolvedPath(path) == nil {
          let problem = errno == ELOOP ? "is part of a loop of symbolic links" : "points to nothing"
          return .failure(
            .error(
              "load.broken-symlink",
              "this symbolic link \(problem); remove it or point it at a file",
              at: at))
        }
        if let target = resolvedPath(path), !target.hasPrefix(root + "/") {
          return .failure(
            .error(
              "load.symlink-outside",
              "this file is a symbolic link out of the content folder; copy the file in instead",
              at: at))
        }
      }
      // What lstat found is the file itself unless it is a link.
      guard (found && !isLink) || stat(path, &info) == 0 else {
        return .failure(
          .error(
            "load.unreadable",
            "cannot read this file (\(String(cString: strerror(errno)))); check its permissions",
            at: at))
      }
      // Checked before opening: opening a pipe would wait for a writer forever.
      guard regular != nil || info.st_mode & S_IFMT == S_IFREG else {
        return .failure(
          .error(
            "load.not-a-file", "this is not a regular file (a device, pipe or socket); remove it",
            at: at))
      }
      let stamp = regular ?? FileStamp(info)
      if unchanged(relative, stamp, place) {
        var file = SourceFile(relativePath: relative, displayPath: path, bytes: [])
        file.stamp = stamp
        file.isUnread = true
        return .success(file)
      }
      guard let bytes = POSIXFile.read(path) else {
        return .failure(
          .error(
            "load.unreadable", "cannot read this file; check its permissions", at: at))
      }
      var file = SourceFile(relativePath: relative, displayPath: path, bytes: bytes)
      // Taken before reading: a change while reading makes the next build's stamp differ.
      if stamp.isSettled(now: now) { file.stamp = stamp }
      return .success(file)
    }

    /// What one name in a content folder is: a source to read, or something to report.
    enum Entry: Sendable {
      case file(SourceFile)
      case problem(Diagnostic)
    }

    func markdownFiles(in folder: String) -> [SourceFile] {
      let dir = display + "/" + folder
      guard fm.fileExists(atPath: dir) else { return [] }
      let names: [String]
      do {
        names = try fm.contentsOfDirectory(atPath: dir)
      } catch {
        diagnostics.append(
          .error(
            "load.unreadable-folder", "cannot list this folder; check its permissions",
            at: SourceLocation(path: dir, line: 1)))
        return []
      }
      var candidates: [String] = []
      candidates.reserveCapacity(names.count)
      // Names of ASCII bytes without capitals (slugs, as most sites name their files) are each
      // their own case folding and have one normalisation: no two can collide, and their
      // bytes' order is Swift's. Sorted by `<` and folded one by one into a dictionary,
      // 10,000 of them were 20 M instructions on the way to a one-article edit's first stage;
      // sorted by their bytes, 9 M.
      let lowercaseASCII = names.allSatisfy { name in
        name.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }
      }
      // Swift compares strings by canonical equivalence, so NFC and NFD spellings meet here.
      var seen: [String: String] = [:]
      if !lowercaseASCII { seen.reserveCapacity(names.count) }
      for name in lowercaseASCII ? names.sortedByUTF8({ $0 }) : names.sorted()
      where !name.hasPrefix(".") {
        if lowercaseASCII {
          candidates.append(name)
          continue
        }
        let folded = name.lowercased()
        if let other = seen[folded] {
          let difference =
            name.lowercased().utf8.elementsEqual(other.lowercased().utf8)
            ? "differ only by case" : "are one name in two Unicode normalisations (NFC and NFD)"
          diagnostics.append(
            .error(
              "load.name-collision",
              "'\(name)' and '\(other)' \(difference), so they are one file on macOS and Windows; rename one",
              at: SourceLocation(path: dir + "/" + name, line: 1)))
          continue
        }
        seen[folded] = name
        candidates.append(name)
      }
      let folderInside = resolvedPath(dir).map { $0 == root || $0.hasPrefix(root + "/") } ?? false
      // Every name on every core: a file costs a few system calls, and a site has thousands.
      let entries = orderedParallelMap(Array(candidates.indices)) { [candidates] place -> Entry in
        let name = candidates[place]
        let path = String.path(dir, name)
        var at: SourceLocation { SourceLocation(path: path, line: 1) }
        // A regular file the no-change check's walk found a moment ago needs no `lstat` here.
        let regular = known.flatMap {
          // A set is hashed into even when empty, as it usually is here.
          !$0.links.isEmpty && $0.links.contains(path) ? nil : $0.files[path]
        }
        // Otherwise one `lstat` serves both this test and the read: a second call by full path
        // made the kernel walk the path again for each of a large site's files.
        var info = stat()
        let found = regular == nil && lstat(path, &info) == 0
        var target = info
        let isDirectory =
          found
          && (info.st_mode & S_IFMT == S_IFDIR
            || (info.st_mode & S_IFMT == S_IFLNK && stat(path, &target) == 0
              && target.st_mode & S_IFMT == S_IFDIR))
        if isDirectory && name.hasSuffix(".md") {
          return .problem(
            .error(
              "load.folder-named-md",
              "'\(name)' is a folder, not a Markdown file; rename it or move its contents up",
              at: at))
        } else if isDirectory {
          return .problem(
            .warning(
              "load.ignored-folder", "folders inside \(folder)/ are not read; move its files up",
              at: at))
        } else if name.hasSuffix(".md") {
          switch read(
            String.path(folder, name), path: path, place: place, folderInside: folderInside,
            linkStatus: found ? info : nil, regular: regular)
          {
          case .success(let file): return .file(file)
          case .failure(let problem): return .problem(problem)
          }
        } else {
          return .problem(
            .warning(
              "load.ignored-file",
              "only .md files in \(folder)/ are read; rename it or move it away",
              at: at))
        }
      }
      var files: [SourceFile] = []
      for entry in entries {
        switch entry {
        case .file(let file): files.append(file)
        case .problem(let problem): diagnostics.append(problem)
        }
      }
      return files
    }

    var site: SourceFile?
    var info = stat()
    if lstat(display + "/site.yml", &info) == 0 {
      switch read("site.yml") {
      case .success(let file): site = file
      case .failure(let problem): diagnostics.append(problem)
      }
    } else {
      diagnostics.append(
        .error(
          "site.missing", "no site.yml: create it with at least 'title' and 'base_url'",
          at: SourceLocation(path: display + "/site.yml", line: 1)))
    }
    return LoadedContent(
      siteConfig: site, articles: markdownFiles(in: "articles"),
      terms: markdownFiles(in: "glossary"),
      diagnostics: diagnostics)
  }

  /// The absolute path with every link followed, or nil (errno says why: ELOOP, ENOENT).
  static func resolvedPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
