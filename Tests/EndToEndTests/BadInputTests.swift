import Foundation
import SitegenKit
import SitegenTemplates
import Testing

/// Hostile and broken input, one tiny site per case in `BadInput/<case>/`: each must give its
/// exact diagnostics (`expected.txt`) or pages holding the expected snippets (`expected-html/`),
/// never a crash, a hang or unsafe HTML. `SITEGEN_RECORD=1 swift test` rewrites `expected.txt`.
@Suite struct BadInputTests {
  static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("BadInput")
  static let record = ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1"
  static let now = 1_764_374_400

  static var cases: [String] {
    let fm = FileManager.default
    return ((try? fm.contentsOfDirectory(atPath: casesDirectory.path)) ?? []).filter {
      var isDir: ObjCBool = false
      return fm.fileExists(atPath: casesDirectory.path + "/" + $0, isDirectory: &isDir) && isDir.boolValue
    }.sorted()
  }

  @Test(arguments: cases)
  func caseGivesItsExpectedOutcome(_ name: String) throws {
    let site = BadInputSite()
    let setup = try site.add(case: name)
    let outcome = try site.build(unprivileged: setup.contains("unprivileged"))
    let caseRoot = Self.casesDirectory.appendingPathComponent(name).path
    let expectedFile = caseRoot + "/expected.txt"
    if Self.record {
      try Data(outcome.diagnostics.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: expectedFile))
    } else {
      let expected = try String(contentsOfFile: expectedFile, encoding: .utf8)
        .split(separator: "\n").map(String.init)
      #expect(outcome.diagnostics == expected, "\(name): diagnostics differ from expected.txt")
    }
    for problem in HTMLSafety.problems(in: outcome.pages) {
      Issue.record("\(name): \(problem)")
    }
    for (page, snippets) in Self.expectedSnippets(caseRoot) {
      guard let bytes = outcome.pages[page] else {
        Issue.record("\(name): no page \(page)")
        continue
      }
      let html = String(decoding: bytes, as: UTF8.self)
      for snippet in snippets {
        if snippet.hasPrefix("!") {
          #expect(!html.contains(snippet.dropFirst()), "\(name): \(page) must not contain \(snippet.dropFirst())")
        } else {
          #expect(html.contains(snippet), "\(name): \(page) must contain \(snippet)")
        }
      }
    }
  }

  /// Every case that can share a site, in one `Content/`: one run reports every case's problems.
  @Test(.disabled(if: record, "expected.txt is being rewritten"))
  func allCasesAtOnceReportEveryError() throws {
    let site = BadInputSite()
    var expected: [String] = []
    for name in Self.cases {
      let caseRoot = Self.casesDirectory.appendingPathComponent(name).path
      let setup = (try? String(contentsOfFile: caseRoot + "/setup.txt", encoding: .utf8)) ?? ""
      if setup.contains("standalone") { continue }
      _ = try site.add(case: name)
      expected += try String(contentsOfFile: caseRoot + "/expected.txt", encoding: .utf8)
        .split(separator: "\n").map(String.init)
    }
    let outcome = try site.build(unprivileged: false)
    let errors = { (lines: [String]) in Set(lines.filter { $0.contains(": error: ") }) }
    #expect(errors(expected).count > 80)
    #expect(errors(outcome.diagnostics).subtracting(errors(expected)).sorted() == [])
    #expect(errors(expected).subtracting(errors(outcome.diagnostics)).sorted() == [])
    #expect(HTMLSafety.problems(in: outcome.pages) == [])
  }

  /// `expected-html/<page>`: one snippet per line that the page must contain (`!`: must not).
  static func expectedSnippets(_ caseRoot: String) -> [(String, [String])] {
    let root = caseRoot + "/expected-html"
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root) else { return [] }
    var out: [(String, [String])] = []
    while let page = walker.nextObject() as? String {
      guard let text = try? String(contentsOfFile: root + "/" + page, encoding: .utf8) else { continue }
      out.append((page, text.split(separator: "\n").map(String.init)))
    }
    return out.sorted { $0.0 < $1.0 }
  }
}

/// A scratch site folder that cases are copied into, with their `setup.txt` applied:
/// `symlink LINK TARGET`, `file PATH TEXT`, `outside PATH TEXT` (beside `Content/`),
/// `mkfifo PATH`, `chmod MODE PATH`; flags `standalone` and `unprivileged`.
/// `@@REPEAT(N,text)@@` in a Markdown file stands for `text` N times, to keep large cases small.
final class BadInputSite {
  let path = NSTemporaryDirectory() + "sitegen-bad-" + UUID().uuidString
  private var pendingModes: [(String, String)] = []

