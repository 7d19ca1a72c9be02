#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension OutputWriter {
  /// One file a manifest lists: its bytes' hash and size, and what it was made from.
  struct ManifestEntry: Sendable, Hashable {
    var hash: UInt64
    var size: Int
    var inputs: UInt64?

    func hasSameBytes(as other: ManifestEntry) -> Bool { hash == other.hash && size == other.size }
  }

  /// What a build put in a folder, one line per file: `hash size inputs path`, with `-` for no
  /// inputs; lines written before inputs existed have no such column.
  struct Manifest {
    var files: [(path: String, entry: ManifestEntry)] = []
    var malformedLines = 0
    /// When it was written, after every file of its tree: whatever was modified later was
    /// changed by someone else.
    var written = POSIXFile.Instant(seconds: 0, nanoseconds: 0)

    static func read(_ folder: String) -> Manifest? {
      guard let file = POSIXFile.readRegularFile(folder + "/" + OutputWriter.manifestName) else {
        return nil
      }
      var manifest = Manifest(written: POSIXFile.Instant(file.status))
      // In bytes: a large site's manifest has tens of thousands of lines.
      file.bytes.withUnsafeBufferPointer { all in
        for line in all.split(separator: UInt8(ascii: "\n")) {
          guard let file = parse(UnsafeBufferPointer(rebasing: line)) else {
            manifest.malformedLines += 1
            continue
          }
          manifest.files.append(file)
        }
      }
      return manifest
    }

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (path: String, entry: ManifestEntry)? {
      // Paths come from validated slugs and hold no spaces: the path is the rest of the line.
      let space = UInt8(ascii: " ")
      guard let first = line.firstIndex(of: space),
        let second = line[(first + 1)...].firstIndex(of: space),
        let hash = number(line[..<first], radix: 16),
        let size = number(line[(first + 1)..<second], radix: 10)
      else { return nil }
      var pathStart = second + 1
      var inputs: UInt64?
      if let third = line[pathStart...].firstIndex(of: space) {
        let field = line[pathStart..<third]
        if !(field.count == 1 && field.first == UInt8(ascii: "-")) {
          guard field.count == 16, let value = number(field, radix: 16) else { return nil }
          inputs = value
        }
        pathStart = third + 1
      }
      let path = UnsafeBufferPointer(rebasing: line[pathStart...])
      guard RenderedPage.isContained(utf8: path) else { return nil }
      let entry = ManifestEntry(hash: hash, size: Int(size), inputs: inputs)
      return (String(decoding: path, as: UTF8.self), entry)
    }

    /// Hex or decimal digits to a number, without making a string of them.
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>, radix: UInt64)
      -> UInt64?
    {
      guard (1...16).contains(digits.count) else { return nil }
      var value: UInt64 = 0
      for byte in digits {
        switch byte {
        case 48...57: value = value * radix + UInt64(byte - 48)
        case 97...102 where radix == 16: value = value * radix + UInt64(byte - 87)
        default: return nil
        }
      }
      return value
    }

    static func text(_ files: [(path: String, entry: ManifestEntry)]) -> [UInt8] {
      // Bytes, not an interpolated `String`: 12,000 instructions a line went into string
      // building for a 10,000-page site's every build.
      var out: [UInt8] = []
      out.reserveCapacity(files.count * 80)
      let hexDigits = Self.hexDigits  // once, not a lazy global's check for every digit
      func hex(_ value: UInt64) {
        for shift in stride(from: 60, through: 0, by: -4) {
          out.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
        }
      }
      func decimal(_ value: Int) {
        let start = out.count
        var rest = value.magnitude
        repeat {
          out.append(UInt8(ascii: "0") + UInt8(rest % 10))
          rest /= 10
        } while rest > 0
        out[start...].reverse()
      }
      for (path, e) in files.sortedByUTF8(\.path) {
        hex(e.hash)
        out.append(UInt8(ascii: " "))
        decimal(e.size)
        out.append(UInt8(ascii: " "))
        if let inputs = e.inputs { hex(inputs) } else { out.append(UInt8(ascii: "-")) }
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: path.utf8)
        out.append(UInt8(ascii: "\n"))
      }
      return out
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The listed files still as their build left them: regular, of their size and mode, not
    /// modified since. One `lstat` each, on every core, from the folder's descriptor.
    func intactEntries(in folder: String) -> [String: ManifestEntry] {
      guard let statuses = POSIXFile.statuses(in: folder, of: files.map(\.path)) else {
        return [:]
      }
      var out: [String: ManifestEntry] = [:]
      out.reserveCapacity(files.count)
      for (file, st) in zip(files, statuses) {
        guard let st, POSIXFile.isRegular(st), Int(st.st_size) == file.entry.size,
          POSIXFile.permissions(st) == 0o644, POSIXFile.Instant(st) <= written
        else { continue }
        out[file.path] = file.entry
      }
      return out
    }
  }
}
