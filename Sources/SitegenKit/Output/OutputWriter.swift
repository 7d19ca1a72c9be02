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
/// The new site is assembled beside the output (unchanged files hard-linked, so their bytes are
/// never rewritten), then the two folders are swapped with one `renameat2(RENAME_EXCHANGE)`.
/// Files arrive in chunks (`Session.add`), so a large site is never all in memory. Whether a
/// file changed is read from the manifest of the previous build (hash and size per file); when
/// nothing changed, nothing is assembled and the output is not touched. Leftovers of a killed
/// build are cleared on the next run.
public struct OutputWriter: Sendable {
  /// The file that marks a folder as made by sitegen, listing what it wrote: `hash size path`.
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

  /// Does every file the manifest lists (and `fileCount` of them) exist with its size?
  func isIntact(fileCount: Int) -> Bool {
    Session.readManifest(output).count == fileCount
  }

  /// Takes the output's lock and reads what the previous build wrote.
  public func begin() throws -> Session { try Session(writer: self) }

  /// One build's writing; used from one thread (its own writes fan out to every core).
  public final class Session {
    let writer: OutputWriter
    private let lock: BuildLock
    private let staging: String
    /// The previous build's files: path → (hash, size).
    private let previous: [String: (hash: UInt64, size: Int)]
    private var manifest: [(path: String, hash: UInt64, size: Int)] = []
    /// Unchanged files seen before the first change: linked once staging exists.
    private var pendingUnchanged: [String] = []
    private var folders = Set<String>()
    private var assembling = false
    private var written = 0
    private var committed = false

    init(writer: OutputWriter) throws {
      self.writer = writer
      staging = writer.sibling("staging")
      lock = try BuildLock(path: writer.sibling("lock"))
      POSIXFile.removeTree(staging)
      previous = Self.readManifest(writer.output)
    }

    private var finished = false

    deinit { finish() }

    /// Clears what an uncommitted session assembled and lets the next build in.
    private func finish() {
      guard !finished else { return }
      finished = true
      if !committed { POSIXFile.removeTree(staging) }
      lock.release()
    }

    public func add(_ pages: [RenderedPage]) throws {
      var changed: [RenderedPage] = []
      var unchanged: [String] = []
      for page in pages {
        precondition(page.isContained, "output path '\(page.path)' would leave the output folder")
        let hash = ContentHash.of(page.bytes)
        manifest.append((page.path, hash, page.bytes.count))
        if let old = previous[page.path], old.hash == hash, old.size == page.bytes.count {
          unchanged.append(page.path)
        } else {
          changed.append(page)
        }
      }
      if !assembling && changed.isEmpty {
        pendingUnchanged += unchanged
        return
      }
      if !assembling {
        try POSIXFile.makeDirectory(staging)
        assembling = true
        unchanged += pendingUnchanged
        pendingUnchanged = []
      }
      try place(changed, linking: unchanged)
    }

    /// Swaps the new site in, or leaves the output alone when nothing changed.
    public func commit() throws -> WriteSummary {
      let paths = Set(manifest.map(\.path))
      let removed = previous.keys.filter { !paths.contains($0) }.count
      let unchangedCount = manifest.count - written
      defer { finish() }
      if !assembling && removed == 0 && !previous.isEmpty {
        committed = true
        return WriteSummary(written: 0, unchanged: unchangedCount, removed: 0)
      }
      if !assembling {
        try POSIXFile.makeDirectory(staging)
        assembling = true
        try place([], linking: pendingUnchanged)
      }
      let lines = manifest.sorted { $0.path < $1.path }
        .map { "\(ContentHash.hex($0.hash)) \($0.size) \($0.path)\n" }.joined()
      try POSIXFile.write(Array(lines.utf8), to: staging + "/" + OutputWriter.manifestName)
      try swapIn()
      committed = true
      POSIXFile.removeTree(staging)  // now the old site
      return WriteSummary(written: written, unchanged: unchangedCount, removed: removed)
    }

    private func place(_ changed: [RenderedPage], linking unchanged: [String]) throws {
      // Folders first, in order, then the files on every core: creating files is mostly the
      // file system's metadata work, which runs in parallel in the kernel.
      var newFolders: [String] = []
      for path in changed.map(\.path) + unchanged {
        var folder = ""
        for component in path.split(separator: "/").dropLast() {
          folder += (folder.isEmpty ? "" : "/") + component
          if folders.insert(folder).inserted { newFolders.append(folder) }
        }
      }
      let staging = self.staging, output = writer.output
      // Parents before children, and each depth on every core: one folder per page makes
      // mkdir the file system's busiest call in a build.
      let byDepth = Dictionary(grouping: newFolders) { $0.split(separator: "/").count }
      for depth in byDepth.keys.sorted() {
        let failures = orderedParallelMap(byDepth[depth] ?? []) { folder -> String? in
          do {
            try POSIXFile.makeDirectory(staging + "/" + folder)
            return nil
          } catch {
            return "\(error)"
          }
        }
        if let failure = failures.compactMap({ $0 }).first { throw EnvironmentError(failure) }
      }
      let writeFailures = orderedParallelMap(changed) { page -> String? in
        do {
          try POSIXFile.write(page.bytes, to: staging + "/" + page.path)
          return nil
        } catch {
          return "\(error)"
        }
      }
      let linkFailures = orderedParallelMap(unchanged) { path -> String? in
        if link(output + "/" + path, staging + "/" + path) == 0 { return nil }
        // The bytes are not in memory any more: say so; the manifest check makes the next
        // build write the file anew.
        return "cannot link \(output)/\(path) into the new site: \(POSIXFile.errorText())"
      }
      if let failure = (writeFailures + linkFailures).compactMap({ $0 }).first {
        throw EnvironmentError(failure)
      }
      written += changed.count
    }

    private func swapIn() throws {
      let output = writer.output
      if !POSIXFile.exists(output) {
        guard rename(staging, output) == 0 else {
          throw EnvironmentError("cannot move the new site into \(output): \(POSIXFile.errorText())")
        }
        return
      }
      if sitegen_rename_exchange(staging, output) == 0 { return }
      // No atomic exchange here (an old kernel, another OS): two renames, with a short gap
      // in which the output folder is missing but no half-written site is ever visible.
      let old = writer.sibling("old")
      POSIXFile.removeTree(old)
      guard rename(output, old) == 0 else {
        throw EnvironmentError("cannot replace \(output): \(POSIXFile.errorText())")
      }
      guard rename(staging, output) == 0 else {
        let reason = POSIXFile.errorText()
        _ = rename(old, output)
        throw EnvironmentError("cannot replace \(output): \(reason)")
      }
      _ = rename(old, staging)
    }

    /// The previous build's manifest; files it lists that are missing count as changed.
    static func readManifest(_ output: String) -> [String: (hash: UInt64, size: Int)] {
      guard let bytes = POSIXFile.read(output + "/" + OutputWriter.manifestName) else { return [:] }
      var out: [String: (hash: UInt64, size: Int)] = [:]
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, let hash = UInt64(parts[0], radix: 16), let size = Int(parts[1])
        else { continue }
        let path = String(parts[2])
        var st = stat()
        guard lstat(output + "/" + path, &st) == 0, Int(st.st_size) == size else { continue }
        out[path] = (hash, size)
      }
      return out
    }
  }
}
