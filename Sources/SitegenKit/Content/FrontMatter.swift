import Yams

/// A YAML mapping read strictly, key by key, with every problem at its file line: wrong types,
/// YAML 1.1 booleans, impossible dates, custom tags, anchors, duplicate and unknown keys.
struct FrontMatter {
  /// One `key: value` pair with where it stands.
  struct Entry {
    var key: String
    var keyLocation: SourceLocation
    var value: Node
  }

  let file: SourceFile
  private let firstLine: Int
  private(set) var entries: [Entry] = []
  var diagnostics: [Diagnostic] = []
  /// False when the YAML could not be read at all; required-key errors are then noise.
  private(set) var isReadable = true

  init(yaml: String, firstLine: Int, file: SourceFile) {
    self.file = file
    self.firstLine = firstLine
    if let line = YAMLNesting.firstLineTooDeep(yaml) {
      isReadable = false
      diagnostics.append(
        .error(
          "yaml.too-deep",
          "front matter nests deeper than \(YAMLNesting.limit) levels here; flatten it to plain keys and short lists",
          at: file.location(line: line + firstLine)))
      return
    }
    do {
      // Our own parser so that anchors stay alive (Yams holds them weakly) while we look. The
      // encoding is named: Yams works out `.default` anew for every parser, at a cost of about
      // a third of the parse of a small block. The basic resolver: every value is read from its
      // raw text here (dates, booleans, numbers, strictly), so Yams' default rules, a regular
      // expression per scalar, were a tenth of the cost of front matter for nothing.
      // And an empty constructor: the tree is read here, never made into Swift values, and
      // `Constructor.default` built its tables of tags anew for every block.
      let parser = try Parser(
        yaml: yaml, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8)
      let root = try parser.singleRoot()
      withExtendedLifetime(parser) { read(root, marks: YAMLMarks(yaml)) }
    } catch let error as YamlError {
      isReadable = false
      diagnostics.append(yamlError(error, yaml: yaml))
    } catch {
      isReadable = false
      diagnostics.append(.error("yaml.syntax", "\(error)", at: file.location(line: firstLine)))
    }
  }

  /// Which of YAML's property indicators a block's text holds at all: a node can only carry an
  /// anchor or be an alias where the text has `&` or `*`, and an explicit tag where it has `!`.
  /// Most blocks have none, and walking their trees to be sure was a fifth of reading them.
  struct YAMLMarks {
    var anchorsOrAliases = false
    var tags = false

    init(_ yaml: String) {
      yaml.withUTF8Bytes { bytes in
        for b in bytes {
          if b == 38 || b == 42 { anchorsOrAliases = true }
          if b == 33 { tags = true }
        }
      }
    }
  }

