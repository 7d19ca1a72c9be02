import Foundation
import Testing

/// A build killed at any moment leaves the output folder holding the whole old site or the whole
/// new one, never a mix and never a half-written file.
@Suite struct KillSafetyTests {
  static func content(version: Int) -> [String: String] {
    var files = ["Content/site.yml": "title: Kill test\nbase_url: https://kill.example/\n"]
    for i in 0..<300 {
      files["Content/articles/a\(i).md"] =
        "---\ntitle: Article \(i)\nsummary: Version \(version).\ndate: 2025-01-01\n---\n"
        + String(repeating: "Paragraph of version \(version), article \(i).\n\n", count: 40)
    }
    return files
  }

  @Test func killedBuildsLeaveTheOldOrTheNewSiteWhole() throws {
    let site = TemporarySite(files: Self.content(version: 1))
    // The two complete sites a kill may leave behind.
    #expect(try CLI.run(["build", "--output", "Old"], in: site.path).status == 0)
    for (name, text) in Self.content(version: 2) { site.write(name, text) }
    #expect(try CLI.run(["build", "--output", "New"], in: site.path).status == 0)
    let sites = [site.snapshot("Old"), site.snapshot("New")]
    #expect(sites[0] != sites[1])

    var version = 2
    var outcomes = [0, 0]
    for round in 0..<16 {
      // Alternate the content so that every build has the whole site to replace.
      version = version == 1 ? 2 : 1
      for (name, text) in Self.content(version: version) { site.write(name, text) }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CLI.binary)
      process.arguments = ["build"]
      process.currentDirectoryURL = URL(fileURLWithPath: site.path)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32(round * 25_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = site.snapshot("Public")
      if now.isEmpty { continue }  // killed before the first build ever finished: no site yet
      let match = sites.firstIndex(of: now)
      #expect(match != nil, "round \(round): Public/ is neither the old nor the new site")
      if let match { outcomes[match] += 1 }
    }
    // Then a normal build finishes and clears what killed builds left beside Public/.
    #expect(try CLI.run(["build"], in: site.path).status == 0)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path)
      .filter { $0.contains("staging") || $0.contains("sitegen-old") }
    #expect(leftovers.isEmpty)
    print("kill test: Public/ was the version-1 site \(outcomes[0]) times, version-2 \(outcomes[1]) times")
  }
}
