import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A real `sitegen serve` on a free port of 127.0.0.1, for one test. `stop()` sends SIGINT and
/// returns the exit status; `deinit` kills whatever is left, so no test leaves a server behind.
final class ServeProcess {
  let process = Process()
  let port: Int
  private let output = Output()

  /// Text the server printed so far (stdout and stderr, in arrival order).
  var printed: String { output.text }

  /// Starts `sitegen serve --port 0 …` in `site` and waits (up to a minute) for its URL.
  init(
    _ site: TemporarySite, arguments: [String] = [], environment: [String: String] = [:]
  ) throws {
    process.executableURL = URL(fileURLWithPath: CLI.binary)
    process.arguments = ["serve", "--port", "0"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: site.path)
    process.environment = CLI.environment(environment)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    let output = self.output
    pipe.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      if !data.isEmpty { output.append(data) }
    }
    try process.run()
    var found: Int?
    let deadline = Date().addingTimeInterval(60)
    while found == nil, Date() < deadline, process.isRunning {
      found = Self.port(in: output.text)
      if found == nil { usleep(20_000) }
    }
    guard let found else {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      throw ServeError("serve did not print its URL: \(output.text)")
    }
    port = found
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  /// Ctrl-C (or `signal`); the exit status, or nil when it had to be killed after `seconds`.
  @discardableResult
  func stop(signal: Int32 = SIGINT, seconds: Double = 20) -> Int32? {
    guard process.isRunning else { return process.terminationStatus }
    kill(process.processIdentifier, signal)
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Waits until the server has printed `text` (a rebuild's summary line, say).
  func waitForOutput(_ text: String, seconds: Double = 30, after offset: Int = 0) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if output.text.utf8.count > offset,
        String(decoding: Array(output.text.utf8).dropFirst(offset), as: UTF8.self).contains(text)
      {
        return true
      }
      usleep(20_000)
    }
    return false
  }

  func get(_ path: String, method: String = "GET") throws -> HTTPReply {
    try HTTPReply.fetch(path, port: port, method: method)
  }

  func events() throws -> EventStreamClient { try EventStreamClient(port: port) }

  /// Runs a command that should end by itself (a refused start), killing it after `seconds`.
  static func runToExit(_ arguments: [String], in site: TemporarySite, seconds: Double = 60) throws
    -> (status: Int32?, output: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CLI.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: site.path)
    let log = site.path + "/.run-\(UUID().uuidString).log"
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    var status: Int32?
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    } else {
      process.waitUntilExit()
      status = process.terminationStatus
    }
    try? handle.close()
    return (status, site.read((log as NSString).lastPathComponent) ?? "")
  }

  static func port(in text: String) -> Int? {
    guard let range = text.range(of: "http://127.0.0.1:") else { return nil }
    let digits = text[range.upperBound...].prefix(while: \.isNumber)
    return Int(digits)
  }

  private final class Output: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    func append(_ data: Data) { bytes.withLock { $0 += data } }
  }
}

struct ServeError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A connected TCP socket to 127.0.0.1 with a read timeout: requests go out exactly as
/// written, with no client normalising `..` or percent-encoding on the way.
struct LoopbackSocket {
  let fd: Int32

  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServeError("socket: \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      Glibc.close(fd)
      throw ServeError("connect to port \(port): \(errno)")
    }
  }

  func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else { throw ServeError("send: \(errno)") }
      sent += n
    }
  }

  /// Bytes available within `seconds`; [] on timeout, nil at the end of the stream.
  func receive(within seconds: Double) -> [UInt8]? {
    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    let ready = poll(&poller, 1, Int32(max(0, seconds) * 1000))
    guard ready > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    return n > 0 ? Array(buffer[..<n]) : nil
  }

  func close() { _ = Glibc.close(fd) }
}

/// One HTTP/1.1 exchange over a fresh connection.
struct HTTPReply {
  var status: Int
  /// Lowercased names.
  var headers: [String: String]
  var body: [UInt8]
  var text: String { String(decoding: body, as: UTF8.self) }

