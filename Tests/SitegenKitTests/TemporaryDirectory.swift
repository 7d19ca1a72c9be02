import SitegenTestSupport

/// An empty temporary folder: the unit tests write what they need.
typealias TemporaryDirectory = TemporaryFolder

extension TemporaryFolder {
  convenience init() { self.init(files: [:]) }
}
