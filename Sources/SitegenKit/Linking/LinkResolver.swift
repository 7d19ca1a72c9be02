import Foundation

/// Where a link written in Markdown leads.
public enum LinkTarget: Sendable, Hashable {
  /// Left as written: another site, a page anchor, a site-absolute path, a non-Markdown file.
  case asWritten
  case article(slug: String, fragment: String?)
  case term(slug: String, fragment: String?)
  /// `[text]()`: the editor's way to say "plain text here, no term link".
  case optOut
  case broken(String)
}

/// Resolves links to other sources (`other.md`, `../glossary/red-lines.md#x`) relative to the file
/// that holds them, without leaving the content folder.
public struct LinkResolver: Sendable {
  /// `articles/x.md` → slug, for articles in this build.
  let articles: [String: String]
  /// Files that exist but are not in this build (drafts, future dates).
  let unpublished: Set<String>
  /// `glossary/x.md` → slug.
  let terms: [String: String]
  /// Everything a link can resolve to, hashed in the order given: two resolvers with the same
  /// fingerprint resolve every link from every file alike. While it stays the same from one
  /// build to the next, a cached document's links need not be resolved again.
  let fingerprint: UInt64

  public init(articles: [Article], unpublished: [Article], terms: [Term]) {
    // Fields read by index: a closure over each element copied every article.
    self.articles = Dictionary(
      articles.indices.map { (articles[$0].source.relativePath, articles[$0].slug) },
      uniquingKeysWith: { a, _ in a })
    self.unpublished = Set(unpublished.map(\.source.relativePath))
    self.terms = Dictionary(
      terms.map { ($0.source.relativePath, $0.slug) }, uniquingKeysWith: { a, _ in a })
    var h = StableHasher()
    for (kind, list) in [(1, articles), (2, unpublished)] {
      h.combine(UInt64(kind))
      h.combine(UInt64(list.count))
      for i in list.indices {
        h.combine(list[i].source.relativePath)
        h.combine(list[i].slug)
      }
    }
    h.combine(UInt64(terms.count))
    for t in terms {
      h.combine(t.source.relativePath)
      h.combine(t.slug)
    }
    fingerprint = h.finalize()
  }

  /// Over UTF-8 (links are URLs: the bytes that matter are ASCII): splitting and searching by
  /// `Character` cost 32,000 instructions a link, 2 % of a cold build.
  public func resolve(_ destination: String, from source: SourceFile) -> LinkTarget {
    if destination.isEmpty { return .optOut }
    if destination.hasPrefix("#") || destination.hasPrefix("/") || Self.hasScheme(destination) {
      return .asWritten
    }
    var path = Substring(destination)
    var fragment: String?
    if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) {
      fragment = String(path[path.utf8.index(after: hash)...])
      path = path[..<hash]
    }
    if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
    let decoded =
      path.utf8.contains(UInt8(ascii: "%"))
      ? String(path).removingPercentEncoding ?? String(path) : String(path)
    guard decoded.utf8.count >= 3, decoded.utf8.suffix(3).elementsEqual(".md".utf8) else {
      return .asWritten
    }

    let slash = UInt8(ascii: "/")
    var parts = source.relativePath.utf8.split(separator: slash).dropLast().map { Substring($0) }
    for component in decoded.utf8.split(separator: slash, omittingEmptySubsequences: true) {
      if component.elementsEqual(".".utf8) { continue }
      if component.elementsEqual("..".utf8) {
        if parts.isEmpty { return .broken("'\(destination)' points outside the content folder") }
        parts.removeLast()
      } else {
        parts.append(Substring(component))
      }
    }
    let resolved = parts.joined(separator: "/")
    if let slug = articles[resolved] { return .article(slug: slug, fragment: fragment) }
    if let slug = terms[resolved] { return .term(slug: slug, fragment: fragment) }
    if unpublished.contains(resolved) {
      return .broken(
        "'\(destination)' is a draft or future-dated article that this build leaves out; publish it or remove the link"
      )
    }
    var message = "no article or glossary entry at '\(resolved)'"
    let candidates = (Array(articles.keys) + Array(terms.keys)).sorted()
    if let guess = KeySuggestion.closest(to: resolved, among: candidates) {
      message += "; did you mean '\(Self.relative(guess, from: source))'?"
    } else {
      message += "; check the file name"
    }
    return .broken(message)
  }

  /// `https:`, `mailto:`, `javascript:`: a letter, then letters, digits, `+-.`, then `:`.
  static func hasScheme(_ s: String) -> Bool {
    if s.hasPrefix("//") { return true }
    let utf8 = s.utf8
    guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon != utf8.startIndex else {
      return false
    }
    func isLetter(_ b: UInt8) -> Bool {
      (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
    }
    let scheme = utf8[..<colon]
    return scheme.first.map(isLetter) == true
      && scheme.allSatisfy { b in
        isLetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+")
          || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
      }
  }

  /// How `target` (content-relative) is written from `source`'s folder.
  static func relative(_ target: String, from source: SourceFile) -> String {
    let folder = source.relativePath.split(separator: "/").dropLast().joined(separator: "/")
    if target.hasPrefix(folder + "/") { return String(target.dropFirst(folder.count + 1)) }
    return "../" + target
  }
}
