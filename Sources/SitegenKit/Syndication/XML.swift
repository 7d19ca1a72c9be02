/// XML text and attribute escaping for the feed and the sitemap.
enum XML {
  static func escape(_ s: String) -> String {
    XMLEscaper.shared.escape(s)
  }
}

/// The byte table behind `XML`'s escaping, made once.
private enum XMLEscaper {
  static let shared = ByteEscaper { b in
    switch b {
    case 38: return "&amp;"
    case 60: return "&lt;"
    case 62: return "&gt;"
    case 34: return "&quot;"
    case 39: return "&apos;"
    // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
    case 0..<9, 11, 12, 14..<32: return ""
    default: return nil
    }
  }
}
