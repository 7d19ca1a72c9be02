import Foundation

/// A fresh folder under the system temp dir, removed when the test is done with it.
final class TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "sitegen-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func write(_ relative: String, _ text: String) {
    let full = path + "/" + relative
    try? FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
  }

  func read(_ relative: String) -> String? {
    FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
  }

  func inode(_ relative: String) -> UInt64? {
    (try? FileManager.default.attributesOfItem(atPath: path + "/" + relative))?[.systemFileNumber] as? UInt64
  }

  /// Every file below `relative`, with its bytes: for "byte-identical" checks.
  func snapshot(_ relative: String) -> [String: Data] {
    let root = path + "/" + relative
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
    while let name = walker.nextObject() as? String {
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir), !isDir.boolValue {
        out[name] = FileManager.default.contents(atPath: root + "/" + name)
      }
    }
    return out
  }
}
