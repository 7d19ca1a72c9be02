import Foundation

/// A site folder in the temp dir with `Content/` written from strings.
final class TemporarySite {
  let path: String

  init(files: [String: String] = TemporarySite.minimal) {
    path = NSTemporaryDirectory() + "sitegen-cli-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { write(name, text) }
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

  /// Relative path → bytes of every file under `relative`.
  func snapshot(_ relative: String = "Public") -> [String: Data] {
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

  static let minimal: [String: String] = [
    "Content/site.yml": "title: Test site\nbase_url: https://test.example/\n",
    "Content/articles/hello.md": "---\ntitle: Hello\nsummary: A greeting.\ndate: 2025-01-01\n---\nHello, world.\n",
  ]
}
