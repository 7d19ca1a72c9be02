import Foundation
import SitegenKit
import SitegenTemplates
import Testing

/// Small sites, one feature each, built in memory and compared with `Expected/` byte for byte.
/// `SITEGEN_RECORD=1 swift test` rewrites `Expected/` so the change is reviewed in git.
@Suite struct GoldenSiteTests {
  static let sitesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Sites")
  static let record = ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1"
  /// 2025-11-29: fixed, so drafts and future dates do not depend on the day the tests run.
  static let now = 1_764_374_400

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: sitesDirectory.path)) ?? []).sorted()
  }

  /// What a build of the case's `Content/` produces: HTML pages and the diagnostics as text.
  static func outputs(of name: String) throws -> [String: String] {
    let root = sitesDirectory.appendingPathComponent(name).path
    let content = try ContentLoader.load(contentDirectory: root + "/Content")
    let site = SitePipeline.generate(content, options: BuildOptions(now: now), theme: SiteTheme())
    var files: [String: String] = [:]
    // Pages and the files around them; the theme's assets have tests of their own.
    for page in site.pages where !page.path.hasPrefix("assets/") {
      files[page.path] = String(decoding: page.bytes, as: UTF8.self)
    }
    let diagnostics = site.diagnostics.map {
      DiagnosticFormat.text.format($0).replacing(root + "/", with: "")
    }
    files["diagnostics.txt"] = diagnostics.map { $0 + "\n" }.joined()
    return files
  }

  @Test(arguments: cases)
  func siteMatchesExpected(_ name: String) throws {
    let expectedRoot = Self.sitesDirectory.appendingPathComponent(name + "/Expected").path
    let actual = try Self.outputs(of: name)
    let fm = FileManager.default
    if Self.record {
      try? fm.removeItem(atPath: expectedRoot)
      for (path, text) in actual {
        let full = expectedRoot + "/" + path
        try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
      }
      return
    }
    let expectedFiles = Set((fm.enumerator(atPath: expectedRoot)?.allObjects as? [String] ?? [])
      .filter { !(((try? fm.attributesOfItem(atPath: expectedRoot + "/" + $0))?[.type] as? FileAttributeType) == .typeDirectory) })
    #expect(!expectedFiles.isEmpty, "no Expected/ for \(name): run SITEGEN_RECORD=1 swift test")
    #expect(Set(actual.keys) == expectedFiles, "the set of pages changed")
    for (path, text) in actual.sorted(by: { $0.key < $1.key }) where expectedFiles.contains(path) {
      let expected = fm.contents(atPath: expectedRoot + "/" + path).map { String(decoding: $0, as: UTF8.self) }
      #expect(text == expected, "\(name)/\(path) differs from Expected (SITEGEN_RECORD=1 to re-record)")
    }
  }
}
