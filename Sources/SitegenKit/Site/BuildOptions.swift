/// Everything a build needs to know besides the content itself.
public struct BuildOptions: Sendable, Hashable {
  public var contentDirectory: String
  public var outputDirectory: String
  public var includeDrafts: Bool
  public var strict: Bool
  /// Seconds since 1970: articles dated later are left out unless drafts are included.
  public var now: Int

  public init(
    contentDirectory: String = "Content", outputDirectory: String = "Public",
    includeDrafts: Bool = false, strict: Bool = false, now: Int = Environment.now()
  ) {
    self.contentDirectory = contentDirectory
    self.outputDirectory = outputDirectory
    self.includeDrafts = includeDrafts
    self.strict = strict
    self.now = now
  }
}
