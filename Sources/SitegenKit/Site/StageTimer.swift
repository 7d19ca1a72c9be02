import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Stage times on stderr when `SITEGEN_TIMINGS=1`: where a build's time goes, for the benchmark.
/// Each stage shows its wall time and the CPU time of the whole process during it, so a stage
/// that leaves a core idle shows (CPU near wall on two cores means one core worked).
struct StageTimer {
  private let enabled = Environment.value("SITEGEN_TIMINGS") == "1"
  private var last = DispatchTime.now().uptimeNanoseconds
  private var lastCPU = StageTimer.cpuNanoseconds()

  mutating func lap(_ stage: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let cpu = Self.cpuNanoseconds()
    let ms = Double(now - last) / 1e6
    let cpuMS = Double(cpu - lastCPU) / 1e6
    last = now
    lastCPU = cpu
    FileHandleWriter.standardError(
      "timing: \(stage) \(Int(ms.rounded())) ms (cpu \(Int(cpuMS.rounded())) ms, peak memory \(Self.peakMiB()) MiB, now \(Self.residentMiB()) MiB)\n"
    )
  }

  private static func peakMiB() -> Int { usage().ru_maxrss / 1024 }

  /// Resident memory now (the peak alone hides what a stage let go): /proc/self/statm's second
  /// field, in pages.
  private static func residentMiB() -> Int {
    guard let statm = POSIXFile.read("/proc/self/statm") else { return -1 }
    let fields = statm.split(separator: 0x20)
    guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else {
      return -1
    }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1024 * 1024)
  }

  private static func cpuNanoseconds() -> UInt64 {
    let usage = usage()
    func ns(_ t: timeval) -> UInt64 { UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_usec) * 1000 }
    return ns(usage.ru_utime) + ns(usage.ru_stime)
  }

  private static func usage() -> rusage {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage
  }
}

enum FileHandleWriter {
  static func standardError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  }
}
