import Foundation
import Testing

@testable import SitegenKit

/// The parts of `serve` that need no server: which request paths name a file, what a page's
/// HTML becomes, what the event stream says, what changed on disk, and compiler output.
@Suite struct RequestPathTests {
  @Test func plainPathsFoldersAndTheBasePath() {
    #expect(RequestPath.parse("/")?.relativePath == "index.html")
    #expect(RequestPath.parse("/articles/x/")?.relativePath == "articles/x/index.html")
    #expect(RequestPath.parse("/articles/x")?.relativePath == "articles/x")
    #expect(RequestPath.parse("/articles/x")?.isFolder == false)
    #expect(RequestPath.parse("/assets/site.css?v=3")?.relativePath == "assets/site.css")
    #expect(RequestPath.parse("/a%20b.txt")?.segments == ["a b.txt"])
    #expect(RequestPath.parse("/caf%C3%A9/")?.segments == ["café"])
    #expect(
      RequestPath.parse("/sub/articles/x/", basePath: "/sub/")?.relativePath
        == "articles/x/index.html")
    #expect(RequestPath.parse("/sub", basePath: "/sub/")?.relativePath == "index.html")
    #expect(RequestPath.parse("/other/", basePath: "/sub/") == nil)
  }

  @Test func everythingThatCouldLeaveTheFolderIsRefused() {
    let refused = [
      "", "articles", "/..", "/../x", "/a/../b", "/./a", "/%2e%2e/x", "/%2E%2e/x", "/%2e/x",
      "/..%2fx", "/a%2Fb", "/a%5cb", "/a\\b", "/%00", "/a%00.html", "/%0a", "/a//b", "/.hidden",
      "/.sitegen-manifest", "/%ff", "/%e2%82", "/%zz", "/%2", "/a/%2e%2e%2f%2e%2e%2fetc",
    ]
    for raw in refused {
      #expect(RequestPath.parse(raw) == nil, "\(raw)")
    }
  }
}

@Suite struct LiveReloadTests {
  @Test func theScriptGoesBeforeTheLastBodyCloseTag() {
    let html = Array("<html><body><p>&lt;/body&gt;</p>\n</BODY>\n</html>".utf8)
    let out = String(
      decoding: LiveReload.inject(into: html, page: "articles/x/index.html"), as: UTF8.self)
    #expect(
      out
        == "<html><body><p>&lt;/body&gt;</p>\n<script src=\"/__sitegen/reload.js\" data-page=\"articles/x/index.html\" data-events=\"/__sitegen/events\"></script>\n</BODY>\n</html>"
    )
    let bare = String(
      decoding: LiveReload.inject(into: Array("<p>x".utf8), page: "a\"b"), as: UTF8.self)
    #expect(bare.hasPrefix("<p>x<script "))
    #expect(bare.contains("data-page=\"a&quot;b\""))
  }

  @Test func eventsAreServerSentEventBlocks() {
    #expect(
      LiveReload.encode(.reload(files: ["a/index.html", "assets/site.css"]))
        == "event: reload\ndata: {\"files\":[\"a/index.html\",\"assets/site.css\"]}\n\n")
    #expect(
      LiveReload.encode(.hello(server: "7")).hasSuffix("event: hello\ndata: {\"server\":\"7\"}\n\n")
    )
    #expect(
      LiveReload.encode(.diagnostics([])) == "event: diagnostics\ndata: {\"diagnostics\":[]}\n\n")
    let d = Diagnostic.error(
      "x.y", "bad <b>\nthing", at: SourceLocation(path: "Content/a.md", line: 3, column: 2))
    let text = LiveReload.encode(.diagnostics([d]))
    #expect(
      text.contains("\"text\":\"Content/a.md:3:2: error: bad \\u003cb\\u003e\\nthing [x.y]\""))
    #expect(text.split(separator: "\n").count == 2, "one data line: newlines stay escaped")
  }

  @Test func theScriptNeverBuildsMarkupFromMessages() {
    #expect(!LiveReload.script.contains("innerHTML"))
    #expect(LiveReload.script.contains("textContent"))
  }
}

