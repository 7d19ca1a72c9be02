import Foundation
import Testing

/// Byte-identical output, with identical file modes, whatever the environment: thread count,
/// time zone, locale, umask, and the order in which the file system lists `Content/`.
/// (BuildCommandTests covers two runs with threads and TZ; this adds the rest.)
@Suite struct DeterminismTests {
  static func files(_ order: [Int]) -> [(String, String)] {
    order.map { i in
      i % 3 == 0
        ? ("Content/glossary/term-\(i).md", "---\nterm: word\(i)\nsummary: Term \(i).\naliases: [words\(i)]\n---\nSee word\(i + 3).\n")
        : ("Content/articles/article-\(i).md",
          "---\ntitle: Article \(i) – Ünïcode\nsummary: S \(i).\ndate: 2025-0\(i % 9 + 1)-1\(i % 9)T0\(i % 9):30:00+02:00\ntags: [tag\(i % 4), Tag \(i % 2)]\n---\n## Heading \(i)\n\nword\(i - 1) and word\(i + 2), [next](article-\(i == 1 ? 2 : 1).md).\n")
    }
  }

  /// Every file under `relative` → its mode and bytes.
  static func snapshot(_ site: TemporarySite, _ relative: String) -> [String: String] {
    var out: [String: String] = [:]
    let fm = FileManager.default
    for (name, data) in site.snapshot(relative) {
      let mode = (try? fm.attributesOfItem(atPath: site.path + "/" + relative + "/" + name))?[.posixPermissions] as? Int
      out[name] = "\(String(mode ?? 0, radix: 8)) \(data.count) \(data.hashValue)"
    }
    return out
  }

  @Test func outputIsIdenticalAcrossLocaleUmaskThreadsAndFileOrder() throws {
    let forward = Array(1...20), backward = Array((1...20).reversed()), shuffled = [7, 3, 19, 1, 12, 5, 20, 9, 2, 15, 11, 4, 18, 6, 14, 8, 17, 10, 16, 13]
    var results: [String: [String: String]] = [:]
    var sites: [TemporarySite] = []
    for (name, order) in [("forward", forward), ("backward", backward), ("shuffled", shuffled)] {
      let site = TemporarySite(files: ["Content/site.yml": "title: Determinism\nbase_url: https://d.example/\n"])
      for (path, text) in Self.files(order) { site.write(path, text) }
      sites.append(site)
      let build = try CLI.run(["build"], in: site.path)
      #expect(build.status == 0, "\(build.stderr)")
      results["order \(name)"] = Self.snapshot(site, "Public")
    }
    let site = sites[0]
    let variants: [(String, [String: String], String?)] = [
      ("threads 1", ["SITEGEN_THREADS": "1"], nil),
      ("threads 7", ["SITEGEN_THREADS": "7"], nil),
      ("TZ Pacific/Kiritimati", ["TZ": "Pacific/Kiritimati"], nil),
      ("TZ America/St_Johns", ["TZ": "America/St_Johns"], nil),
      ("LC_ALL tr_TR.UTF-8", ["LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"], nil),
      ("LC_ALL C", ["LC_ALL": "C", "LANG": "C"], nil),
      ("umask 077", [:], "077"),
      ("umask 000", [:], "000"),
    ]
    for (name, environment, umask) in variants {
      let output = "Out-" + name.replacing(" ", with: "-").replacing("/", with: "-")
      let arguments = umask.map { ["/bin/sh", "-c", "umask \($0) && exec \"$0\" build --output \(output)", CLI.binary] }
      let result: CLI.Result
      if let arguments {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: site.path)
        process.environment = CLI.environment()
        try process.run()
        process.waitUntilExit()
        result = CLI.Result(status: process.terminationStatus, stdout: "", stderr: "")
      } else {
        result = try CLI.run(["build", "--output", output], in: site.path, environment: environment)
      }
      #expect(result.status == 0, "\(name): \(result.stderr)")
      results[name] = Self.snapshot(site, output)
    }
    let reference = try #require(results["order forward"])
    #expect(reference.count >= 40)
    for (name, snapshot) in results.sorted(by: { $0.key < $1.key }) {
      let differing = Set(reference.keys).union(snapshot.keys).filter { reference[$0] != snapshot[$0] }.sorted()
      #expect(differing.isEmpty, "\(name): \(differing.prefix(5)) differ (\(differing.first.map { "\(reference[$0] ?? "-") vs \(snapshot[$0] ?? "-")" } ?? ""))")
    }
  }
}
