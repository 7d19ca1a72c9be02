import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `sitegen serve` as an editor uses it: the real binary on a free port, a page and its event
/// stream, files edited, broken and fixed on disk. Every test stops its server (SIGINT, and
/// SIGKILL as a last resort in `deinit`).
@Suite struct ServeCommandTests {
  static let article = "---\ntitle: Hello\nsummary: A greeting.\ndate: 2025-01-01\n---\n"

  @Test func editReloadsBreakShowsTheOverlayAndFixClearsIt() throws {
    let site = TemporarySite()
    let server = try ServeProcess(site)
    defer { server.stop() }

    let page = try server.get("/articles/hello/")
    #expect(page.status == 200)
    #expect(page.headers["content-type"] == "text/html; charset=utf-8")
    #expect(page.text.contains("Hello, world."))
    #expect(
      page.text.contains(
        "<script src=\"/__sitegen/reload.js\" data-page=\"articles/hello/index.html\""))
    let script = try #require(page.text.range(of: "/__sitegen/reload.js"))
    let bodyEnd = try #require(page.text.range(of: "</body>", options: .backwards))
    #expect(script.upperBound < bodyEnd.lowerBound, "the script goes before </body>")
    #expect(
      site.read("Public/articles/hello/index.html")?.contains("__sitegen") == false, "never on disk"
    )
    let js = try server.get("/__sitegen/reload.js")
    #expect(js.status == 200 && js.text.contains("EventSource"))

    let events = try server.events()
    #expect(events.next("hello") != nil)
    #expect(events.status == 200)

    // Edit: the reload event names the page, and the new text is served.
    let saved = Date()
    site.write("Content/articles/hello.md", Self.article + "Hello, edited world.\n")
    let reload = try #require(events.next("reload"), "\(server.printed)")
    let latency = Date().timeIntervalSince(saved)
    print("serve: save to reload event in \(Int(latency * 1000)) ms")
    #expect(reload.data.contains("\"articles/hello/index.html\""))
    #expect(latency < 2, "save to reload event: \(latency) s")
    #expect(try server.get("/articles/hello/").text.contains("Hello, edited world."))
    #expect(Date().timeIntervalSince(saved) < 2, "new content served within two seconds")

    // Break: the overlay event carries the diagnostic; the last good page stays served.
    site.write(
      "Content/articles/hello.md",
      Self.article.replacing("2025-01-01", with: "2025-02-30") + "Broken.\n")
    let overlay = try #require(events.next("diagnostics"), "\(server.printed)")
    #expect(
      overlay.data.contains("Content/articles/hello.md:4:7: error: '2025-02-30' is not a real date")
    )
    #expect(overlay.data.contains("\"id\":\"front-matter.date\""))
    #expect(try server.get("/articles/hello/").text.contains("Hello, edited world."))
    #expect(server.waitForOutput("Content/articles/hello.md:4:7: error:"), "and in the terminal")
    // A page opened while the build is broken gets the overlay at once.
    let late = try server.events()
    #expect(late.next("hello") != nil)
    #expect(late.next("diagnostics")?.data.contains("front-matter.date") == true)

    // Fix: an empty list clears the overlay.
    site.write("Content/articles/hello.md", Self.article + "Hello, fixed world.\n")
    let cleared = try #require(events.next("diagnostics"), "\(server.printed)")
    #expect(cleared.data == "{\"diagnostics\":[]}")
    #expect(events.next("reload")?.data.contains("articles/hello/index.html") == true)
    #expect(try server.get("/articles/hello/").text.contains("Hello, fixed world."))

    #expect(server.stop() == 0, "Ctrl-C stops cleanly: \(server.printed)")
    #expect(events.waitForClose(), "and ends the event streams")
  }

  @Test func aSaveThatChangesNoOutputReloadsNothing() throws {
    let site = TemporarySite()
    let server = try ServeProcess(site)
    defer { server.stop() }
    let events = try server.events()
    #expect(events.next("hello") != nil)
    let mark = server.printed.utf8.count
    // Same bytes, new modification time: a rebuild that writes and reloads nothing.
    site.write("Content/articles/hello.md", try #require(site.read("Content/articles/hello.md")))
    #expect(server.waitForOutput("no page changed", after: mark), "\(server.printed)")
    #expect(events.pending().filter { $0.name == "reload" }.isEmpty)
    #expect(server.stop() == 0)
  }

  @Test func pathsOutsideTheOutputFolderAre404() throws {
    let site = TemporarySite()
    site.write("Package.swift", "// SECRET-PACKAGE\n")
    site.write("secret.txt", "SECRET-TEXT\n")
    let server = try ServeProcess(site)
    defer { server.stop() }
    let attempts = [
      "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E/secret.txt", "/..%2fPackage.swift",
      "/..%2FPackage.swift", "/%2e%2e%2fsecret.txt", "/articles/../../Package.swift",
      "/articles/%2e%2e/%2e%2e/secret.txt", "/articles/..%2f..%2fsecret.txt", "/..\\Package.swift",
      "/%5c..%5cPackage.swift", "/..%5cPackage.swift", "/%00", "/index.html%00.txt",
      "/articles/hello/%2e/index.html", "/.sitegen-manifest", "/assets/..%2f..%2fsecret.txt",
      "//etc/passwd", "/%2fetc%2fpasswd", "/%ff%fe",
    ]
    for path in attempts {
      let reply = try server.get(path)
      #expect(reply.status == 404, "\(path) → \(reply.status)")
      #expect(!reply.text.contains("SECRET"), "\(path) leaked a file")
      #expect(!reply.text.contains("root:"), "\(path) leaked /etc/passwd")
    }
    #expect(server.stop() == 0)
  }

  @Test func unknownPathsGetTheSitesOwn404PageAndFoldersTheirIndex() throws {
    let site = TemporarySite()
    let server = try ServeProcess(site)
    defer { server.stop() }
    let missing = try server.get("/no/such/page/")
    #expect(missing.status == 404)
    #expect(missing.text.contains("<h1>Page not found</h1>"))
    #expect(missing.text.contains("data-page=\"404.html\""), "the 404 page reloads too")
    #expect(try server.get("/").text.contains("/articles/hello/"))
    let folder = try server.get("/articles/hello")
    #expect(folder.status == 301)
    #expect(folder.headers["location"] == "/articles/hello/")
    let head = try server.get("/articles/hello/", method: "HEAD")
    #expect(
      head.status == 200 && head.body.isEmpty && Int(head.headers["content-length"] ?? "") ?? 0 > 0)
    #expect(try server.get("/articles/hello/", method: "POST").status == 405)
    #expect(server.stop() == 0)
  }

  @Test func contentTypesAndAssetsFromTheTemplatesFolder() throws {
    let site = TemporarySite()
    let files = [
      "site.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
      "data.json": "application/json", "feed.xml": "application/xml",
      "notes.txt": "text/plain; charset=utf-8", "icon.svg": "image/svg+xml",
      "logo.png": "image/png",
      "photo.jpg": "image/jpeg", "photo.webp": "image/webp", "favicon.ico": "image/x-icon",
      "font.woff2": "font/woff2", "blob.bin": "application/octet-stream",
    ]
    for name in files.keys { site.write("Templates/assets/\(name)", "asset \(name)\n") }
    let server = try ServeProcess(site)
    defer { server.stop() }
    for (name, type) in files {
      let reply = try server.get("/assets/\(name)")
      #expect(reply.status == 200, "\(name)")
      #expect(
        reply.headers["content-type"] == type, "\(name): \(reply.headers["content-type"] ?? "none")"
      )
      #expect(reply.text == "asset \(name)\n", "served from Templates/assets/ on disk")
      #expect(!reply.text.contains("__sitegen"), "only HTML gets the script")
    }
    // Built assets are still served when Templates/assets/ lacks them.
    #expect(
      try server.get("/assets/site.js").headers["content-type"] == "text/javascript; charset=utf-8")
    #expect(try server.get("/").headers["content-type"] == "text/html; charset=utf-8")

    // An asset edit reloads at once, with no rebuild.
    let events = try server.events()
    #expect(events.next("hello") != nil)
    site.write("Templates/assets/site.css", "body { color: red }\n")
    let reload = try #require(events.next("reload"), "\(server.printed)")
    #expect(reload.data == "{\"files\":[\"assets/site.css\"]}")
    #expect(try server.get("/assets/site.css").text == "body { color: red }\n")
    #expect(server.stop() == 0)
  }

  @Test func aSwiftTemplateChangeRebuildsThePackageAndRestartsOnTheNewBinary() throws {
    let site = TemporarySite()
    site.write("Package.swift", "// a stand-in package: the stand-in compiler below builds it\n")
    site.write("Templates/Theme.swift", "struct Theme {}\n")
    // A stand-in `swift`: fails while the template says BROKEN, else "builds" the binary the
    // tests run, so the restart execs the real sitegen.
    let binFolder = (CLI.binary as NSString).deletingLastPathComponent
    site.write(
      "fake-swift",
      """
      #!/bin/sh
      for a in "$@"; do [ "$a" = "--show-bin-path" ] && { echo '\(binFolder)'; exit 0; }; done
      if grep -q BROKEN Templates/Theme.swift; then
        echo "Compiling SitegenTemplates Theme.swift"
        echo "$PWD/Templates/Theme.swift:2:3: error: cannot find 'BROKEN' in scope"
        echo " 2 | BROKEN"
        echo "   | \\`- error: cannot find 'BROKEN' in scope"
        exit 1
      fi
      echo "Build complete!"

      """)
    chmod(site.path + "/fake-swift", 0o755)
    let server = try ServeProcess(site, environment: ["SITEGEN_SWIFT": site.path + "/fake-swift"])
    defer { server.stop() }
    let events = try server.events()
    let firstID = try #require(events.next("hello")).data

    site.write("Templates/Theme.swift", "struct Theme {}\nBROKEN\n")
    let overlay = try #require(events.next("diagnostics"), "\(server.printed)")
    #expect(
      overlay.data.contains(
        "Templates/Theme.swift:2:3: error: cannot find 'BROKEN' in scope [swift.compile]"),
      "\(overlay.data)")
    #expect(server.waitForOutput("Templates/Theme.swift:2:3: error: cannot find 'BROKEN' in scope"))
    #expect(try server.get("/articles/hello/").status == 200, "the last good site stays served")

    site.write("Templates/Theme.swift", "struct Theme {}\n")
    #expect(events.waitForClose(), "the old server ends its streams before it restarts")
    #expect(server.waitForOutput("Restarted on the new templates. Serving"), "\(server.printed)")
    let again = try server.events()
    let secondID = try #require(again.next("hello")).data
    #expect(secondID != firstID, "pages see a new server and reload")
    #expect(again.pending().allSatisfy { $0.name != "diagnostics" }, "no overlay after the fix")
    #expect(server.process.isRunning, "the same process, on the new binary")
    #expect(server.stop() == 0)
  }

  @Test func noDraftsLeavesDraftsOutAndDraftsAreInByDefault() throws {
    let site = TemporarySite()
    site.write(
      "Content/articles/draft.md",
      "---\ntitle: Draft\nsummary: S\ndate: 2025-01-01\ndraft: true\n---\nDraft text.\n")
    do {
      let server = try ServeProcess(site)
      defer { server.stop() }
      #expect(try server.get("/articles/draft/").status == 200)
      #expect(server.stop() == 0)
    }
    let strict = try ServeProcess(site, arguments: ["--no-drafts"])
    defer { strict.stop() }
    #expect(try strict.get("/articles/draft/").status == 404)
    #expect(strict.printed.contains("drafts left out"))
    #expect(strict.stop() == 0)
  }

  @Test func hostIsAnAddressAndABusyPortIsAnEnvironmentError() throws {
    let site = TemporarySite()
    let byName = try ServeProcess.runToExit(
      ["serve", "--host", "example.com", "--port", "0"], in: site)
    #expect(byName.status == 2)
    #expect(byName.output.contains("--host takes an IP address"), "\(byName.output)")
    #expect(try ServeProcess.runToExit(["serve", "--port", "70000"], in: site).status == 2)
    let server = try ServeProcess(site)
    defer { server.stop() }
    let busy = try ServeProcess.runToExit(
      ["serve", "--port", String(server.port), "--output", "Other"], in: site)
    #expect(busy.status == 2)
    #expect(busy.output.contains("port is in use"), "\(busy.output)")
    #expect(server.stop() == 0)
  }

  @Test func sigtermStopsCleanlyToo() throws {
    let site = TemporarySite()
    let server = try ServeProcess(site)
    #expect(server.stop(signal: SIGTERM) == 0)
    #expect(server.printed.contains("Stopping."))
  }
}
