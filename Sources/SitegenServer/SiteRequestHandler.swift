import FlyingFox
import Foundation
import SitegenKit
import Synchronization

/// Answers every request of `serve`: the event stream, the reload script, the theme's assets from
/// `Templates/assets/` on disk, and the built site from the output folder. HTML gets the reload
/// script on its way out; nothing on disk is changed.
struct SiteRequestHandler: HTTPHandler {
  /// The output folder, absolute: every file served must resolve inside it.
  let output: String
  /// `Templates/assets` when the site has one: edited CSS and JS are served without a rebuild.
  let assets: String?
  let hub: EventHub
  /// The path part of `base_url`; changes when `site.yml` does.
  let basePath: Locked<String>

  init(output: String, assets: String?, hub: EventHub, basePath: String) {
    self.output = Self.absolute(output)
    self.assets = assets.map(Self.absolute)
    self.hub = hub
    self.basePath = Locked(basePath)
  }

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    let raw = request.target.path(percentEncoded: true)
    if raw == LiveReload.eventsPath {
      return HTTPResponse(
        statusCode: .ok,
        headers: headers([.contentType: "text/event-stream", .cacheControl: "no-store"]),
        body: HTTPBodySequence(from: EventBytes(events: hub.subscribe())))
    }
    guard request.method == .GET || request.method == .HEAD else {
      return HTTPResponse(
        statusCode: .methodNotAllowed, headers: headers([HTTPHeader("Allow"): "GET, HEAD"]))
    }
    if raw == LiveReload.scriptPath {
      return respond(
        Array(LiveReload.script.utf8), type: MediaType.of(path: "reload.js"), to: request)
    }
    let base = basePath.value
    guard let path = RequestPath.parse(raw, basePath: base) else { return notFound(request) }
    if let assets, !path.isFolder, path.segments.count > 1, path.segments[0] == "assets",
      let bytes = read(path.segments.dropFirst().joined(separator: "/"), in: assets)
    {
      return respond(bytes, type: MediaType.of(path: path.relativePath), to: request)
    }
    if let bytes = read(path.relativePath, in: output) {
      return respond(bytes, page: path.relativePath, to: request)
    }
    if !path.isFolder, isFolder(path.relativePath, in: output) {
      // `/articles/x` → `/articles/x/`, as every static host does: relative links then work.
      let query = request.target.query(percentEncoded: true)
      return HTTPResponse(
        statusCode: .movedPermanently,
        headers: headers([
          .location: raw + "/" + (query.isEmpty ? "" : "?" + query), .cacheControl: "no-store",
        ]))
    }
    return notFound(request)
  }

  /// The site's own 404 page, status 404, with the reload script (it reloads when it changes).
  func notFound(_ request: HTTPRequest) -> HTTPResponse {
    let page =
      read("404.html", in: output)
      ?? Array("<!DOCTYPE html><title>Not found</title><body><h1>Not found</h1></body>".utf8)
    return respond(page, page: "404.html", status: .notFound, to: request)
  }

  private func respond(
    _ bytes: [UInt8], page: String, status: HTTPStatusCode = .ok, to request: HTTPRequest
  ) -> HTTPResponse {
    let type = MediaType.of(path: page)
    let body = MediaType.isHTML(path: page) ? LiveReload.inject(into: bytes, page: page) : bytes
    return respond(body, type: type, status: status, to: request)
  }

  private func respond(
    _ bytes: [UInt8], type: String, status: HTTPStatusCode = .ok, to request: HTTPRequest
  ) -> HTTPResponse {
    var headers = headers([
      .contentType: type, .cacheControl: "no-store",
      HTTPHeader("X-Content-Type-Options"): "nosniff",
    ])
    if request.method == .HEAD {
      headers[.contentLength] = String(bytes.count)
      return HTTPResponse(statusCode: status, headers: headers)
    }
    return HTTPResponse(statusCode: status, headers: headers, body: Data(bytes))
  }

  private func headers(_ fields: KeyValuePairs<HTTPHeader, String>) -> HTTPHeaders {
    var headers = HTTPHeaders()
    for (name, value) in fields { headers[name] = value }
    return headers
  }

  /// A regular file's bytes, only when its real path is inside `folder` (no link leads out).
  private func read(_ relative: String, in folder: String) -> [UInt8]? {
    guard let root = Self.resolved(folder), let real = Self.resolved(folder + "/" + relative),
      real.hasPrefix(root + "/")
    else { return nil }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory),
      !isDirectory.boolValue, let data = FileManager.default.contents(atPath: real)
    else { return nil }
    return [UInt8](data)
  }

  private func isFolder(_ relative: String, in folder: String) -> Bool {
    guard let root = Self.resolved(folder), let real = Self.resolved(folder + "/" + relative),
      real.hasPrefix(root + "/")
    else { return false }
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  /// `realpath(3)`: absolute, links resolved; nil when the path does not exist.
  static func resolved(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }
}

/// A value shared between the watch loop and the request handlers.
final class Locked<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>
  init(_ value: Value) { mutex = Mutex(value) }
  var value: Value {
    get { mutex.withLock { $0 } }
    set { mutex.withLock { $0 = newValue } }
  }

  /// Sets `value` unless it is already set; true when it did.
  func setIfEmpty<Wrapped: Sendable>(_ newValue: Value) -> Bool where Value == Wrapped? {
    mutex.withLock { current in
      guard current == nil else { return false }
      current = newValue
      return true
    }
  }
}
