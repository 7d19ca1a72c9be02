import Foundation

/// A fresh folder under the system temp dir with files written from strings, removed when the
/// test is done with it. Shared by the unit and end-to-end tests.
public final class TemporaryFolder {
  public let path: String

  public init(files: [String: String]) {
    path = NSTemporaryDirectory() + "sitegen-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { write(name, text) }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  public func write(_ relative: String, _ text: String) {
    let full = path + "/" + relative
    try? FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
  }

  public func read(_ relative: String) -> String? {
    FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
  }

  public func inode(_ relative: String) -> UInt64? {
    (try? FileManager.default.attributesOfItem(atPath: path + "/" + relative))?[.systemFileNumber] as? UInt64
  }

  /// Relative path → bytes of every file under `relative`: for "byte-identical" checks.
  public func snapshot(_ relative: String = "Public") -> [String: Data] {
    let root = path + "/" + relative
    var out: [String: Data] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root) else { return out }
    while let name = walker.nextObject() as? String {
      var isDir: ObjCBool = false
      if fm.fileExists(atPath: root + "/" + name, isDirectory: &isDir), !isDir.boolValue {
        out[name] = fm.contents(atPath: root + "/" + name)
      }
    }
    return out
  }
}
