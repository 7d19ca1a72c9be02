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
    // ASCII headings (most) by byte: Unicode properties per scalar were 20,000 instructions a
    // heading. The rules are the same: letters lowercased, digits, - and _ kept, blanks to -.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var out: [UInt8] = []
      out.reserveCapacity(text.utf8.count)
      for b in text.utf8 {
        switch b {
        case 0x41...0x5A: out.append(b + 32)
        case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: out.append(b)
        case 0x20, 0x09: out.append(0x2D)
        default: break
        }
      }
      return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }
    return slugByScalars(text)
  }

  static func slugByScalars(_ text: String) -> String {
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
