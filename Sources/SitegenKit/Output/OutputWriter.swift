import CFileSystem

#if canImport(Glibc)
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
/// The new site is assembled beside the output (unchanged files hard-linked, so their bytes
/// are never rewritten), then the two folders are swapped with one `renameat2(RENAME_EXCHANGE)`.
/// Leftovers of a killed build are cleared on the next run.
public struct OutputWriter: Sendable {
  /// The file that marks a folder as made by sitegen, listing what it wrote.
  public static let manifestName = ".sitegen-manifest"

  public let output: String
  var staging: String { sibling("staging") }

  public init(output: String) {
    self.output = output.hasSuffix("/") && output.count > 1 ? String(output.dropLast()) : output
  }

  private func sibling(_ role: String) -> String {
    let parts = output.split(separator: "/", omittingEmptySubsequences: false)
    let name = parts.last.map(String.init) ?? output
    let parent = parts.dropLast().joined(separator: "/")
    return (parent.isEmpty && output.hasPrefix("/") ? "" : parent.isEmpty ? "." : parent)
      + "/.\(name).sitegen-\(role)"
  }

  public func write(_ pages: [RenderedPage]) throws -> WriteSummary {
    for page in pages where !page.isContained {
      preconditionFailure("output path '\(page.path)' would leave the output folder")
    }
    let lock = try BuildLock(path: sibling("lock"))
    defer { lock.release() }
    POSIXFile.removeTree(staging)

    let manifest = RenderedPage(
      path: Self.manifestName,
      bytes: Array(pages.map(\.path).sorted().joined(separator: "\n").utf8) + [0x0A])
    let all = (pages + [manifest]).sorted { $0.path < $1.path }
    let existing = Set(POSIXFile.listFiles(output))
    var unchanged = Set<String>()
    for page in all where existing.contains(page.path) {
      if POSIXFile.read(output + "/" + page.path) == page.bytes { unchanged.insert(page.path) }
    }
    let newPaths = Set(all.map(\.path))
    let removed = existing.subtracting(newPaths).count
    if unchanged.count == all.count && removed == 0 {
      return WriteSummary(written: 0, unchanged: unchanged.count - 1, removed: 0)
    }

    do {
      try assemble(all, unchanged: unchanged)
      try swapIn()
    } catch {
      POSIXFile.removeTree(staging)
      throw error
    }
    POSIXFile.removeTree(staging)  // now the old site
    return WriteSummary(
      written: all.count - unchanged.count - (unchanged.contains(Self.manifestName) ? 0 : 1),
      unchanged: unchanged.subtracting([Self.manifestName]).count, removed: removed)
  }

  private func assemble(_ pages: [RenderedPage], unchanged: Set<String>) throws {
    try POSIXFile.makeDirectory(staging)
    // Folders first, in order, then the files on every core: creating files is mostly the
    // file system's metadata work, which runs in parallel in the kernel.
    var folders = Set<String>()
    for page in pages {
      var folder = ""
      for component in page.path.split(separator: "/").dropLast() {
        folder += (folder.isEmpty ? "" : "/") + component
        folders.insert(folder)
      }
    }
    for folder in folders.sorted() { try POSIXFile.makeDirectory(staging + "/" + folder) }
    let staging = self.staging, output = self.output
    let failures = orderedParallelMap(pages) { page -> String? in
      let target = staging + "/" + page.path
      if unchanged.contains(page.path), link(output + "/" + page.path, target) == 0 { return nil }
      do {
        try POSIXFile.write(page.bytes, to: target)
        return nil
      } catch {
        return "\(error)"
      }
    }
    if let failure = failures.compactMap({ $0 }).first { throw EnvironmentError(failure) }
  }

  private func swapIn() throws {
    if !POSIXFile.exists(output) {
      guard rename(staging, output) == 0 else {
        throw EnvironmentError("cannot move the new site into \(output): \(POSIXFile.errorText())")
      }
      return
    }
    if sitegen_rename_exchange(staging, output) == 0 { return }
    // No atomic exchange here (an old kernel, another OS): two renames, with a short gap
    // in which the output folder is missing but no half-written site is ever visible.
    let old = sibling("old")
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
}
