/// A place in a source file that an editor can open: path as shown to the user, 1-based line and
/// column counted in the whole file (front matter included).
public struct SourceLocation: Hashable, Sendable, Comparable {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int, column: Int = 1) {
    self.path = path
    self.line = max(line, 1)
    self.column = max(column, 1)
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.path, a.line, a.column) < (b.path, b.line, b.column)
  }
}

/// A problem in the site's sources, at a place an editor can open, saying what to do.
public struct Diagnostic: Hashable, Sendable {
  public enum Severity: String, Sendable, Comparable {
    case note, warning, error
    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  public var severity: Severity
  /// Stable identifier, e.g. `front-matter.unknown-key`.
  public var id: String
  public var message: String
  public var location: SourceLocation?

  public init(_ severity: Severity, _ id: String, _ message: String, at location: SourceLocation?) {
    self.severity = severity
    self.id = id
    self.message = message
    self.location = location
  }

  public static func error(_ id: String, _ message: String, at location: SourceLocation?)
    -> Diagnostic
  { Diagnostic(.error, id, message, at: location) }

  public static func warning(_ id: String, _ message: String, at location: SourceLocation?)
    -> Diagnostic
  { Diagnostic(.warning, id, message, at: location) }
}

extension [Diagnostic] {
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by place, then severity and id: the order diagnostics are printed in.
  public func sortedForOutput() -> [Diagnostic] {
    sorted { a, b in
      switch (a.location, b.location) {
      case let (x?, y?) where x != y: return x < y
      case (nil, _?): return true
      case (_?, nil): return false
      default: return (b.severity, a.id, a.message) < (a.severity, b.id, b.message)
      }
    }
  }

  /// `--strict`: every warning becomes an error.
  public func escalatingWarnings() -> [Diagnostic] {
    map { d in
      var d = d
      if d.severity == .warning { d.severity = .error }
      return d
    }
  }
}

// A stage that cannot go on with a file returns `Result<_, Diagnostic>`.
extension Diagnostic: Error {}