  private mutating func read(_ root: Node?, marks: YAMLMarks) {
    guard let root else { return }  // an empty block: required keys report themselves
    guard let mapping = root.mapping else {
      isReadable = false
      diagnostics.append(
        .error(
          "front-matter.not-a-mapping", "front matter must be 'key: value' lines",
          at: location(of: root)))
      return
    }
    if marks.anchorsOrAliases, let anchor = firstAnchor(in: root) {
      isReadable = false
      diagnostics.append(
        .error(
          "yaml.anchor",
          "YAML anchors and aliases (&name, *name) are not allowed here; write the value out",
          at: location(of: anchor)))
      return
    }
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        diagnostics.append(
          .error("front-matter.key", "keys must be plain words", at: location(of: keyNode)))
        continue
      }
      if marks.tags { checkTags(value) }
      entries.append(Entry(key: key, keyLocation: location(of: keyNode), value: value))
    }
  }

  /// Finds an anchored node without walking into it: walking an alias bomb is exponential.
  /// A loop over a stack rather than recursion, so the depth of the YAML never becomes the
  /// depth of the Swift stack.
  private func firstAnchor(in root: Node) -> Node? {
    var pending = [root]
    while let node = pending.popLast() {
      switch node {
      case .scalar(let s): if s.anchor != nil { return node }
      case .mapping(let m):
        if m.anchor != nil { return node }
        for (k, v) in m.reversed() {
          pending.append(v)
          pending.append(k)
        }
      case .sequence(let s):
        if s.anchor != nil { return node }
        pending += s.reversed()
      case .alias: return node
      }
    }
    return nil
  }

  private static let standardTags: Set<String> = [
    "", "!", "?", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:timestamp",
  ]

  /// Reports every non-standard tag under `root`, in document order, without recursion.
  private mutating func checkTags(_ root: Node) {
    var pending = [root]
    while let node = pending.popLast() {
      let tag: String
      switch node {
      case .scalar(let s): tag = s.tag.description
      case .mapping(let m):
        tag = m.tag.description
        pending += m.reversed().map(\.value)
      case .sequence(let s):
        tag = s.tag.description
        pending += s.reversed()
      case .alias: continue
      }
      if !Self.standardTags.contains(tag) {
        diagnostics.append(
          .error(
            "yaml.custom-tag", "custom YAML tag '\(tag)' is not allowed; remove it",
            at: location(of: node)))
      }
    }
  }

  func location(of node: Node) -> SourceLocation {
    guard let mark = node.mark else { return file.location(line: firstLine) }
    return file.location(line: mark.line + firstLine - 1, column: mark.column)
  }

  func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

  /// Where a missing key should go: the opening `---`.
  var topLocation: SourceLocation { file.location(line: max(firstLine - 1, 1)) }

  // MARK: typed reads

  /// A string. Plain YAML values that YAML reads as booleans or null are refused, not converted.
  mutating func string(_ key: String, required: Bool = false, allowEmpty: Bool = false) -> String? {
    guard let entry = entry(key) else {
      if required && isReadable {
        diagnostics.append(
          .error(
            "front-matter.missing-key", "missing required key '\(key)'; add a line '\(key): …'",
            at: topLocation))
      }
      return nil
    }
    return string(entry.value, key: key, allowEmpty: allowEmpty)
  }

  mutating func string(_ node: Node, key: String, allowEmpty: Bool = false) -> String? {
    guard let scalar = node.scalar else {
      diagnostics.append(
        .error(
          "front-matter.type",
          "'\(key)' must be text, not a \(kind(of: node)); write it on one line in quotes",
          at: location(of: node)))
      return nil
    }
    if scalar.style == .plain {
      if Self.yamlBooleans.contains(scalar.string) {
        diagnostics.append(
          .error(
            "front-matter.type",
            "YAML reads '\(scalar.string)' as a boolean, not text; put it in quotes: \"\(scalar.string)\"",
            at: location(of: node)))
        return nil
      }
      if ["~", "null", "Null", "NULL", ""].contains(scalar.string) && !allowEmpty {
        diagnostics.append(
          .error(
            "front-matter.empty", "'\(key)' is empty; give it a value", at: location(of: node)))
        return nil
      }
    }
    let text = scalar.string
    if let bad = text.unicodeScalars.first(where: Self.isInvisibleControl) {
      diagnostics.append(
        .error(
          "front-matter.control-character",
          "'\(key)' contains the invisible control character \(Self.describe(bad)); delete it"
            + (bad.value >= 0x200E ? " (bidi controls make text read differently than it is)" : ""),
          at: location(of: node)))
      return nil
    }
    if !allowEmpty && text.allSatisfy(\.isWhitespace) {
      diagnostics.append(
        .error(
          "front-matter.empty", "'\(key)' is empty; give it a value", at: location(of: node)))
      return nil
    }
    return text
  }

  /// C0 and C1 controls other than tab and line feed, DEL, and the bidirectional formatting
  /// characters that reorder what a reader sees (Trojan Source).
  static func isInvisibleControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  static func describe(_ s: Unicode.Scalar) -> String {
    let hex = String(s.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    guard let name = s.properties.name ?? s.properties.nameAlias ?? Self.controlNames[s.value]
    else {
      return code
    }
    return code + " " + name
  }

  static let controlNames: [UInt32: String] = [
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
  ]

  /// YAML 1.1 words that some parsers read as booleans: refused everywhere so nothing surprises.
  static let yamlBooleans: Set<String> = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    "OFF",
    "true", "True", "TRUE", "false", "False", "FALSE",
  ]

  mutating func bool(_ key: String) -> Bool? {
    guard let entry = entry(key) else { return nil }
    if let scalar = entry.value.scalar, scalar.style == .plain {
      switch scalar.string {
      case "true", "True", "TRUE": return true
      case "false", "False", "FALSE": return false
      default: break
      }
    }
    let raw = entry.value.scalar?.string ?? kind(of: entry.value)
    diagnostics.append(
      .error(
        "front-matter.type", "'\(key)' must be true or false, not '\(raw)'",
        at: location(of: entry.value)))
    return nil
  }

  /// A whole number in `range`.
  mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
    guard let entry = entry(key) else { return nil }
    if let scalar = entry.value.scalar, scalar.style == .plain, let n = Int(scalar.string),
      range.contains(n)
    {
      return n
    }
    diagnostics.append(
      .error(
        "front-matter.type",
        "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)",
        at: location(of: entry.value)))
    return nil
  }

  mutating func date(_ key: String, required: Bool = false) -> ContentDate? {
    guard let entry = entry(key) else {
      if required && isReadable {
        diagnostics.append(
          .error(
            "front-matter.missing-key",
            "missing required key '\(key)'; add a line '\(key): YYYY-MM-DD'",
            at: topLocation))
      }
      return nil
    }
    guard let scalar = entry.value.scalar else {
      diagnostics.append(
        .error(
          "front-matter.date",
          "'\(key)' must be one date such as 2025-08-20, not a \(kind(of: entry.value))",
          at: location(of: entry.value)))
      return nil
    }
    guard let date = ContentDate.parse(scalar.string) else {
      let raw = entry.value.scalar?.string ?? kind(of: entry.value)
      diagnostics.append(
        .error(
          "front-matter.date",
          "'\(raw)' is not a real date; write YYYY-MM-DD (or RFC 3339, 2025-08-20T09:30:00Z)",
          at: location(of: entry.value)))
      return nil
    }
    return date
  }

  /// A list of strings; each item keeps its place for later checks.
  mutating func stringList(_ key: String) -> [(String, SourceLocation)] {
    guard let entry = entry(key) else { return [] }
    guard let sequence = entry.value.sequence else {
      let raw = entry.value.scalar?.string ?? "…"
      diagnostics.append(
        .error(
          "front-matter.type", "'\(key)' must be a list; write \(key): [\(raw)]",
          at: location(of: entry.value)))
      return []
    }
    return sequence.compactMap { item in
      string(item, key: key).map { ($0, location(of: item)) }
    }
  }

  /// One of a fixed set of words.
  mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, as: T.Type) -> T?
  where T.RawValue == String {
    guard let entry = entry(key), let raw = string(entry.value, key: key) else { return nil }
    if let value = T(rawValue: raw) { return value }
    let options = T.allCases.map(\.rawValue).joined(separator: ", ")
    diagnostics.append(
      .error(
        "front-matter.choice", "'\(key)' must be one of \(options), not '\(raw)'",
        at: location(of: entry.value)))
    return nil
  }

  /// Warns about keys outside `known`, suggesting the closest known key.
  mutating func reportUnknownKeys(known: [String]) {
    for entry in entries where !known.contains(entry.key) {
      var message = "unknown key '\(entry.key)'"
      if let guess = KeySuggestion.closest(to: entry.key, among: known) {
        message += "; did you mean '\(guess)'?"
      } else {
        message += "; known keys are \(known.joined(separator: ", "))"
      }
      diagnostics.append(.warning("front-matter.unknown-key", message, at: entry.keyLocation))
    }
  }

  private func kind(of node: Node) -> String {
    switch node {
    case .scalar: return "value"
    case .mapping: return "mapping"
    case .sequence: return "list"
    case .alias: return "alias"
    }
  }

  // MARK: YAML errors

  private func yamlError(_ error: YamlError, yaml: String) -> Diagnostic {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return .error(
        "yaml.syntax", "YAML syntax error: \(problem); check quotes, colons and indentation",
        at: file.location(line: mark.line + firstLine - 1, column: mark.column))
    case .duplicatedKeysInMapping(let duplicates, _):
      let key = duplicates.first ?? "?"
      let lines = Self.lines(definingKey: key, in: yaml)
      let first = (lines.first ?? 0) + firstLine
      let second = (lines.dropFirst().first ?? lines.first ?? 0) + firstLine
      return .error(
        "front-matter.duplicate-key",
        "key '\(key)' is given twice (first at line \(first)); keep one",
        at: file.location(line: second))
    case .reader(let problem, let offset, let value, _):
      let line = yaml.utf8.prefix(max(offset ?? 0, 0)).reduce(0) { $1 == 10 ? $0 + 1 : $0 }
      let character =
        Unicode.Scalar(UInt32(bitPattern: value)).map { " (\(Self.describe($0)))" } ?? ""
      return .error(
        "yaml.encoding", "YAML cannot read this text: \(problem)\(character); delete it",
        at: file.location(line: line + firstLine))
    default:
      return .error("yaml.syntax", "YAML error: \(error)", at: file.location(line: firstLine))
    }
  }

  /// 0-based YAML lines that start with `key:` (Yams names a duplicate key but not its place).
  static func lines(definingKey key: String, in yaml: String) -> [Int] {
    yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
      index, line in
      let trimmed = line.drop(while: { $0 == " " })
      for form in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(form) {
        if trimmed.dropFirst(form.count).drop(while: { $0 == " " }).hasPrefix(":") { return index }
      }
      return nil
    }
  }
}
