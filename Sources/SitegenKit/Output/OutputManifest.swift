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
      // One pass of indices over the line: a 40,000-page manifest is read twice every build
      // (the live site's and the spare's), and slices and searches cost 900 instructions a line.
      var at = 0
      guard let hash = number(line, &at, radix: 16), let size = number(line, &at, radix: 10)
      else { return nil }
      var pathStart = at
      var inputs: UInt64?
      if let third = line[at...].firstIndex(of: UInt8(ascii: " ")) {
        if third == at + 1 && line[at] == UInt8(ascii: "-") {
          at = third + 1
        } else {
          guard third == at + 16, let value = number(line, &at, radix: 16) else { return nil }
          inputs = value
        }
        pathStart = at
      }
      let path = UnsafeBufferPointer(rebasing: line[pathStart...])
      guard RenderedPage.isContained(utf8: path) else { return nil }
      let entry = ManifestEntry(hash: hash, size: Int(size), inputs: inputs)
      return (String(decoding: path, as: UTF8.self), entry)
    }

    /// The field of 1 to 16 hex or decimal digits at `at`, which must end in a space; `at`
    /// moves past the space. Nil for anything else.
    private static func number(_ line: UnsafeBufferPointer<UInt8>, _ at: inout Int, radix: UInt64)
      -> UInt64?
    {
      var value: UInt64 = 0
      var i = at
      while i < line.count, line[i] != UInt8(ascii: " ") {
        let byte = line[i]
        switch byte {
        case 48...57: value = value &* radix &+ UInt64(byte &- 48)
        case 97...102 where radix == 16: value = value &* radix &+ UInt64(byte &- 87)
        default: return nil
        }
        i += 1
      }
      guard i < line.count, (1...16).contains(i - at) else { return nil }
      at = i + 1
      return value
    }

    static func text(_ files: [(path: PathKey, entry: ManifestEntry)]) -> [UInt8] {
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
        // Digits found last first, in a buffer of their own: reversing them in `out` through a
        // slice copied the slice for every line.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
          repeat {
            buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
            count += 1
            rest /= 10
          } while rest > 0
          out.append(contentsOf: buffer[(24 - count)...])
        }
      }
      for (key, e) in files.sortedByUTF8(\.path.path) {
        let path = key.path
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
    func intactEntries(in folder: String) -> [PathKey: ManifestEntry] {
      guard let statuses = POSIXFile.statuses(in: folder, of: files.map(\.path)) else {
        return [:]
      }
      var out: [PathKey: ManifestEntry] = [:]
      out.reserveCapacity(files.count)
      for (file, st) in zip(files, statuses) {
        guard let st, st.isRegular, st.size == file.entry.size, st.permissions == 0o644,
          st.modified <= written
        else { continue }
        out[PathKey(file.path)] = file.entry
      }
      return out
    }
  }
}
