#if canImport(Glibc)
  import CFileSystem
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the write stage did.
public struct WriteSummary: Sendable, Hashable {
  public var written: Int
  public var unchanged: Int
  public var removed: Int
}

/// The write stage: puts a whole site in the output folder so that, at every instant, the folder
/// holds the whole old site or the whole new one.
///
/// The new site is assembled beside the output, in the tree the output held before the last
/// swap (the spare, `.Public.sitegen-spare`): files the spare already holds stay, files the live
/// site holds are hard-linked from it, and only new bytes are written; then the two folders are
/// swapped with one `renameat2(RENAME_EXCHANGE)` and the tree that was live becomes the next
/// spare. So a build's disk work follows what changed in the last two builds, not the size of the
/// site. Files arrive in chunks (`Session.add`), so a large site is never all in memory, and a
/// file whose inputs did not change need not be rendered at all (`Session.reuse`). Whether a file
/// changed is read from the manifests (hash, size and inputs per file); when nothing changed,
/// nothing is assembled and the output is not touched. Leftovers of a killed build are cleared,
/// or reused when their manifest vouches for them.
public struct OutputWriter: Sendable {
  /// The file that marks a folder as made by sitegen, listing what it wrote:
  /// `hash size inputs path`.
  public static let manifestName = ".sitegen-manifest"

  public let output: String

  public init(output: String) {
    self.output = output.hasSuffix("/") && output.count > 1 ? String(output.dropLast()) : output
  }

  func sibling(_ role: String) -> String {
    let parts = output.split(separator: "/", omittingEmptySubsequences: false)
    let name = parts.last.map(String.init) ?? output
    let parent = parts.dropLast().joined(separator: "/")
    return (parent.isEmpty && output.hasPrefix("/") ? "" : parent.isEmpty ? "." : parent)
      + "/.\(name).sitegen-\(role)"
  }

  /// Writes a whole site at once (small sites, the preview server, tests).
  public func write(_ pages: [RenderedPage]) throws -> WriteSummary {
    let session = try begin()
    try session.add(pages)
    return try session.commit()
  }

  /// Does every file the manifest lists (and `fileCount` of them) exist as it was written?
  func isIntact(fileCount: Int) -> Bool {
    (Manifest.read(output)?.intactEntries(in: output).count ?? 0) == fileCount
  }

  /// Takes the output's lock and reads what the previous build wrote.
  public func begin() throws -> Session { try Session(writer: self) }

