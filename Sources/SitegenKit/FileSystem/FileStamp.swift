#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `stat` says of a file: enough to see an edit, a save that replaces the file by rename
/// (new inode), a file that came or went (`serve`), and to know without reading a file that it
/// is the one a previous build read (`build`). The change time is part of it: no program can set
/// that back.
public struct FileStamp: Sendable, Hashable {
  public var modified: Int
  public var modifiedNanoseconds: Int
  public var size: Int
  public var inode: UInt64
  /// Nanoseconds since the epoch.
  public var changed: Int64 = 0
  public var device: UInt64 = 0

  public init(
    modified: Int, modifiedNanoseconds: Int, size: Int, inode: UInt64, changed: Int64 = 0,
    device: UInt64 = 0
  ) {
    self.modified = modified
    self.modifiedNanoseconds = modifiedNanoseconds
    self.size = size
    self.inode = inode
    self.changed = changed
    self.device = device
  }

  init(_ info: stat) {
    #if canImport(Darwin)
      let (m, c) = (info.st_mtimespec, info.st_ctimespec)
    #else
      let (m, c) = (info.st_mtim, info.st_ctim)
    #endif
    self.init(
      modified: Int(m.tv_sec), modifiedNanoseconds: Int(m.tv_nsec), size: Int(info.st_size),
      inode: UInt64(info.st_ino), changed: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec),
      device: UInt64(info.st_dev))
  }

  /// Whether this stamp can vouch for the bytes read with it. File times come from a coarse
  /// clock (a few milliseconds on Linux), so a file written again within the same tick keeps
  /// its stamp; one changed in the last two seconds is read again next time (git calls such
  /// index entries "racy").
  func isSettled(now: Int64) -> Bool { changed < now - 2_000_000_000 }

  public static func now() -> Int64 {
    var t = timespec()
    clock_gettime(CLOCK_REALTIME, &t)
    return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
  }
}
