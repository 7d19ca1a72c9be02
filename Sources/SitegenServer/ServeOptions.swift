import SitegenKit

/// What `sitegen serve` was asked for.
public struct ServeOptions: Sendable {
  /// Content and output folders, drafts; `strict` is ignored.
  public var build: BuildOptions
  /// An IP address to listen on; 127.0.0.1 unless the editor asks for another interface.
  public var host: String
  /// 0 picks a free port.
  public var port: Int
  /// The command line that starts this server again on a rebuilt binary, given the port it got.
  public var restartArguments: @Sendable (_ port: Int) -> [String]

  public init(
    build: BuildOptions, host: String, port: Int,
    restartArguments: @escaping @Sendable (_ port: Int) -> [String]
  ) {
    self.build = build
    self.host = host
    self.port = port
    self.restartArguments = restartArguments
  }

  /// Refuses a `--host` that is not an IP address (a name could stand for any interface).
  public static func validate(host: String, port: Int) throws {
    _ = try PreviewServer.address(host: host, port: port)
  }

  /// The folder holding the content folder: where `Templates/` and `Package.swift` are.
  public var siteRoot: String {
    var parts = build.contentDirectory.split(separator: "/", omittingEmptySubsequences: false)
    if parts.last == "" { parts.removeLast() }
    parts.removeLast()
    let root = parts.joined(separator: "/")
    return root.isEmpty ? (build.contentDirectory.hasPrefix("/") ? "/" : ".") : root
  }

  var contentFolder: String {
    build.contentDirectory.hasSuffix("/") && build.contentDirectory.count > 1
      ? String(build.contentDirectory.dropLast()) : build.contentDirectory
  }

  var templatesFolder: String {
    siteRoot == "/" ? "/Templates" : siteRoot == "." ? "Templates" : siteRoot + "/Templates"
  }
}
