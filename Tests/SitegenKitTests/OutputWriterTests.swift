import Foundation
import Testing
@testable import SitegenKit

@Suite struct OutputWriterTests {
  func page(_ path: String, _ text: String) -> RenderedPage { RenderedPage(path: path, bytes: Array(text.utf8)) }

  @Test func writesAWholeSiteWithManifest() throws {
    let dir = TemporaryDirectory()
    let summary = try OutputWriter(output: dir.path + "/Public").write([
      page("index.html", "home"), page("articles/a/index.html", "a"),
    ])
    #expect(summary.written == 2)
    #expect(dir.read("Public/index.html") == "home")
    #expect(dir.read("Public/articles/a/index.html") == "a")
    let a = ContentHash.hex(ContentHash.of(Array("a".utf8)))
    let home = ContentHash.hex(ContentHash.of(Array("home".utf8)))
    #expect(dir.read("Public/.sitegen-manifest") == "\(a) 1 - articles/a/index.html\n\(home) 4 - index.html\n")
    // Nothing of the assembly is left beside the output.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("staging") }
    #expect(leftovers.isEmpty)
  }

  @Test func unchangedFilesKeepTheirInodeAndChangedOnesAreReplaced() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home"), page("a/index.html", "a")])
    let before = dir.inode("Public/index.html")
    let summary = try writer.write([page("index.html", "home"), page("a/index.html", "a2")])
    #expect(summary.written == 1)
    #expect(summary.unchanged == 1)
    #expect(dir.inode("Public/index.html") == before, "unchanged bytes are not rewritten")
    #expect(dir.read("Public/a/index.html") == "a2")
  }

  @Test func noChangeTouchesNothing() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home")])
    let before = dir.inode("Public/index.html")
    let summary = try writer.write([page("index.html", "home")])
    #expect(summary == WriteSummary(written: 0, unchanged: 1, removed: 0))
    #expect(dir.inode("Public/index.html") == before)
  }

  @Test func filesNoLongerBuiltAreRemoved() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home"), page("old/index.html", "old")])
    let summary = try writer.write([page("index.html", "home")])
    #expect(summary.removed == 1)
    #expect(dir.read("Public/old/index.html") == nil)
  }

  @Test func streamedChunksMakeOneSiteAndNothingChangedTouchesNothing() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    let first = try writer.begin()
    try first.add([page("index.html", "home")])
    try first.add([page("a/index.html", "a"), page("b/index.html", "b")])
    #expect(try first.commit() == WriteSummary(written: 3, unchanged: 0, removed: 0))
    let inode = dir.inode("Public/a/index.html")
    let second = try writer.begin()
    try second.add([page("a/index.html", "a")])
    try second.add([page("index.html", "home"), page("b/index.html", "b")])
    #expect(try second.commit() == WriteSummary(written: 0, unchanged: 3, removed: 0))
    #expect(dir.inode("Public/a/index.html") == inode)
  }

  @Test func aSessionThatIsNotCommittedLeavesTheOutputAlone() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home")])
    do {
      let session = try writer.begin()
      try session.add([page("index.html", "changed"), page("new/index.html", "new")])
    }
    #expect(dir.read("Public/index.html") == "home")
    #expect(dir.read("Public/new/index.html") == nil)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("staging") }.isEmpty)
  }

  @Test func aFileChangedByHandIsWrittenAgain() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home")])
    dir.write("Public/index.html", "edited by hand")
    #expect(try writer.write([page("index.html", "home")]).written == 1)
    #expect(dir.read("Public/index.html") == "home")
  }

  @Test func leftoversOfAKilledBuildAreCleared() throws {
    let dir = TemporaryDirectory()
    dir.write(".Public.sitegen-staging/half.html", "half")
    _ = try OutputWriter(output: dir.path + "/Public").write([page("index.html", "home")])
    #expect(dir.read(".Public.sitegen-staging/half.html") == nil)
    #expect(dir.read("Public/half.html") == nil)
  }

  @Test func unwritableOutputFailsAndKeepsTheOldSite() throws {
    guard getuid() != 0 else { return }  // root writes anywhere; the CLI test covers this as a user
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home")])
    chmod(dir.path, 0o555)
    defer { chmod(dir.path, 0o755) }
    #expect(throws: EnvironmentError.self) { try writer.write([page("index.html", "new")]) }
    #expect(dir.read("Public/index.html") == "home")
  }
}

