#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Holds an exclusive `flock` beside the output folder while a build writes it, so two builds
/// into one folder take turns instead of mixing their files. The kernel drops the lock if the
/// process dies.
struct BuildLock {
  private let fd: Int32

  /// Waits up to `seconds` for another build to finish, then gives up with a clear error.
  init(path: String, seconds: Int = 120) throws {
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw EnvironmentError("cannot create the lock file \(path): \(POSIXFile.errorText())")
    }
    var waited = 0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, waited < seconds * 10 else {
        close(fd)
        throw EnvironmentError(
          "another sitegen build is writing this output folder (lock \(path)); try again when it ends")
      }
      usleep(100_000)
      waited += 1
    }
  }

  func release() {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
