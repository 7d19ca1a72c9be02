import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `sitegen new` makes.
public enum ScaffoldKind: String, Sendable, CaseIterable {
  case article, term

  var folder: String { self == .article ? "articles" : "glossary" }
}

/// A new source file: valid front matter, and `TODO` placeholders that `check` reports
/// (`content.placeholder`) until an editor fills them.
public struct Scaffold: Sendable, Hashable {
  /// Inside the content folder: `articles/<slug>.md` or `glossary/<slug>.md`.
  public var relativePath: String
  public var text: String

  /// The file for `title` (an article's title or a term's name), dated `now` (seconds since
  /// 1970, UTC). Nil when the title has no letter or digit to make a slug from.
  public init?(_ kind: ScaffoldKind, title: String, now: Int) {
    let name = title.trimmingCharacters(in: .whitespacesAndNewlines)
    guard name.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
    let slug = Slug.suggest(from: name)
    relativePath = "\(kind.folder)/\(slug).md"
    let quoted = Self.yamlQuoted(name)
    switch kind {
    case .article:
      text = """
        ---
        title: \(quoted)
        summary: "TODO: one or two sentences: the standfirst, the description and the feed summary."
        date: \(Self.isoDate(epochSeconds: now))
        authors: ["TODO: who wrote it"]
        draft: true  # left out of builds until you remove this line
        ---
        TODO: write the article in Markdown. Mentions of glossary terms link by themselves; to link \
        another article, link its file name (`other-article.md`).

        """
    case .term:
      text = """
        ---
        term: \(quoted)
        summary: "TODO: one sentence, shown in pop-ups and lists."
        aliases: []  # other spellings that link here too, e.g. [plural form]
        ---
        TODO: the definition, in Markdown. Where the parties mean different things, say who means what.

        """
    }
  }

  /// Writes the file under `contentDirectory`, never over an existing one; returns its path as
  /// the user should see it.
  public func write(contentDirectory: String) throws -> String {
    let content =
      contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
    guard POSIXFile.isDirectory(content) else {
      throw EnvironmentError(
        "no content folder at '\(contentDirectory)': run sitegen in the site's folder or pass --content DIR"
      )
    }
    let folder = content + "/" + relativePath.split(separator: "/")[0]
    try POSIXFile.makeDirectory(folder)
    let path = content + "/" + relativePath
    // O_EXCL: the check and the creation are one step, so nothing is ever overwritten.
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      if errno == EEXIST {
        throw EnvironmentError("\(path) already exists; edit it, or choose another title")
      }
      throw EnvironmentError("cannot create \(path): \(POSIXFile.errorText())")
    }
    close(fd)
    try POSIXFile.write(Array(text.utf8), to: path)
    return path
  }

  /// A YAML double-quoted scalar: quotes, colons, `#` and `&` stay text.
  static func yamlQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// `YYYY-MM-DD` of a moment, in UTC (Howard Hinnant's civil-from-days).
  static func isoDate(epochSeconds: Int) -> String {
    let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func pad(_ n: Int, _ width: Int) -> String {
      String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }
}