@Suite struct OutputGuardTests {
  @Test func refusesTheContentFolderAndTheSiteRoot() {
    let dir = TemporaryDirectory()
    dir.write("Content/site.yml", "title: T\n")
    #expect(throws: EnvironmentError.self) { try OutputGuard.check(output: dir.path + "/Content", content: dir.path + "/Content") }
    #expect(throws: EnvironmentError.self) { try OutputGuard.check(output: dir.path, content: dir.path + "/Content") }
    #expect(throws: EnvironmentError.self) { try OutputGuard.check(output: dir.path + "/Templates", content: dir.path + "/Content") }
    #expect(throws: EnvironmentError.self) { try OutputGuard.check(output: "/", content: dir.path + "/Content") }
  }

  @Test func refusesTheHomeFolder() throws {
    let home = try #require(ProcessInfo.processInfo.environment["HOME"])
    #expect(throws: EnvironmentError.self) { try OutputGuard.check(output: home, content: "/nonexistent/Content") }
  }

  @Test func refusesAFolderSitegenDidNotMake() {
    let dir = TemporaryDirectory()
    dir.write("Mine/notes.txt", "precious")
    #expect(throws: EnvironmentError.self) { try OutputGuard.check(output: dir.path + "/Mine", content: dir.path + "/Content") }
  }

  @Test func acceptsEmptyMissingOrOwnFolders() throws {
    let dir = TemporaryDirectory()
    try OutputGuard.check(output: dir.path + "/Public", content: dir.path + "/Content")
    try FileManager.default.createDirectory(atPath: dir.path + "/Empty", withIntermediateDirectories: true)
    try OutputGuard.check(output: dir.path + "/Empty", content: dir.path + "/Content")
    dir.write("Built/.sitegen-manifest", "index.html\n")
    dir.write("Built/index.html", "x")
    try OutputGuard.check(output: dir.path + "/Built", content: dir.path + "/Content")
  }
}

extension OutputWriterTests {
  /// A path key is its path: the same path however its string was made finds the same entry,
  /// and paths that differ (by a byte, by length) are different keys.
  @Test func pathKeysAreTheirPaths() {
    let line = "12 34 articles/red-lines/index.html"
    let cut = String(line.split(separator: " ")[2])
    var entries: [PathKey: Int] = [PathKey("articles/red-lines/index.html"): 1]
    #expect(entries[PathKey(cut)] == 1)
    for other in ["articles/red-lines/index.htm", "articles/red-linez/index.html", "", "a"] {
      #expect(entries[PathKey(other)] == nil)
      entries[PathKey(other)] = 2
    }
    #expect(entries.count == 5)
    #expect(Set(entries.keys.map(\.path)).count == 5)
  }
}

extension OutputWriterTests {
  /// Statuses looked up from a folder's descriptor are what `lstat` of the joined path says: a
  /// link at the end is not followed, a link to a folder on the way is (as `lstat` does), and
  /// what is missing is nil.
  @Test func statusesAreWhatLstatSays() throws {
    let dir = TemporaryDirectory()
    let root = dir.path + "/site"
    dir.write("site/index.html", "home")
    dir.write("site/articles/a/index.html", "aaa")
    dir.write("site/articles/b/index.html", "bbbbbb")
    dir.write("site/tags/t/index.html", "tt")
    dir.write("elsewhere/x/index.html", "xxxxx")
    symlink(dir.path + "/elsewhere", root + "/linked")
    symlink(root + "/articles/a/index.html", root + "/articles/b/alias.html")
    let paths = [
      "", "index.html", "articles", "articles/a", "articles/a/index.html",
      "articles/b/index.html", "articles/b/alias.html", "tags/t/index.html",
      "linked/x/index.html", "linked", "articles/missing/index.html", "missing/x",
      "index.html/x",
    ]
    let found = try #require(POSIXFile.statuses(in: root, of: paths))
    for (path, status) in zip(paths, found) {
      var st = stat()
      let expected = lstat(path.isEmpty ? root : root + "/" + path, &st) == 0 ? st : nil
      #expect(status?.mode == expected?.st_mode, "\(path)")
      #expect(status?.size == expected.map { Int($0.st_size) }, "\(path)")
    }
    #expect((found[9]?.mode ?? 0) & S_IFMT == S_IFLNK)
    #expect(found[8]?.size == 5)
    #expect(found[10] == nil && found[11] == nil && found[12] == nil)
  }
}
