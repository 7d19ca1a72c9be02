import Foundation
import Testing

@testable import SitegenKit

/// The writer brings the tree of the build before last (the spare) up to date instead of
/// assembling a site from nothing, and keeps files whose inputs did not change without their
/// being rendered.
@Suite struct OutputWriterIncrementalTests {
  static let spare = ".Public.sitegen-spare"

  func page(_ path: String, _ text: String, inputs: UInt64? = nil) -> RenderedPage {
    RenderedPage(path: path, bytes: Array(text.utf8), inputs: inputs)
  }

  /// 200 pages, one folder each, as the pipeline makes them.
  func site(_ texts: [String]) -> [RenderedPage] {
    texts.enumerated().map { page("p\($0.offset)/index.html", $0.element) }
  }

  func linkCount(_ dir: TemporaryDirectory, _ relative: String) -> Int {
    var st = stat()
    return lstat(dir.path + "/" + relative, &st) == 0 ? Int(st.st_nlink) : 0
  }

  /// Files under `relative` without the manifest: what a visitor of the site can fetch.
  func files(_ dir: TemporaryDirectory, _ relative: String = "Public") -> [String: String] {
    var out: [String: String] = [:]
    for (path, data) in dir.snapshot(relative) where path != OutputWriter.manifestName {
      out[path] = String(decoding: data, as: UTF8.self)
    }
    return out
  }

