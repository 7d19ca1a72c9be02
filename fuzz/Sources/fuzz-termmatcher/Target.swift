/// libFuzzer entry point for the 'termmatcher' target: one input, through FuzzEntryPoints.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  precondition(FuzzEntryPoints.run("termmatcher", bytes), "superlinear time on this input")
  return 0
}