  init() {
    try? FileManager.default.createDirectory(atPath: path + "/Content", withIntermediateDirectories: true)
    write("Content/site.yml", Array("title: Bad input\nbase_url: https://bad.example/\n".utf8))
  }

  deinit {
    _ = try? Self.shell(["chmod", "-R", "u+rwx", path])
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Copies one case in and applies its setup; returns the setup lines.
  func add(case name: String) throws -> [String] {
    let source = BadInputTests.casesDirectory.appendingPathComponent(name).path
    let fm = FileManager.default
    if let walker = fm.enumerator(atPath: source + "/Content") {
      while let relative = walker.nextObject() as? String {
        let from = source + "/Content/" + relative
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: from, isDirectory: &isDir), !isDir.boolValue,
          let data = fm.contents(atPath: from)
        else { continue }
        write("Content/" + relative, Self.expand([UInt8](data)))
      }
    }
    let setup = ((try? String(contentsOfFile: source + "/setup.txt", encoding: .utf8)) ?? "")
      .split(separator: "\n").map(String.init)
    for line in setup {
      let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
      let unescaped = { (s: String) in s.replacing("\\n", with: "\n") }
      switch parts.first {
      case "symlink":
        try mkdirs(parts[1])
        try fm.createSymbolicLink(atPath: path + "/" + parts[1], withDestinationPath: parts[2])
      case "file", "outside":
        write(parts[1], Array(unescaped(parts[2]).utf8))
      case "mkfifo":
        try mkdirs(parts[1])
        #expect(mkfifo(path + "/" + parts[1], 0o644) == 0)
      case "chmod":
        pendingModes.append((parts[1], parts[2]))
      default: break
      }
    }
    return setup
  }

  struct Outcome {
    /// As printed, paths relative to the site folder.
    var diagnostics: [String]
    var pages: [String: [UInt8]]
  }

  /// Builds in process, or with the real binary as `nobody` (root reads any file).
  func build(unprivileged: Bool) throws -> Outcome {
    for (mode, relative) in pendingModes {
      _ = try Self.shell(["chmod", mode, path + "/" + relative])
    }
    if unprivileged {
      _ = try Self.shell(["chmod", "a+rwx", path])
      let stderr = try Self.output(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.binary, "build"],
        in: path)
      let lines = stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Content/") }
      return Outcome(diagnostics: lines, pages: Self.files(under: path + "/Public"))
    }
    let content = try ContentLoader.load(contentDirectory: path + "/Content")
    let site = SitePipeline.generate(
      content, options: BuildOptions(now: BadInputTests.now), theme: SiteTheme())
    var pages: [String: [UInt8]] = [:]
    for page in site.pages where !page.path.hasPrefix("assets/") { pages[page.path] = page.bytes }
    return Outcome(
      diagnostics: site.diagnostics.map {
        DiagnosticFormat.text.format($0).replacing(path + "/", with: "")
      }, pages: pages)
  }

  private func write(_ relative: String, _ bytes: [UInt8]) {
    try? mkdirs(relative)
    _ = FileManager.default.createFile(atPath: path + "/" + relative, contents: Data(bytes))
  }

  private func mkdirs(_ relative: String) throws {
    try FileManager.default.createDirectory(
      atPath: ((path + "/" + relative) as NSString).deletingLastPathComponent,
      withIntermediateDirectories: true)
  }

  /// Expands `@@REPEAT(N,text)@@`.
  static func expand(_ bytes: [UInt8]) -> [UInt8] {
    guard var text = String(validating: bytes, as: UTF8.self), text.contains("@@REPEAT(") else {
      return bytes
    }
    while let start = text.range(of: "@@REPEAT("), let end = text.range(of: ")@@", range: start.upperBound..<text.endIndex) {
      let inner = text[start.upperBound..<end.lowerBound]
      guard let comma = inner.firstIndex(of: ","), let count = Int(inner[..<comma]) else { break }
      text.replaceSubrange(start.lowerBound..<end.upperBound, with: String(repeating: String(inner[inner.index(after: comma)...]), count: count))
    }
    return Array(text.utf8)
  }

  /// Relative path → bytes of every file under `root`.
  static func files(under root: String) -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root) else { return out }
    while let name = walker.nextObject() as? String {
      var isDir: ObjCBool = false
      if fm.fileExists(atPath: root + "/" + name, isDirectory: &isDir), !isDir.boolValue,
        !name.hasPrefix("assets/"), let data = fm.contents(atPath: root + "/" + name)
      {
        out[name] = [UInt8](data)
      }
    }
    return out
  }

  /// Runs a command in `directory` with the tests' fixed clock; returns its stderr.
  static func output(_ arguments: [String], in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = CLI.environment()
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @discardableResult
  static func shell(_ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
