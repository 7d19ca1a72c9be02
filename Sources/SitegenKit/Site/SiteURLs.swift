/// Every URL the site links to: the URL layout editors and other tools rely on.
/// `/`, `/articles/<slug>/`, `/glossary/`, `/glossary/<slug>/`, `/tags/`, `/tags/<tag>/`,
/// `/search/`, `/feed.xml`, `/sitemap.xml`, `/robots.txt`, `/404.html`, `/assets/<file>`,
/// all under the path of `base_url`.
public struct SiteURLs: Sendable, Hashable, Encodable {
  public let basePath: String
  public let baseURL: String

  public init(_ config: SiteConfig) {
    basePath = config.basePath
    baseURL = config.baseURL
  }

  public var home: String { basePath }
  public var glossary: String { basePath + "glossary/" }
  // Joined in one allocation (`String.joining`): every build makes one for each page.
  public func article(_ slug: String) -> String { .joining(basePath, "articles/", slug, "/") }
  public func term(_ slug: String) -> String { .joining(basePath, "glossary/", slug, "/") }
  public func asset(_ name: String) -> String { basePath + "assets/\(name)" }
  public var tags: String { basePath + "tags/" }
  /// A tag's page: its name made into a slug ("United States" → `/tags/united-states/`).
  public func tag(_ name: String) -> String { basePath + "tags/\(Slug.suggest(from: name))/" }
  public var search: String { basePath + "search/" }
  public var feed: String { basePath + "feed.xml" }
  public var sitemap: String { basePath + "sitemap.xml" }

  /// The absolute URL of a site path, for canonical links and feeds.
  public func absolute(_ path: String) -> String {
    guard path.hasPrefix(basePath) else { return path }
    return baseURL + path.dropFirst(basePath.count)
  }
}
