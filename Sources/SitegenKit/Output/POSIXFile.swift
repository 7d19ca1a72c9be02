#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Plain POSIX file calls. Foundation's writers fsync every file (seconds for a large site); a
/// killed build is already safe because the output folder is swapped in whole by rename.
enum POSIXFile {
  static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

  /// Whether the process's umask leaves 0755 and 0644 as they are (the usual 022 or 002): then a
  /// file or folder this build creates has its mode already, and the chmod after it, one system
  /// call per page and per folder, is skipped. Read from /proc (umask(2) can only be read by
  /// setting it, which would race with other threads); where it cannot be read, chmod always.
  static let umaskSparesModes: Bool = {
    guard let status = read("/proc/self/status") else { return false }
    for line in String(decoding: status, as: UTF8.self).split(separator: "\n")
    where line.hasPrefix("Umask:") {
      let digits = line.dropFirst("Umask:".count).trimmingPrefix { $0 == " " || $0 == "\t" }
      guard let mask = Int(digits, radix: 8) else { return false }
      return mask & 0o755 == 0
    }
    return false
  }()

  static func write(_ bytes: [UInt8], to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw EnvironmentError("cannot create \(path): \(errorText())") }
    defer { close(fd) }
    // Modes do not follow the umask: a site built under umask 077 must still be readable by
    // the web server's user, and builds must be identical whoever runs them.
    fchmod(fd, 0o644)
    try writeAll(bytes, to: fd, path: path)
  }

  /// Makes a new file and never opens one that exists: in the spare tree an existing file may be
  /// a hard link shared with the live site, which must not change. False when `path` exists.
  static func create(_ bytes: [UInt8], at path: String) throws -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      if errno == EEXIST { return false }
      throw EnvironmentError("cannot create \(path): \(errorText())")
    }
    defer { close(fd) }
    if !umaskSparesModes { fchmod(fd, 0o644) }  // not the umask's mode: see `write`
    try writeAll(bytes, to: fd, path: path)
    return true
  }

  static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
    var written = 0
    try bytes.withUnsafeBytes { raw in
      while written < raw.count {
        let n = Glibc.write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          throw EnvironmentError("cannot write \(path): \(errorText())")
        }
        written += n
      }
    }
  }

  static func read(_ path: String) -> [UInt8]? {
    readFile(path, flags: 0)?.bytes
  }

  /// A regular file's bytes and status, never through a symbolic link.
  static func readRegularFile(_ path: String) -> (bytes: [UInt8], status: stat)? {
    guard let file = readFile(path, flags: O_NOFOLLOW), isRegular(file.status) else { return nil }
    return file
  }

  private static func readFile(_ path: String, flags: Int32) -> (bytes: [UInt8], status: stat)? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | flags)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    // Not zeroed first: `read` fills it, and the build cache is tens of megabytes.
    var ok = true
    var bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, count in
      while count < buffer.count {
        let n = Glibc.read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          ok = false
          return
        }
        count += n
      }
    }
    guard ok else { return nil }
    // /proc files say they are empty: those are read to their end.
    if st.st_size == 0 {
      var chunk = [UInt8](repeating: 0, count: 4096)
      while true {
        let n = Glibc.read(fd, &chunk, chunk.count)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return nil }
        if n == 0 { break }
        bytes += chunk[..<n]
      }
    }
    return (bytes, st)
  }

  static func makeDirectory(_ path: String) throws {
    if mkdir(path, 0o755) != 0 && errno != EEXIST {
      throw EnvironmentError("cannot create folder \(path): \(errorText())")
    }
    chmod(path, 0o755)
  }

  static func exists(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// `lstat`: what is at `path` itself, a link not followed.
  static func status(_ path: String) -> stat? {
    var st = stat()
    return lstat(path, &st) == 0 ? st : nil
  }

  /// What the write stage checks of a file or folder it made: its `lstat`'s kind and
  /// permissions, size and modification time (a fifth of a `stat`'s bytes, for lists of tens of
  /// thousands).
  struct Status: Sendable {
    var mode: mode_t
    var size: Int
    var modified: Instant

    init(_ st: stat) {
      mode = st.st_mode
      size = Int(st.st_size)
      modified = Instant(st)
    }

    var isRegular: Bool { (mode & S_IFMT) == S_IFREG }
    var isFolder: Bool { (mode & S_IFMT) == S_IFDIR }
    var permissions: mode_t { mode & 0o7777 }
  }

  /// `lstat`s of many paths under one folder, each looked up from the folder's descriptor:
  /// the kernel walks only the relative part (an output folder's own path is five or more
  /// names deep, walked again for each of 20,000 files on an edit), and no joined path is made.
  /// `relative` may be empty (the folder itself). Nil when the folder cannot be opened.
  /// (Walking from the descriptor of each path's first subfolder as well, `articles/`, spared
  /// a name per path but no measurable time: the lookups that cost are of the names in it.)
  static func statuses(in folder: String, of relative: [String]) -> [Status?]? {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    return orderedParallelMap(relative) { path -> Status? in
      var st = stat()
      let found =
        path.isEmpty
        ? fstat(fd, &st) == 0 : fstatat(fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0
      return found ? Status(st) : nil
    }
  }

  static func isRegular(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFREG }
  static func isFolder(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFDIR }

  /// A modification time, comparable.
  struct Instant: Sendable, Comparable {
    var seconds: Int
    var nanoseconds: Int

    init(seconds: Int, nanoseconds: Int) {
      self.seconds = seconds
      self.nanoseconds = nanoseconds
    }

    init(_ st: stat) {
      #if canImport(Darwin)
        let time = st.st_mtimespec
      #else
        let time = st.st_mtim
      #endif
      self.init(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
    }

    /// The clock the kernel dates file changes with: the coarse one, a tick (here 4 ms) behind.
    static func fileSystemNow() -> Instant {
      var now = timespec()
      #if os(Linux)
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
      #else
        clock_gettime(CLOCK_REALTIME, &now)
      #endif
      return Instant(seconds: Int(now.tv_sec), nanoseconds: Int(now.tv_nsec))
    }

    /// Returns once the file system's clock has moved past this instant: a tick at most.
    func waitUntilPast() {
      var waited = 0
      while Instant.fileSystemNow() <= self && waited < 100 {
        usleep(1_000)
        waited += 1
      }
    }

    static func < (a: Instant, b: Instant) -> Bool {
      (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }
  }

  /// Removes whatever is at `path`, and says so when it could not.
  static func clear(_ path: String) throws {
    if unlink(path) == 0 { return }
    var code = errno
    if code == ENOENT || code == ENOTDIR { return }
    if code == EISDIR || code == EPERM {
      removeTree(path)
      code = errno
    }
    if exists(path) { throw EnvironmentError("cannot remove \(path): \(errorText(code))") }
  }

  /// Removes a tree without following links out of it.
  static func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      for name in names(in: path) { removeTree(path + "/" + name) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  /// The entries of a folder, without `.` and `..`.
  static func names(in folder: String) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = entryName(entry)
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
  }
}