  func folders(_ dir: TemporaryDirectory, _ relative: String = "Public") -> Set<String> {
    let root = dir.path + "/" + relative
    var out = Set<String>()
    let walker = FileManager.default.enumerator(atPath: root)
    while let name = walker?.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder),
        isFolder.boolValue
      {
        out.insert(name)
      }
    }
    return out
  }

  func expected(_ pages: [RenderedPage]) -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: pages.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
  }

  // MARK: the spare

  /// Ten pages built twice, so that a spare tree exists: where most of these tests start.
  func builtTwice(pages: Int = 10, firstEdit: String = "page 0, 1") throws -> (
    dir: TemporaryDirectory, writer: OutputWriter, texts: [String]
  ) {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    var texts = (0..<pages).map { "page \($0)" }
    _ = try writer.write(site(texts))
    texts[0] = firstEdit
    _ = try writer.write(site(texts))
    return (dir, writer, texts)
  }

  @Test func aBuildChangingOneFileOf200TouchesOnlyThatFile() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    var texts = (0..<200).map { "page \($0), version 1" }
    _ = try writer.write(site(texts))
    let firstTree = (0..<200).map { dir.inode("Public/p\($0)") }
    texts[0] = "page 0, version 2"
    _ = try writer.write(site(texts))
    let manifest2 = dir.read("Public/.sitegen-manifest")
    #expect(dir.inode("\(Self.spare)/p5") == firstTree[5], "build 1's tree is kept as the spare")
    let inodes2 = (0..<200).map { dir.inode("Public/p\($0)/index.html") }

    texts[1] = "page 1, version 2"
    #expect(try writer.write(site(texts)) == WriteSummary(written: 1, unchanged: 199, removed: 0))
    let inodes3 = (0..<200).map { dir.inode("Public/p\($0)/index.html") }
    #expect(inodes3[1] != inodes2[1])
    #expect(inodes3[0] == inodes2[0] && Array(inodes3[2...]) == Array(inodes2[2...]))
    // Build 1's folders are live again: the spare was brought up to date, not made anew.
    #expect((0..<200).map { dir.inode("Public/p\($0)") } == firstTree)
    // Every file but the new one is a single inode shared by the live tree and the spare.
    #expect(linkCount(dir, "Public/p1/index.html") == 1)
    #expect(
      (0..<200).filter { $0 != 1 }.allSatisfy { linkCount(dir, "Public/p\($0)/index.html") == 2 })
    #expect(files(dir) == expected(site(texts)))
    // The spare is build 2's site, with build 2's manifest: ready for build 4.
    #expect(dir.read("\(Self.spare)/.sitegen-manifest") == manifest2)
    #expect(dir.read("\(Self.spare)/p1/index.html") == "page 1, version 1")
  }

  @Test func filesAndFoldersTheNewSiteDropsLeaveTheSpareToo() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    let first = [
      page("index.html", "home"), page("a/x/index.html", "ax"), page("b/index.html", "b"),
    ]
    _ = try writer.write(first)
    _ = try writer.write([page("index.html", "home 2")] + first.dropFirst())
    let third = [
      page("index.html", "home 3"), page("b/index.html", "b"), page("c/index.html", "c"),
    ]
    #expect(try writer.write(third) == WriteSummary(written: 2, unchanged: 1, removed: 1))
    #expect(files(dir) == expected(third))
    #expect(folders(dir) == ["b", "c"])
    let fourth = [page("index.html", "home 4"), page("c/index.html", "c")]
    #expect(try writer.write(fourth) == WriteSummary(written: 1, unchanged: 1, removed: 1))
    #expect(files(dir) == expected(fourth))
    #expect(folders(dir) == ["c"])
  }

  @Test func aFileCanBecomeAFolderAndBack() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    let one = [page("x", "file x"), page("y/index.html", "folder y")]
    let two = [page("x/index.html", "folder x"), page("y", "file y")]
    for version in [one, two, one, two, one] {
      _ = try writer.write(version)
      #expect(files(dir) == expected(version))
    }
  }

  @Test func aSpareWithoutItsManifestIsClearedNotTrusted() throws {
    var (dir, writer, texts) = try builtTwice(pages: 20, firstEdit: "page 0 again")
    // What a build killed halfway leaves: the manifest gone first, files half-replaced.
    unlink(dir.path + "/\(Self.spare)/.sitegen-manifest")
    unlink(dir.path + "/\(Self.spare)/p4/index.html")
    dir.write("\(Self.spare)/p4/index.html", "half")
    dir.write("\(Self.spare)/p3/stray.html", "stray")
    texts[1] = "page 1 again"
    _ = try writer.write(site(texts))
    #expect(files(dir) == expected(site(texts)))
    #expect(dir.read("Public/.sitegen-manifest") != nil)
  }

  @Test func aSpareFileNotAsListedIsReplaced() throws {
    var (dir, writer, texts) = try builtTwice(pages: 20, firstEdit: "page 0 again")
    // Replaced, not edited: the spare's files may be the live site's.
    unlink(dir.path + "/\(Self.spare)/p4/index.html")
    dir.write("\(Self.spare)/p4/index.html", "longer than it was")
    unlink(dir.path + "/\(Self.spare)/p5/index.html")
    texts[1] = "page 1 again"
    _ = try writer.write(site(texts))
    #expect(files(dir) == expected(site(texts)))
  }

  @Test func filesAddedToTheSiteByHandNeverComeBack() throws {
    var (dir, writer, texts) = try builtTwice()
    // In the live tree, which becomes the spare of the build after next.
    dir.write("Public/extra.html", "by hand")
    dir.write("Public/p3/extra.html", "by hand")
    dir.write("Public/new/extra.html", "by hand")
    for round in 2..<6 {
      texts[0] = "page 0, \(round)"
      _ = try writer.write(site(texts))
      #expect(files(dir) == expected(site(texts)), "build \(round + 1)")
    }
  }

  @Test func aFileEditedInPlaceWithItsSizeIsWrittenAgain() throws {
    var (dir, writer, texts) = try builtTwice()
    // Same size, same inode: only the modification time tells.
    let handle = try #require(FileHandle(forWritingAtPath: dir.path + "/Public/p9/index.html"))
    handle.write(Data("PAGE 9".utf8))
    try handle.close()
    texts[0] = "page 0, 2"
    #expect(try writer.write(site(texts)).written == 2)
    #expect(files(dir) == expected(site(texts)))
  }

  @Test func aLinkInTheSpareIsNotFollowed() throws {
    var (dir, writer, texts) = try builtTwice()
    dir.write("Elsewhere/keep.txt", "not the site's")
    POSIXFile.removeTree(dir.path + "/\(Self.spare)/p3")
    symlink(dir.path + "/Elsewhere", dir.path + "/\(Self.spare)/p3")
    texts[3] = "page 3, 1"
    _ = try writer.write(site(texts))
    #expect(files(dir) == expected(site(texts)))
    #expect(dir.snapshot("Elsewhere").keys.sorted() == ["keep.txt"])
    // Nor the spare itself.
    POSIXFile.removeTree(dir.path + "/\(Self.spare)")
    symlink(dir.path + "/Elsewhere", dir.path + "/\(Self.spare)")
    texts[3] = "page 3, 2"
    _ = try writer.write(site(texts))
    #expect(files(dir) == expected(site(texts)))
    #expect(dir.snapshot("Elsewhere").keys.sorted() == ["keep.txt"])
  }

  @Test func anUncommittedSessionDropsTheSpareItBegan() throws {
    var (dir, writer, texts) = try builtTwice()
    let live = files(dir)
    do {
      let session = try writer.begin()
      try session.add([page("p1/index.html", "never published")])
    }
    #expect(files(dir) == live)
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/\(Self.spare)"))
    texts[1] = "page 1, 1"
    _ = try writer.write(site(texts))
    #expect(files(dir) == expected(site(texts)))
  }

  @Test func everyFileAndFolderHasItsModeWhateverTheSpareHeld() throws {
    var (dir, writer, texts) = try builtTwice()
    chmod(dir.path + "/\(Self.spare)/p2", 0o700)
    chmod(dir.path + "/Public/p4/index.html", 0o600)  // shared with the spare
    for round in 2..<4 {
      texts[0] = "page 0, \(round)"
      _ = try writer.write(site(texts))
      for i in 0..<10 {
        let folder = try FileManager.default.attributesOfItem(atPath: dir.path + "/Public/p\(i)")
        let file = try FileManager.default.attributesOfItem(
          atPath: dir.path + "/Public/p\(i)/index.html")
        #expect(folder[.posixPermissions] as? Int == 0o755, "build \(round + 1): p\(i)")
        #expect(file[.posixPermissions] as? Int == 0o644, "build \(round + 1): p\(i)/index.html")
      }
    }
  }

  // MARK: inputs

  @Test func aFileMadeFromTheSameInputsIsKeptWithoutRendering() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("a.html", "A", inputs: 1), page("b.html", "B", inputs: 2)])
    let second = try writer.begin()
    #expect(second.reuse(path: "b.html", inputs: 3) == nil, "other inputs")
    #expect(second.reuse(path: "c.html", inputs: 1) == nil, "not in the previous build")
    // A change first, so the kept file joins a spare already being assembled.
    try second.add([page("b.html", "B2", inputs: 3)])
    #expect(second.reuse(path: "a.html", inputs: 1) == ContentHash.of(Array("A".utf8)))
    #expect(try second.commit() == WriteSummary(written: 1, unchanged: 1, removed: 0))
    #expect(files(dir) == ["a.html": "A", "b.html": "B2"])
    let inode = dir.inode("Public/a.html")

    // Kept files are listed with their inputs, so the next build keeps them again.
    let third = try writer.begin()
    #expect(third.reuse(path: "a.html", inputs: 1) == ContentHash.of(Array("A".utf8)))
    #expect(third.reuse(path: "b.html", inputs: 3) == ContentHash.of(Array("B2".utf8)))
    #expect(try third.commit() == WriteSummary(written: 0, unchanged: 2, removed: 0))
    #expect(dir.inode("Public/a.html") == inode)
  }

  @Test func aMissingOrResizedFileIsNotKept() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("a.html", "A", inputs: 1), page("b.html", "B", inputs: 2)])
    unlink(dir.path + "/Public/a.html")
    dir.write("Public/b.html", "BB")
    let session = try writer.begin()
    #expect(session.reuse(path: "a.html", inputs: 1) == nil)
    #expect(session.reuse(path: "b.html", inputs: 2) == nil)
  }

  @Test func theSameBytesFromOtherInputsRenewTheManifest() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("a.html", "A", inputs: 1)])
    #expect(
      try writer.write([page("a.html", "A", inputs: 2)])
        == WriteSummary(written: 0, unchanged: 1, removed: 0))
    #expect(try writer.begin().reuse(path: "a.html", inputs: 2) != nil)
  }

  @Test func manifestsWithoutInputsAreRead() throws {
    let dir = TemporaryDirectory()
    let writer = OutputWriter(output: dir.path + "/Public")
    _ = try writer.write([page("index.html", "home"), page("a/index.html", "a")])
    let inode = dir.inode("Public/a/index.html")
    let old = try #require(dir.read("Public/.sitegen-manifest")).replacing(" - ", with: " ")
    dir.write("Public/.sitegen-manifest", old)  // as sitegen wrote it before inputs existed
    #expect(
      try writer.write([page("index.html", "home 2"), page("a/index.html", "a")]).written == 1)
    #expect(dir.inode("Public/a/index.html") == inode)
  }

  func parse(_ line: String) -> (path: String, entry: OutputWriter.ManifestEntry)? {
    Array(line.utf8).withUnsafeBufferPointer { OutputWriter.Manifest.parse($0) }
  }

  @Test func manifestLines() {
    let hash = "00000000000000ff"
    typealias Entry = OutputWriter.ManifestEntry
    #expect(parse("\(hash) 3 a/index.html")?.entry == Entry(hash: 255, size: 3, inputs: nil))
    #expect(parse("ff 3 - a/index.html")?.entry == Entry(hash: 255, size: 3, inputs: nil))
    #expect(parse("\(hash) 3 \(hash) a/index.html")?.path == "a/index.html")
    #expect(parse("\(hash) 3 \(hash) a/index.html")?.entry.inputs == 255)
    let bad = [
      "", "\(hash) 3", "\(hash) x a", "\(hash) 3 ff a", "\(hash) 3 - ../a", "\(hash) 3 - a/./b",
      "\(hash) 3 /etc/passwd", "\(hash) 3 - a//b", "zz 3 a", "\(hash)0 3 a", "\(hash) -3 a",
    ]
    for line in bad { #expect(parse(line) == nil, "\(line)") }
  }
}
