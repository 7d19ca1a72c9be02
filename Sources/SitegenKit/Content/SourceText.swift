import Foundation

/// A source file decoded to text: UTF-8 only, BOM dropped, CRLF and lone CR as LF, so that line
/// numbers are the editor's and CRLF files build exactly like LF files.
public struct SourceText: Sendable {
  public var text: String

  /// Decodes `file`, or says at which line its bytes stop being UTF-8.
  public static func decode(_ file: SourceFile) -> Result<SourceText, Diagnostic> {
    var bytes = file.bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      return .failure(.error(
        "encoding.utf16", "this file is UTF-16; save it as UTF-8", at: file.location(line: 1)))
    }
    // Most files have no CR: they are used as they are, not copied byte by byte.
    let normalized = Self.contains(0x0D, in: bytes) ? Self.lineFeeds(bytes) : Array(bytes)
    guard let text = String(validating: normalized, as: UTF8.self) else {
      let (line, column) = firstInvalidPosition(normalized)
      return .failure(.error(
        "encoding.invalid-utf8",
        "this line has bytes that are not UTF-8; save the file as UTF-8",
        at: file.location(line: line, column: column)))
    }
    // cmark would turn NUL into U+FFFD without a word; a text file never holds one.
    if Self.contains(0, in: normalized[...]), let nul = normalized.firstIndex(of: 0) {
      let line = normalized[..<nul].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
      let lineStart = normalized[..<nul].lastIndex(of: 10).map { $0 + 1 } ?? 0
      let column = (String(validating: normalized[lineStart..<nul], as: UTF8.self)?.count ?? 0) + 1
      return .failure(.error(
        "encoding.nul",
        "this line has a NUL byte: the file is binary or UTF-16 without a byte-order mark; save it as UTF-8 text",
        at: file.location(line: line, column: column)))
    }
    return .success(SourceText(text: text))
  }

  /// CRLF and lone CR as LF.
  static func lineFeeds(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var normalized: [UInt8] = []
    normalized.reserveCapacity(bytes.count)
    var previousWasCR = false
    for b in bytes {
      if b == 0x0D {
        normalized.append(0x0A)
        previousWasCR = true
        continue
      }
      if !(b == 0x0A && previousWasCR) { normalized.append(b) }
      previousWasCR = false
    }
    return normalized
  }

  /// `memchr`: a vectorised search, where a Swift loop over every source byte was 3 % of a cold
  /// build.
  static func contains(_ byte: UInt8, in bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
      return memchr(base, Int32(byte), buffer.count) != nil
    }
  }

  /// Line and column (in characters) of the first byte that breaks UTF-8.
  static func firstInvalidPosition(_ bytes: [UInt8]) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length: Int
      switch b {
      case 0x00..<0x80: length = 1
      case 0xC2..<0xE0: length = 2
      case 0xE0..<0xF0: length = 3
      case 0xF0..<0xF5: length = 4
      default: length = 0
      }
      let valid =
        length > 0 && i + length <= bytes.count
        && String(validating: bytes[i..<i + length], as: UTF8.self) != nil
      if !valid {
        let column = (String(validating: bytes[lineStart..<i], as: UTF8.self)?.count ?? 0) + 1
        return (line, column)
      }
      if b == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += length
    }
    return (line, 1)
  }
}
