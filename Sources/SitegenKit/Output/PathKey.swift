/// A site-relative output path with its hash worked out once.
///
/// The write stage keeps a site's paths in several sets and dictionaries (the live site's and
/// the spare tree's files, the spare's folders, the new site's files) and looks each path up
/// in several of them: some 110,000 operations on a one-article edit of a 10,000-article site.
/// A `String` key runs SipHash over all of its bytes at every one of them (about 400
/// instructions an operation on paths like `articles/slug/index.html`). A key hashes its bytes
/// once, eight at a time, and gives the dictionary's hasher that one word.
struct PathKey: Hashable, Sendable, CustomStringConvertible {
  let path: String
  private let hash: UInt64

  init(_ path: String) {
    self.path = path
    hash = ContentHash.of(string: path)
  }

  static func == (a: PathKey, b: PathKey) -> Bool { a.hash == b.hash && a.path == b.path }

  func hash(into hasher: inout Hasher) { hasher.combine(hash) }

  var description: String { path }
}
