import Testing

@testable import SitegenKit

/// A file's stem is its default slug: the last path component without its last extension.
@Suite struct SourceFileStemTests {
  @Test(arguments: [
    ("articles/talks.md", "talks"),
    ("talks.md", "talks"),
    ("articles/2026/a.b.md", "a.b"),
    ("glossary/noext", "noext"),
    ("articles/.md", ""),
    ("articles/x/", "x"),
    ("a//b.md", "b"),
    ("статьи/гарантии.md", "гарантии"),
    ("articles/café.md", "café"),
  ])
  func stemIsTheLastComponentWithoutItsExtension(path: String, stem: String) {
    #expect(SourceFile(relativePath: path, displayPath: path, bytes: []).stem == stem)
  }
}
