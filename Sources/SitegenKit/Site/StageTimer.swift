#if canImport(Glibc)
  import Glibc
#endif
import Dispatch

/// Stage times on stderr when `SITEGEN_TIMINGS=1`: where a build's time goes, for the benchmark.
struct StageTimer {
  private let enabled = Environment.value("SITEGEN_TIMINGS") == "1"
  private var last = DispatchTime.now().uptimeNanoseconds

  mutating func lap(_ stage: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let ms = Double(now - last) / 1e6
    last = now
    var line = "timing: \(stage) "
    line += String(Int(ms.rounded())) + " ms\n"
    FileHandleWriter.standardError(line)
  }
}

enum FileHandleWriter {
  static func standardError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  }
}