@Suite struct MediaTypeTests {
  @Test func typesByExtension() {
    let expected = [
      "a.html": "text/html; charset=utf-8", "a.css": "text/css; charset=utf-8",
      "a.js": "text/javascript; charset=utf-8", "a.json": "application/json",
      "feed.xml": "application/xml", "robots.txt": "text/plain; charset=utf-8",
      "a.svg": "image/svg+xml", "a.PNG": "image/png", "a.jpg": "image/jpeg", "a.webp": "image/webp",
      "favicon.ico": "image/x-icon", "a.woff2": "font/woff2", "README": "application/octet-stream",
      "dir.v2/file": "application/octet-stream",
    ]
    for (path, type) in expected { #expect(MediaType.of(path: path) == type, "\(path)") }
  }
}

@Suite struct SourceSnapshotTests {
  @Test func addedChangedAndRemovedFilesAndWhatTheyCallFor() throws {
    let root = NSTemporaryDirectory() + "sitegen-watch-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/Content/articles", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/Templates/assets", withIntermediateDirectories: true)
    _ = fm.createFile(atPath: root + "/Content/articles/a.md", contents: Data("a".utf8))
    _ = fm.createFile(atPath: root + "/Content/articles/.a.md.swp", contents: Data("x".utf8))
    _ = fm.createFile(atPath: root + "/Templates/Layout.swift", contents: Data("s".utf8))
    let folders = [root + "/Content", root + "/Templates"]
    let before = SourceSnapshot(folders: folders)
    #expect(before.files.count == 2, "hidden files are not watched")

    _ = fm.createFile(atPath: root + "/Content/articles/a.md", contents: Data("longer".utf8))
    _ = fm.createFile(atPath: root + "/Templates/assets/site.css", contents: Data("c".utf8))
    try fm.removeItem(atPath: root + "/Templates/Layout.swift")
    let after = SourceSnapshot(folders: folders)
    let changed = after.changes(since: before)
    #expect(
      changed == [
        root + "/Content/articles/a.md", root + "/Templates/Layout.swift",
        root + "/Templates/assets/site.css",
      ])
    let kinds = SourceChanges(
      changed, contentFolder: root + "/Content", templatesFolder: root + "/Templates")
    #expect(kinds.content == [root + "/Content/articles/a.md"])
    #expect(kinds.assets == [root + "/Templates/assets/site.css"])
    #expect(kinds.swiftTemplates == [root + "/Templates/Layout.swift"])
    #expect(after.changes(since: after).isEmpty)
  }

  @Test func sameSizeRewritesAreSeenByTheirTime() {
    let a = FileStamp(modified: 10, modifiedNanoseconds: 1, size: 3, inode: 9)
    var b = a
    b.modifiedNanoseconds = 2
    let before = SourceSnapshot(files: ["x": a])
    #expect(SourceSnapshot(files: ["x": b]).changes(since: before) == ["x"])
    b = a
    b.inode = 10
    #expect(SourceSnapshot(files: ["x": b]).changes(since: before) == ["x"], "saved by rename")
  }
}

@Suite struct CompilerOutputTests {
  @Test func compilerErrorsBecomeDiagnosticsOnceEach() {
    let output = """
      Building for debugging...
      /site/Templates/Layout.swift:12:5: error: cannot find 'titel' in scope
      10 |
      11 |   let x = 1
      12 |     titel
         |     `- error: cannot find 'titel' in scope
      /site/Templates/Layout.swift:12:5: error: cannot find 'titel' in scope
      /site/Templates/Home.swift:3:1: warning: unused variable
      /elsewhere/Other.swift:1:2: error: expected ':' in a: b
      error: fatalError
      """
    let errors = CompilerOutput.errors(in: output, root: "/site")
    #expect(
      errors.map(DiagnosticFormat.text.format) == [
        "Templates/Layout.swift:12:5: error: cannot find 'titel' in scope [swift.compile]",
        "/elsewhere/Other.swift:1:2: error: expected ':' in a: b [swift.compile]",
      ])
  }

  @Test func aFailureWithoutAPlaceStillSaysSomething() {
    let errors = CompilerOutput.errors(in: "linking\nld: undefined symbol foo\n", root: "/site")
    #expect(errors.count == 1)
    #expect(errors.first?.id == "swift.build")
    #expect(errors.first?.message.contains("undefined symbol foo") == true)
  }
}
