#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the last successful build saw, beside the output folder: a fingerprint of every input
/// (file names, sizes, modification times, the sitegen binary, the options) and the diagnostics
/// it printed. When nothing changed a build replays the diagnostics and stops at once, without
/// reading a file: the no-change rebuild costs one `stat` per source.
struct BuildState: Equatable {
  var fingerprint: String
  /// The output's manifest as the build left it: a changed output folder means a new build.
  var manifest: String
  var fileCount: Int
  /// The earliest date of a future-dated article: from then on the same inputs build another site.
  var nextPublication: Int?
  var diagnostics: [Diagnostic]

  static func path(for writer: OutputWriter) -> String { writer.sibling("state") }

  /// The fingerprint of the inputs as they are now, from `stat` alone: the same stamps `serve`
  /// polls (`SourceSnapshot` of the content folder, taken by the caller), plus the sitegen
  /// binary and the options.
  static func fingerprint(options: BuildOptions, snapshot: SourceSnapshot) -> String {
    var h = StableHasher()
    h.combine("sitegen-state-5\n\(options.includeDrafts) \(options.strict)\n")
    h.combine(stamp("/proc/self/exe") ?? stamp(CommandLine.arguments.first ?? "") ?? "?")
    // Hashed field by field, not written out as text first: 10,000 interpolated lines were
    // most of a large site's no-change check after its stats. Each file is hashed on its own
    // and the hashes added up, so the order of the walk does not matter: sorting 10,000 paths
    // by their bytes was two thirds of the check's own work. (Two sets of stamps give the same
    // sum only by a chance of about one in 2^64, as two different hashes would.)
    var sum: UInt64 = 0
    for (path, s) in snapshot.files {
      var file = StableHasher()
      file.combine(path)
      file.combine(UInt64(truncatingIfNeeded: s.size))
      file.combine(UInt64(truncatingIfNeeded: s.modified))
      file.combine(UInt64(truncatingIfNeeded: s.modifiedNanoseconds))
      file.combine(s.inode)
      sum &+= file.finalize()
    }
    let count = UInt64(snapshot.files.count)
    h.combine(count)
    h.combine(sum)
    return ContentHash.hex(h.finalize()) + ContentHash.hex(count)
  }

  static func manifestStamp(_ writer: OutputWriter) -> String {
    stamp(writer.output + "/" + OutputWriter.manifestName) ?? "none"
  }

  /// One file's stamp as text, following links (the binary may be reached through one).
  static func stamp(_ path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    let s = FileStamp(st)
    return "\(s.size) \(s.modified).\(s.modifiedNanoseconds) \(s.inode)"
  }

  /// Is this state still the truth about the output and the inputs?
  func isCurrent(fingerprint now: String, writer: OutputWriter, at time: Int) -> Bool {
    fingerprint == now && manifest == Self.manifestStamp(writer)
      && (nextPublication.map { time < $0 } ?? true) && writer.isIntact(fileCount: fileCount)
  }

  func save(_ writer: OutputWriter) {
    let path = Self.path(for: writer)
    do {
      try POSIXFile.write(Array(serialized().utf8), to: path + ".new")
      rename(path + ".new", path)
    } catch {
      unlink(path)  // no state is safe: the next build just does the work
    }
  }

  // MARK: the file

  func serialized() -> String {
    var out =
      "fingerprint \(fingerprint)\nnext-publication \(nextPublication.map(String.init) ?? "none")\n"
    out += "manifest \(manifest)\nfiles \(fileCount)\n"
    for d in diagnostics {
      let fields = [
        d.severity.rawValue, d.id, d.location?.path ?? "", d.location.map { String($0.line) } ?? "",
        d.location.map { String($0.column) } ?? "", d.message,
      ]
      out += fields.map(Self.escape).joined(separator: "\t") + "\n"
    }
    return out
  }

  static func read(_ path: String) -> BuildState? {
    guard let bytes = POSIXFile.read(path) else { return nil }
    let lines = String(decoding: bytes, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    guard lines.count >= 4, lines[0].hasPrefix("fingerprint "),
      lines[1].hasPrefix("next-publication "),
      lines[2].hasPrefix("manifest "), lines[3].hasPrefix("files ")
    else { return nil }
    var state = BuildState(
      fingerprint: String(lines[0].dropFirst(12)), manifest: String(lines[2].dropFirst(9)),
      fileCount: Int(lines[3].dropFirst(6)) ?? 0,
      nextPublication: Int(lines[1].dropFirst(17)), diagnostics: [])
    for line in lines.dropFirst(4) where !line.isEmpty {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        unescape(String($0))
      }
      guard f.count == 6, let severity = Diagnostic.Severity(rawValue: f[0]) else { return nil }
      let location =
        f[2].isEmpty
        ? nil : SourceLocation(path: f[2], line: Int(f[3]) ?? 1, column: Int(f[4]) ?? 1)
      state.diagnostics.append(Diagnostic(severity, f[1], f[5], at: location))
    }
    return state
  }

  private static func escape(_ s: String) -> String {
    s.replacing("\\", with: "\\\\").replacing("\t", with: "\\t").replacing("\n", with: "\\n")
  }

  private static func unescape(_ s: String) -> String {
    guard s.contains("\\") else { return s }
    var out = ""
    var escaping = false
    for c in s {
      if escaping {
        out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
        escaping = false
      } else if c == "\\" {
        escaping = true
      } else {
        out.append(c)
      }
    }
    return out
  }
}
