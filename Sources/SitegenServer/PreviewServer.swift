import FlyingFox
import FlyingSocks
import Foundation
import SitegenKit

/// FlyingFox's server, started and stopped from the synchronous watch loop.
struct PreviewServer: Sendable {
  let server: HTTPServer
  /// The port the server got (the one asked for, or a free one for port 0).
  let port: Int

  /// Binds `host:port` and serves `handler` on the cooperative pool; returns once listening.
  static func start(host: String, port: Int, handler: SiteRequestHandler) throws -> PreviewServer {
    let config = HTTPServer.Configuration(
      address: try address(host: host, port: port), timeout: 30, logger: .disabled)
    let server = HTTPServer(config: config, handler: handler)
    let outcome = Locked<Result<Int, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask { try await server.run() }
          group.addTask {
            try await server.waitUntilListening(timeout: 60)
            let port: Int
            switch await server.listeningAddress {
            case .ip4(_, let p)?, .ip6(_, let p)?: port = Int(p)
            default: port = 0
            }
            outcome.value = .success(port)
            done.signal()
          }
          // The first child to end: the listener (then wait on for `run`), or `run` failing.
          try await group.next()
          try await group.next()
        }
      } catch {
        if outcome.setIfEmpty(.failure(error)) { done.signal() }
      }
    }
    done.wait()
    switch outcome.value {
    case .success(let port)?: return PreviewServer(server: server, port: port)
    case .failure(let error)?: throw EnvironmentError(describe(error, host: host, port: port))
    case nil: throw EnvironmentError("the server did not start")
    }
  }

  /// Closes the listening socket and lets open responses end, waiting at most `seconds` (the
  /// process exits next, which closes whatever is left).
  func stop(seconds: Double) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      await server.stop(timeout: seconds)
      done.signal()
    }
    _ = done.wait(timeout: .now() + seconds)
  }

  /// An IP address only: a name would need a resolver and could mean any interface.
  static func address(host: String, port: Int) throws -> any SocketAddress {
    guard (0...65535).contains(port) else { throw EnvironmentError("--port must be 0-65535") }
    let name = host == "localhost" ? "127.0.0.1" : host
    do {
      if name.contains(":") {
        return try sockaddr_in6.inet6(ip6: name, port: UInt16(port))
      }
      return try sockaddr_in.inet(ip4: name, port: UInt16(port))
    } catch {
      throw EnvironmentError("--host takes an IP address such as 127.0.0.1 or ::1, not '\(host)'")
    }
  }

  static func describe(_ error: any Error, host: String, port: Int) -> String {
    let text = "\(error)"
    if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("98")
    {
      return
        "cannot listen on \(host):\(port): the port is in use; pass --port N (0 picks a free one)"
    }
    return "cannot listen on \(host):\(port): \(text)"
  }
}
