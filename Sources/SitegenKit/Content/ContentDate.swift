/// A date from front matter: `YYYY-MM-DD` (midnight UTC) or RFC 3339 with a time and offset.
/// Parsed by hand from the raw scalar because YAML libraries roll 2024-02-30 over to March.
public struct ContentDate: Sendable, Hashable, Comparable, Encodable {
  public var year: Int
  public var month: Int
  public var day: Int
  /// Seconds since 1970 (UTC): the order of articles and the test for "in the future".
  public var epochSeconds: Int
  /// The value as written, for `<time datetime>`.
  public var text: String

  public static func < (a: ContentDate, b: ContentDate) -> Bool {
    (a.epochSeconds, a.text) < (b.epochSeconds, b.text)
  }

  public static func parse(_ raw: String) -> ContentDate? {
    // Over the string's own bytes: a copy into an array was over half of a parse, which runs for
    // every article's dates on every build (the cache's too).
    var text = raw
    return text.withUTF8 { parse($0, raw: raw) }
  }

  private static func parse(_ s: UnsafeBufferPointer<UInt8>, raw: String) -> ContentDate? {
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= s.count else { return nil }
      var n = 0
      for i in range {
        guard s[i] >= 48 && s[i] <= 57 else { return nil }
        n = n * 10 + Int(s[i] - 48)
      }
      return n
    }
    guard s.count >= 10, s[4] == 45, s[7] == 45, let y = number(0..<4), let m = number(5..<7),
      let d = number(8..<10), (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y)
    else { return nil }
    var seconds = daysFromCivil(y, m, d) * 86_400
    if s.count > 10 {
      // RFC 3339: T or space, HH:MM:SS, optional fraction, then Z or ±HH:MM.
      guard s.count >= 20, s[10] == 84 || s[10] == 116 || s[10] == 32, s[13] == 58, s[16] == 58,
        let hh = number(11..<13), let mm = number(14..<16), let ss = number(17..<19),
        hh < 24, mm < 60, ss < 61
      else { return nil }
      var i = 19
      if s[i] == 46 {
        i += 1
        let start = i
        while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
        guard i > start else { return nil }
      }
      guard i < s.count else { return nil }
      var offset = 0
      if s[i] == 90 || s[i] == 122 {
        guard i + 1 == s.count else { return nil }
      } else if s[i] == 43 || s[i] == 45 {
        guard i + 6 == s.count, s[i + 3] == 58, let oh = number(i + 1..<i + 3),
          let om = number(i + 4..<i + 6), oh < 24, om < 60
        else { return nil }
        offset = (oh * 3600 + om * 60) * (s[i] == 43 ? 1 : -1)
      } else {
        return nil
      }
      seconds += hh * 3600 + mm * 60 + ss - offset
    }
    return ContentDate(year: y, month: m, day: d, epochSeconds: seconds, text: raw)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// "20 August 2025": the same in every locale and time zone.
  public var display: String { "\(day) \(monthName) \(year)" }

  public var monthName: String { Self.monthNames[month - 1] }

  /// The calendar date part, `YYYY-MM-DD`.
  public var isoDate: String {
    // Digits written into the string's ten bytes: the sitemap's check makes one a page, and
    // padding interpolated numbers cost 2,600 instructions each.
    if (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) {
      return String(unsafeUninitializedCapacity: 10) { out in
        func digits(_ value: Int, _ range: Range<Int>) {
          var rest = value
          for j in range.reversed() {
            out[j] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
          }
        }
        digits(year, 0..<4)
        out[4] = UInt8(ascii: "-")
        digits(month, 5..<7)
        out[7] = UInt8(ascii: "-")
        digits(day, 8..<10)
        return 10
      }
    }
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}
