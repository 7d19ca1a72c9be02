#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension OutputWriter {
  /// The tree the output held before the last swap, kept to be brought up to date by the next
  /// build. Trusted only while it carries its manifest, which goes before the first change and
  /// comes back last, so a build killed halfway leaves a tree the next one clears.
  struct SpareTree: Sendable {
    /// Every file the manifest lists, intact or not: each is kept, replaced or removed.
    private(set) var listed: Set<PathKey> = []
    /// The listed files as their build left them.
    private(set) var intact: [PathKey: ManifestEntry] = [:]
    /// Every folder holding a listed file, each checked to be a real folder; "" is the root.
    private(set) var folders: Set<PathKey> = []
    /// Folders modified (or re-moded) since the manifest: they may hold files nobody listed,
    /// which would otherwise be published with the next site.
    private(set) var dirtyFolders: [String] = []

    func holds(_ path: PathKey, _ entry: ManifestEntry) -> Bool {
      intact[path]?.hasSameBytes(as: entry) == true
    }

    func isListed(_ path: PathKey) -> Bool { listed.contains(path) || folders.contains(path) }

    /// Nil when `root` is not a real folder carrying a well-formed manifest, or a folder of it
    /// is not a real folder (a link could lead the writes out of the tree).
    static func open(_ root: String) -> SpareTree? {
      guard let st = POSIXFile.status(root), POSIXFile.isFolder(st),
        let manifest = Manifest.read(root), manifest.malformedLines == 0
      else { return nil }
      var tree = SpareTree()
      tree.listed = Set(manifest.files.map { PathKey($0.path) })
      tree.intact = manifest.intactEntries(in: root)
      tree.folders = [PathKey("")]
      for key in tree.listed {
        // Up from the file until a folder already known: most files share theirs. Each folder
        // is made as a string only when it is looked up (`folders(of:)` made them all).
        let path = key.path
        let utf8 = path.utf8
        var end = utf8.endIndex
        while let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
          if !tree.folders.insert(PathKey(String(path[..<slash]))).inserted { break }
          end = slash
        }
      }
      guard
        let dirty = dirty(tree.folders.map(\.path), in: root, since: manifest.written)
      else {
        return nil
      }
      tree.dirtyFolders = dirty
      return tree
    }

    /// The dirty ones, from one `lstat` each on every core (from the root's descriptor); nil
    /// when one is not a real folder.
    private static func dirty(_ all: [String], in root: String, since: POSIXFile.Instant)
      -> [String]?
    {
      guard let statuses = POSIXFile.statuses(in: root, of: all) else { return nil }
      var dirty: [String] = []
      for (folder, st) in zip(all, statuses) {
        guard let st, st.isFolder else { return nil }
        if st.modified > since || st.permissions != 0o755 {
          dirty.append(folder)
        }
      }
      return dirty
    }

    /// Makes the tree untrusted, then takes out whatever nobody listed: from then on, everything
    /// in it is listed or made by this build.
    func prepareForChanges(at root: String) throws {
      let manifest = root + "/" + OutputWriter.manifestName
      guard unlink(manifest) == 0 || errno == ENOENT else {
        throw EnvironmentError("cannot remove \(manifest): \(POSIXFile.errorText())")
      }
      for folder in dirtyFolders {
        let path = folder.isEmpty ? root : root + "/" + folder
        chmod(path, 0o755)
        for name in POSIXFile.names(in: path) {
          let child = PathKey(folder.isEmpty ? name : folder + "/" + name)
          if !listed.contains(child) && !folders.contains(child) {
            try POSIXFile.clear(path + "/" + name)
          }
        }
      }
    }
  }
}
