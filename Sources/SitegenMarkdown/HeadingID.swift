/// Stable, GitHub-style ids for headings: lowercase letters and digits, spaces become hyphens.
struct HeadingIDAllocator {
  private var used: [String: Int] = [:]

  /// The id for a heading's text, made unique within one document by `-1`, `-2`, ….
  mutating func allocate(for text: String) -> String {
    let base = Self.slug(text)
    guard let count = used[base] else {
      used[base] = 0
      return base
    }
    var n = count + 1
    while used["\(base)-\(n)"] != nil { n += 1 }
    used[base] = n
    used["\(base)-\(n)"] = 0
    return "\(base)-\(n)"
  }

  static func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        out.unicodeScalars.append(scalar)
      } else if scalar == "-" || scalar == "_" {
        out.unicodeScalars.append(scalar)
      } else if scalar == " " || scalar == "\t" {
        out.append("-")
      }
    }
    return out.isEmpty ? "section" : out
  }
}
