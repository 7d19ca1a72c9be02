#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads of the process environment, in one place so that builds stay reproducible.
public enum Environment {
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// "Now" for drafts and future dates: `SOURCE_DATE_EPOCH` when set (reproducible builds),
  /// else the clock.
  public static func now() -> Int {
    if let epoch = value("SOURCE_DATE_EPOCH").flatMap(Int.init) { return epoch }
    return Int(time(nil))
  }
}
