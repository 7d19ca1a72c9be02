/// How diagnostics are printed: for people, for GitHub Actions annotations, or for tools.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
  case text, github, json

  public func format(_ d: Diagnostic) -> String {
    switch self {
    case .text: return Self.text(d)
    case .github: return Self.github(d)
    case .json: return Self.json(d)
    }
  }

  /// `path:line:col: error: message [id]`, the form compilers use and editors jump to.
  static func text(_ d: Diagnostic) -> String {
    let place = d.location.map { "\($0.path):\($0.line):\($0.column): " } ?? "sitegen: "
    return "\(place)\(d.severity.rawValue): \(d.message) [\(d.id)]"
  }

  static func github(_ d: Diagnostic) -> String {
    let level = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
    var props: [String] = []
    if let l = d.location {
      props = [
        "file=\(escapeProperty(l.path))", "line=\(l.line)", "col=\(l.column)",
        "title=\(escapeProperty(d.id))",
      ]
    } else {
      props = ["title=\(escapeProperty(d.id))"]
    }
    return "::\(level) \(props.joined(separator: ","))::\(escapeData(d.message))"
  }

  static func json(_ d: Diagnostic) -> String {
    var fields = [
      "\"severity\":\(JSON.string(d.severity.rawValue))", "\"id\":\(JSON.string(d.id))",
      "\"message\":\(JSON.string(d.message))",
    ]
    if let l = d.location {
      fields += ["\"file\":\(JSON.string(l.path))", "\"line\":\(l.line)", "\"column\":\(l.column)"]
    }
    return "{" + fields.joined(separator: ",") + "}"
  }

  // GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
  private static func escapeData(_ s: String) -> String {
    s.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
  }

  private static func escapeProperty(_ s: String) -> String {
    escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
  }
}
