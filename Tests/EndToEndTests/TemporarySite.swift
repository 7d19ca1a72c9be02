import SitegenTestSupport

/// A site folder: `Content/` written from strings, a minimal valid site by default.
typealias TemporarySite = TemporaryFolder

extension TemporaryFolder {
  convenience init() { self.init(files: TemporaryFolder.minimal) }

  static let minimal: [String: String] = [
    "Content/site.yml": "title: Test site\nbase_url: https://test.example/\n",
    "Content/articles/hello.md": "---\ntitle: Hello\nsummary: A greeting.\ndate: 2025-01-01\n---\nHello, world.\n",
  ]
}