  static func fetch(_ target: String, port: Int, method: String = "GET") throws -> HTTPReply {
    let socket = try LoopbackSocket(port: port)
    defer { socket.close() }
    try socket.send(
      "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      guard let chunk = socket.receive(within: deadline.timeIntervalSinceNow) else { break }
      bytes += chunk
      if let reply = parse(bytes, isHead: method == "HEAD") { return reply }
    }
    guard let reply = parse(bytes, isHead: method == "HEAD", atEnd: true) else {
      throw ServeError("no complete reply to \(target): \(String(decoding: bytes, as: UTF8.self))")
    }
    return reply
  }

  /// A whole reply, or nil while bytes are still missing.
  static func parse(_ bytes: [UInt8], isHead: Bool, atEnd: Bool = false) -> HTTPReply? {
    guard let end = find([13, 10, 13, 10], in: bytes) else { return nil }
    let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    let rest = Array(bytes[(end + 4)...])
    if isHead { return HTTPReply(status: status, headers: headers, body: []) }
    if let length = headers["content-length"].flatMap(Int.init) {
      guard rest.count >= length else { return nil }
      return HTTPReply(status: status, headers: headers, body: Array(rest.prefix(length)))
    }
    return atEnd ? HTTPReply(status: status, headers: headers, body: rest) : nil
  }

  static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
    guard bytes.count >= needle.count + start else { return nil }
    for i in start...(bytes.count - needle.count)
    where bytes[i..<i + needle.count].elementsEqual(needle) {
      return i
    }
    return nil
  }
}

/// A page's side of `/__sitegen/events`: reads the chunked `text/event-stream` and hands out
/// one event at a time.
final class EventStreamClient {
  struct Event {
    var name: String
    var data: String
  }

  private let socket: LoopbackSocket
  private var raw: [UInt8] = []
  private var decoded: [UInt8] = []
  private var headerDone = false
  private(set) var isClosed = false
  private(set) var status = 0

  init(port: Int) throws {
    socket = try LoopbackSocket(port: port)
    try socket.send(
      "GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n"
    )
  }

  deinit { socket.close() }

  /// The next event named `name` (others are skipped), or nil after `seconds`.
  func next(_ name: String, seconds: Double = 30) -> Event? {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      while let event = takeEvent() {
        if event.name == name { return event }
      }
      if isClosed || Date() >= deadline { return nil }
      guard let bytes = socket.receive(within: min(0.5, deadline.timeIntervalSinceNow)) else {
        isClosed = true
        continue
      }
      raw += bytes
      decode()
    }
  }

  /// Events already received (waiting `seconds` for more), without blocking longer.
  func pending(seconds: Double = 0.2) -> [Event] {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, !isClosed {
      guard let bytes = socket.receive(within: deadline.timeIntervalSinceNow) else {
        isClosed = true
        break
      }
      raw += bytes
      decode()
    }
    var all: [Event] = []
    while let event = takeEvent() { all.append(event) }
    return all
  }

  /// Waits for the server to end the stream (a restart, a stop).
  func waitForClose(seconds: Double = 30) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !isClosed, Date() < deadline {
      guard let bytes = socket.receive(within: min(0.5, deadline.timeIntervalSinceNow)) else {
        isClosed = true
        break
      }
      raw += bytes
      decode()
    }
    return isClosed
  }

  private func decode() {
    if !headerDone {
      guard let end = HTTPReply.find([13, 10, 13, 10], in: raw) else { return }
      let statusLine = String(decoding: raw[..<end], as: UTF8.self).split(separator: " ")
      status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
      raw.removeFirst(end + 4)
      headerDone = true
    }
    // Chunked transfer coding: hex size, CRLF, data, CRLF.
    while let lineEnd = HTTPReply.find([13, 10], in: raw) {
      let size = Int(String(decoding: raw[..<lineEnd], as: UTF8.self), radix: 16) ?? 0
      guard raw.count >= lineEnd + 2 + size + 2 else { return }
      if size == 0 {
        isClosed = true
        raw.removeAll()
        return
      }
      decoded += raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
      raw.removeFirst(lineEnd + 2 + size + 2)
    }
  }

  private func takeEvent() -> Event? {
    while let end = HTTPReply.find([10, 10], in: decoded) {
      let block = String(decoding: decoded[..<end], as: UTF8.self)
      decoded.removeFirst(end + 2)
      var name = "message"
      var data: [String] = []
      for line in block.split(separator: "\n") {
        if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
        if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
      }
      if !data.isEmpty { return Event(name: name, data: data.joined(separator: "\n")) }
    }
    return nil
  }
}
