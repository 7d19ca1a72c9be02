import Foundation
import Testing

/// Every input the fuzzers ever crashed or slowed down on (`FuzzRegressions/<target>/`),
/// replayed through the same entry points on every `swift test`.
@Suite struct FuzzRegressionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("FuzzRegressions").path

  @Test(arguments: FuzzEntryPoints.targets)
  func findingsStayFixed(_ target: String) throws {
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: Self.root + "/" + target)) ?? []).sorted()
    for name in names where !name.hasPrefix(".") {
      let bytes = try #require(fm.contents(atPath: Self.root + "/" + target + "/" + name))
      #expect(FuzzEntryPoints.run(target, [UInt8](bytes)), "\(target)/\(name)")
    }
    // The seed corpus too (not the slow target's: each of its inputs takes seconds).
    guard target != "slowinput" else { return }
    let corpus = URL(fileURLWithPath: Self.root).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("fuzz/corpus/\(target)").path
    for name in ((try? fm.contentsOfDirectory(atPath: corpus)) ?? []).sorted().prefix(50) {
      if let bytes = fm.contents(atPath: corpus + "/" + name) { FuzzEntryPoints.run(target, [UInt8](bytes)) }
    }
  }
}
