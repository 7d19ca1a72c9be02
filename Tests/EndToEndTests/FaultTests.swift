import Foundation
import Testing

/// The environment fails under a build: a full disk, a read-only output, a second build at the
/// same time. Each ends in a clear error (exit 2) or a wait, and the published site is never
/// lost, mixed or touched outside the output folder.
@Suite(.serialized) struct FaultTests {
  struct Run {
    var status: Int32
    var stderr: String
  }

  /// Runs `arguments` (via env, so `setpriv …` works too) in `directory`.
  static func run(_ arguments: [String], in directory: String) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = CLI.environment(["SWIFT_BACKTRACE": "enable=no"])
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
  }

  static func bigArticle(_ kilobytes: Int) -> String {
    "---\ntitle: Big\nsummary: S.\ndate: 2025-01-02\n---\n"
      + String(repeating: "A line of text that fills the disk quickly.\n\n", count: kilobytes * 1024 / 45)
  }

  /// A tmpfs at `path` (we run as root in CI); nil where mounting is not allowed.
  static func mountTmpfs(at path: String, kilobytes: Int) -> Bool {
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return (try? run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path], in: "/"))?.status == 0
  }

  @Test func diskFullExitsTwoAndKeepsTheOldSite() throws {
    let site = TemporarySite()
    let disk = site.path + "/disk"
    let mounted = Self.mountTmpfs(at: disk, kilobytes: 400)
    defer { if mounted { _ = try? Self.run(["umount", "-l", disk], in: "/") } }
    var build = [CLI.binary, "build", "--output", "disk/Public"]
    if !mounted {
      // No mount here: a per-process file size limit gives the same EFBIG/ENOSPC path.
      print("disk full: tmpfs mount not allowed, using prlimit --fsize")
      build = ["prlimit", "--fsize=300000"] + build
    }
    #expect(try Self.run(build, in: site.path).status == 0)
    let old = site.snapshot("disk/Public")
    #expect(!old.isEmpty)
    site.write("Content/articles/big.md", Self.bigArticle(1_024))
    let full = try Self.run(build, in: site.path)
    #expect(full.status == 2, "\(full.stderr)")
    #expect(full.stderr.contains("No space left") || full.stderr.contains("too large"), "\(full.stderr)")
    #expect(!full.stderr.contains("Fatal error") && !full.stderr.contains("Backtrace"))
    #expect(site.snapshot("disk/Public") == old, "the old site changed")
    print("disk full: \(full.stderr.split(separator: "\n").first ?? "")")
  }

  @Test func readOnlyOutputExitsTwoAndKeepsTheOldSite() throws {
    let site = TemporarySite()
    // As nobody: root writes anywhere, so read-only means an unprivileged user.
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    let old = site.snapshot()
    site.write("Content/articles/new.md", "---\ntitle: New\nsummary: S.\ndate: 2025-01-03\n---\nNew.\n")
    _ = try Self.run(["chmod", "-R", "a+rX", site.path], in: "/")
    let result = try Self.run(
      ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.binary, "build"], in: site.path)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("Permission denied") || result.stderr.contains("cannot"), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"))
    #expect(site.snapshot() == old)
    print("read-only (nobody): \(result.stderr.split(separator: "\n").first ?? "")")

    // And a read-only file system, as root.
    let disk = site.path + "/ro"
    guard Self.mountTmpfs(at: disk, kilobytes: 4_000) else { return }
    defer { _ = try? Self.run(["umount", "-l", disk], in: "/") }
    #expect(try CLI.run(["build", "--output", "ro/Public"], in: site.path).status == 0)
    let before = site.snapshot("ro/Public")
    #expect(try Self.run(["mount", "-o", "remount,ro", disk], in: "/").status == 0)
    site.write("Content/articles/newer.md", "---\ntitle: Newer\nsummary: S.\ndate: 2025-01-04\n---\nNewer.\n")
    let ro = try CLI.run(["build", "--output", "ro/Public"], in: site.path)
    #expect(ro.status == 2, "\(ro.stderr)")
    #expect(ro.stderr.contains("Read-only"), "\(ro.stderr)")
    #expect(site.snapshot("ro/Public") == before)
    print("read-only file system: \(ro.stderr.split(separator: "\n").first ?? "")")
  }

  @Test func twoBuildsAtOnceNeverMix() throws {
    let site = TemporarySite()
    for (folder, version) in [("A", 1), ("B", 2)] {
      site.write("\(folder)/site.yml", "title: Site \(folder)\nbase_url: https://x.example/\n")
      for i in 0..<150 {
        site.write(
          "\(folder)/articles/a\(i).md",
          "---\ntitle: Article \(i) v\(version)\nsummary: S.\ndate: 2025-01-01\n---\n"
            + String(repeating: "Version \(version).\n\n", count: 50))
      }
      #expect(try CLI.run(["build", "--content", folder, "--output", "Only\(folder)"], in: site.path).status == 0)
    }
    let sites = [site.snapshot("OnlyA"), site.snapshot("OnlyB")]
    for round in 0..<4 {
      let processes = try ["A", "B"].map { folder in
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["build", "--content", folder, "--output", "Public"]
        p.currentDirectoryURL = URL(fileURLWithPath: site.path)
        p.environment = ["SOURCE_DATE_EPOCH": "1764374400", "PATH": "/usr/bin:/bin"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
      }
      for p in processes { p.waitUntilExit() }
      let statuses = processes.map(\.terminationStatus)
      #expect(statuses.allSatisfy { $0 == 0 || $0 == 2 }, "round \(round): \(statuses)")
      #expect(statuses.contains(0))
      #expect(sites.contains(site.snapshot("Public")), "round \(round): Public/ is a mix")
    }
  }

  @Test func nothingOutsideTheOutputIsWrittenOrDeleted() throws {
    let site = TemporarySite()
    site.write("notes.txt", "keep me\n")
    site.write("Public-old/keep.html", "not ours\n")
    site.write(".Public.sitegen-staging-like", "a file with a sitegen-looking name\n")
    let before = Self.tree(site.path)
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    site.write("Content/articles/hello.md", "---\ntitle: Hello 2\nsummary: S.\ndate: 2025-01-01\n---\nChanged.\n")
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    // A failing build too.
    site.write("Content/articles/bad.md", "no front matter\n")
    #expect(try CLI.run(["build"], in: site.path).status == 1)
    var after = Self.tree(site.path)
    var expectedAfter = before
    expectedAfter["Content/articles/hello.md"] = after["Content/articles/hello.md"]
    expectedAfter["Content/articles/bad.md"] = after["Content/articles/bad.md"]
    // The lock, the state, the cache and the spare tree beside the output are the build's own,
    // by design, and nothing else.
    for name in [".Public.sitegen-lock", ".Public.sitegen-state", ".Public.sitegen-cache"] { after[name] = nil }
    for name in after.keys where name == ".Public.sitegen-spare" || name.hasPrefix(".Public.sitegen-spare/") {
      after[name] = nil
    }
    #expect(after.keys.sorted() == expectedAfter.keys.sorted())
    #expect(after == expectedAfter)
  }

  /// Every path outside `Public/` → bytes and mode.
  static func tree(_ root: String) -> [String: String] {
    var out: [String: String] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root) else { return out }
    while let name = walker.nextObject() as? String {
      if name == "Public" || name.hasPrefix("Public/") { continue }
      let attributes = try? fm.attributesOfItem(atPath: root + "/" + name)
      let mode = (attributes?[.posixPermissions] as? Int).map { String($0, radix: 8) } ?? "?"
      let bytes = fm.contents(atPath: root + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? "<dir>"
      out[name] = mode + " " + bytes
    }
    return out
  }
}