  /// The folders above a site-relative path, outermost first: `a/b/c.html` → `a`, `a/b`.
  static func folders(of path: String) -> [String] {
    // Over UTF-8: searching the `Character` view for "/" broke graphemes at every step, 12,000
    // instructions a path.
    var out: [String] = []
    let utf8 = path.utf8
    var index = utf8.startIndex
    while let slash = utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
      out.append(String(path[..<slash]))
      index = utf8.index(after: slash)
    }
    return out
  }

  /// One build's writing; used from one thread (its own writes fan out to every core).
  public final class Session {
    let writer: OutputWriter
    private let lock: BuildLock
    /// Where the new site is assembled: the tree the output held before the last swap.
    private let spare: String
    /// The live site's files that are as the previous build left them: its manifest and an
    /// `lstat` of each file (10,000 on a 10,000-article site), read on another thread from
    /// `prepare()` on (see `opening`). The stages before the first page (load, parse, link)
    /// need none of it, and a one-article edit spent 20-30 ms waiting for it there.
    private var reading: Background<[PathKey: ManifestEntry]>?
    private var read: [PathKey: ManifestEntry]?
    private var previous: [PathKey: ManifestEntry] {
      if let read { return read }
      prepare()
      let entries = reading?.take() ?? [:]
      read = entries
      return entries
    }
    /// What the spare holds: used once assembling starts.
    private var base = SpareTree()
    /// The spare, opened on another thread once `prepare()` is called (the pipeline calls it
    /// when the articles are parsed), or when assembling starts. Opening it is an `lstat` of
    /// each of its files and folders (20,000 on a 10,000-article site): read beside the stages
    /// before the first changed page, it is off the path of a one-article edit. Begun with the
    /// session, it took a core from the no-change check, the cache's decoding and the loader,
    /// which an edit waits for; in the stages after the parse the build's thread works mostly
    /// alone.
    /// Nothing writes to the spare before assembling starts, so what it finds still holds then.
    private var opening: Background<SpareTree?>?
    /// Folders that exist in the spare.
    private var folders = Set<PathKey>()
    private var manifest: [(path: PathKey, entry: ManifestEntry)] = []
    /// Files the live site already holds as they should be, not yet placed in the spare: until
    /// something differs, the spare is not touched.
    private var pending: [(path: PathKey, entry: ManifestEntry)] = []
    private var assembling = false
    private var written = 0
    /// A file kept its bytes but was made from other inputs: the manifest must say so.
    private var inputsChanged = false
    private var committed = false
    private var finished = false

    init(writer: OutputWriter) throws {
      self.writer = writer
      spare = writer.sibling("spare")
      lock = try BuildLock(path: writer.sibling("lock"))
      // Left by a build killed while an older sitegen assembled from scratch there.
      POSIXFile.removeTree(writer.sibling("staging"))
    }

    deinit { finish() }

    /// Clears what an uncommitted session half-changed and lets the next build in.
    private func finish() {
      guard !finished else { return }
      finished = true
      if !assembling { _ = opening?.take() }  // no reading the spare once the next build may write it
      if !committed && assembling { POSIXFile.removeTree(spare) }
      lock.release()
      // A site's worth of paths, freed on the session's thread, was 5 ms of a one-article edit.
      // `read` is left empty, not nil: nil would make `previous` wait for `reading` again.
      var memory = Optional((read, manifest, base, folders))
      (read, manifest, base, folders) = (read == nil ? nil : [:], [], SpareTree(), [])
      releaseInBackground(&memory)
    }

    /// The file at `path` is the same as in the previous build if its inputs are: keep it without
    /// rendering. Returns the previous bytes' hash (for callers that track changes), or nil when
    /// the page must be rendered and `add`ed.
    public func reuse(path: String, inputs: UInt64) -> UInt64? {
      let key = PathKey(path)
      guard let old = previous[key], old.inputs == inputs else { return nil }
      manifest.append((key, old))
      pending.append((key, old))
      return old.hash
    }

    public func add(_ pages: [RenderedPage]) throws {
      var changed: [(page: RenderedPage, key: PathKey, entry: ManifestEntry)] = []
      for page in pages {
        precondition(page.isContained, "output path '\(page.path)' would leave the output folder")
        let entry = ManifestEntry(
          hash: page.contentHash, size: page.bytes.count, inputs: page.inputs)
        let key = PathKey(page.path)
        manifest.append((key, entry))
        if let old = previous[key], old.hasSameBytes(as: entry) {
          if old.inputs != entry.inputs { inputsChanged = true }
          pending.append((key, entry))
        } else {
          changed.append((page, key, entry))
        }
      }
      written += changed.count
      if !assembling && changed.isEmpty { return }
      if !assembling { try startAssembling() }
      try place(changed)
    }

    /// Swaps the new site in, or leaves the output alone when nothing changed.
    public func commit() throws -> WriteSummary {
      defer { finish() }
      let paths = Set(manifest.map(\.path))
      let removed = previous.keys.count(where: { !paths.contains($0) })
      let unchanged = manifest.count - written
      let summary = WriteSummary(written: written, unchanged: unchanged, removed: removed)
      if !assembling && removed == 0 && !inputsChanged && !previous.isEmpty {
        committed = true
        return summary
      }
      if !assembling { try startAssembling() }
      try place([])
      try removeLeftovers(keeping: paths)
      let text = Manifest.text(manifest)
      try Self.replace(spare + "/" + OutputWriter.manifestName, listed: true) {
        try POSIXFile.create(text, at: $0)
      }
      try swapIn()
      committed = true
      // Whatever changes in the site from now on (a script run right after the build) is dated
      // later than the manifest: that is how the build that takes this tree as its spare tells
      // such changes from its own.
      POSIXFile.status(writer.output + "/" + OutputWriter.manifestName)
        .map(POSIXFile.Instant.init)?.waitUntilPast()
      return summary
    }

    /// Begins reading the live site's manifest and opening the spare, each on another thread,
    /// if not yet begun.
    public func prepare() {
      if reading == nil && read == nil {
        let output = writer.output
        reading = Background { Manifest.read(output)?.intactEntries(in: output) ?? [:] }
      }
      if opening == nil {
        let spare = self.spare
        opening = Background { SpareTree.open(spare) }
      }
    }

    /// Opens the spare for changes, or makes an empty one when it cannot be trusted.
    private func startAssembling() throws {
      assembling = true
      prepare()
      if let tree = opening?.take() {
        try tree.prepareForChanges(at: spare)
        base = tree
      } else {
        POSIXFile.removeTree(spare)
        try POSIXFile.makeDirectory(spare)
      }
      folders = base.folders
    }

    /// Brings the spare's copy of these files (and of the pending ones) up to date.
    private func place(_ changed: [(page: RenderedPage, key: PathKey, entry: ManifestEntry)])
      throws
    {
      let base = self.base
      let writeKeys = changed.filter { !base.holds($0.key, $0.entry) }
      let writes = writeKeys.map(\.page)
      let links = pending.filter { !base.holds($0.path, $0.entry) }.map(\.path)
      pending = []
      let own = try makeFolders(for: writes.map(\.path) + links.map(\.path))
      let spare = self.spare
      let output = writer.output
      let writeFailures = orderedParallelMap(Array(writes.indices)) { i in
        Self.failure {
          if let folder = own[i] { try Self.makeFolder(String.path(spare, folder)) }
          try Self.replace(
            String.path(spare, writes[i].path), listed: base.isListed(writeKeys[i].key)
          ) {
            try POSIXFile.create(writes[i].bytes, at: $0)
          }
        }
      }
      let linkFailures = orderedParallelMap(Array(links.indices)) { i in
        Self.failure {
          if let folder = own[writes.count + i] { try Self.makeFolder(String.path(spare, folder)) }
          try Self.replace(String.path(spare, links[i].path), listed: base.isListed(links[i])) {
            try Self.link(String.path(output, links[i].path), to: $0)
          }
        }
      }
      if let failure = (writeFailures + linkFailures).compactMap({ $0 }).first {
        throw EnvironmentError(failure)
      }
    }

    /// Puts a new file at `target` with `make`, which says false when something is in the way;
    /// what was there is unlinked, never written to: it may be the live site's file too.
    private static func replace(
      _ target: String, listed: Bool, with make: (String) throws -> Bool
    ) throws {
      if listed { try POSIXFile.clear(target) }
      if try make(target) { return }
      // Something nobody listed is in the way: it belongs to no site.
      try POSIXFile.clear(target)
      guard try make(target) else { throw EnvironmentError("cannot create \(target): it exists") }
    }

    private static func failure(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch {
        return "\(error)"
      }
    }

    private static func link(_ source: String, to target: String) throws -> Bool {
      if Glibc.link(source, target) == 0 { return true }
      if errno == EEXIST { return false }
      // The bytes are not in memory any more: say so; the manifest check makes the next
      // build write the file anew.
      throw EnvironmentError("cannot link \(source) into the new site: \(POSIXFile.errorText())")
    }

    /// Makes the new folders `paths` need, parents first, except each path's own folder when
    /// no other path is in it (an article's, a term's): that one is returned, for the path's
    /// write to make on its core, beside the other core's writes.
    ///
    /// Folders of one depth share a parent, and mkdir holds the parent's lock while ext4 looks
    /// for a free inode (slow on this machine kind's journal-less ext4 after many deletions,
    /// which it skips one by one): two cores making folders in one parent only spin on that
    /// lock. Made all in parallel, a cold 10,000-article build once spent 18–20 s of system time
    /// against 7–15 s made serially (perf: `rwsem_spin_on_owner` 18–22 % of samples). Made all
    /// here on one thread, they kept the other core idle for a tenth of a cold build.
    private func makeFolders(for paths: [String]) throws -> [String?] {
      var newFolders: [String] = []
      /// New folder → the one path in it, or -1 when several paths need it.
      var user: [String: Int] = [:]
      for (i, path) in paths.enumerated() {
        for folder in OutputWriter.folders(of: path) where !folders.contains(PathKey(folder)) {
          if let j = user[folder] {
            if j != i { user[folder] = -1 }
          } else {
            user[folder] = i
            newFolders.append(folder)
          }
        }
      }
      var own = [String?](repeating: nil, count: paths.count)
      var serial: [String] = []
      for folder in newFolders {
        folders.insert(PathKey(folder))
        if let i = user[folder], i >= 0, OutputWriter.folders(of: paths[i]).last == folder {
          own[i] = folder
        } else {
          serial.append(folder)
        }
      }
      try makeFoldersInOrder(serial)
      return own
    }

    private func makeFoldersInOrder(_ newFolders: [String]) throws {
      let spare = self.spare
      let byDepth = Dictionary(grouping: newFolders) { $0.split(separator: "/").count }
      for depth in byDepth.keys.sorted() {
        let failures = (byDepth[depth] ?? []).map { folder in
          Self.failure { try Self.makeFolder(spare + "/" + folder) }
        }
        if let failure = failures.compactMap({ $0 }).first { throw EnvironmentError(failure) }
      }
    }

    private static func makeFolder(_ path: String) throws {
      if mkdir(path, 0o755) != 0 {
        // A file the spare listed where the new site has a folder, or one nobody listed.
        guard errno == EEXIST else {
          throw EnvironmentError("cannot create folder \(path): \(POSIXFile.errorText())")
        }
        try POSIXFile.clear(path)
        guard mkdir(path, 0o755) == 0 else {
          throw EnvironmentError("cannot create folder \(path): \(POSIXFile.errorText())")
        }
      }
      // mkdir's mode went through the umask (a folder that was in the way is new too).
      if !POSIXFile.umaskSparesModes { chmod(path, 0o755) }
    }

    /// Takes out of the spare what it held of an older site and the new one does not have.
    private func removeLeftovers(keeping keys: Set<PathKey>) throws {
      let files = base.listed.filter { !keys.contains($0) }.map(\.path)
      guard !files.isEmpty else { return }  // every folder of the spare still holds a file
      let paths = Set(keys.map(\.path))
      var kept = Set<String>()
      for path in paths { kept.formUnion(OutputWriter.folders(of: path)) }
      let gone = Set(
        base.folders.map(\.path).filter {
          !$0.isEmpty && !kept.contains($0) && !paths.contains($0)
        })
      // The outermost folder that goes takes everything inside it along.
      let trees = gone.filter { !OutputWriter.folders(of: $0).contains(where: gone.contains) }
      let single = files.filter { path in
        !kept.contains(path) && !OutputWriter.folders(of: path).contains(where: gone.contains)
      }
      let spare = self.spare
      let failures = orderedParallelMap(Array(trees) + Array(single)) { path in
        Self.failure { try POSIXFile.clear(spare + "/" + path) }
      }
      if let failure = failures.compactMap({ $0 }).first { throw EnvironmentError(failure) }
    }

    private func swapIn() throws {
      let output = writer.output
      if !POSIXFile.exists(output) {
        guard rename(spare, output) == 0 else {
          throw EnvironmentError("cannot move the site into \(output): \(POSIXFile.errorText())")
        }
        return
      }
      if sitegen_rename_exchange(spare, output) == 0 { return }
      // No atomic exchange here (an old kernel, another OS): two renames, with a short gap
      // in which the output folder is missing but no half-written site is ever visible.
      let old = writer.sibling("old")
      POSIXFile.removeTree(old)
      guard rename(output, old) == 0 else {
        throw EnvironmentError("cannot replace \(output): \(POSIXFile.errorText())")
      }
      guard rename(spare, output) == 0 else {
        let reason = POSIXFile.errorText()
        _ = rename(old, output)
        throw EnvironmentError("cannot replace \(output): \(reason)")
      }
      _ = rename(old, spare)
    }
  }
}
