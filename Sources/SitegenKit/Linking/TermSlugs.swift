/// The glossary terms a document uses (or notes), in order, each as its slug and this build's
/// glossary index (-1: not in the glossary).
///
/// Linked or read from the cache, a document knows each term by its index, and its slugs are
/// the glossary's (`table`): no string is made or kept per use. A 10,000-article edit read
/// 570,000 uses from the cache, and the strings and arrays of them were a fifth of its fresh
/// memory and half of decoding a cached document; every later stage reads the indices. A
/// document made from slugs (tests, tools) keeps them as given, its indices unknown until
/// someone sets them.
struct TermSlugs: Sendable, Hashable {
  private enum Form: Sendable {
    case listed([String])
    /// `table[terms[i]]`, except where `overrides` names another slug (a use whose index is -1,
    /// or whose index named another slug when cached).
    case table([String], overrides: [Int: String])
  }

  private var form: Form
  /// Empty, or one index per slug: only then are the indices known (`isIndexed`).
  private var indices: [Int]

  init(_ slugs: [String] = []) {
    form = .listed(slugs)
    indices = []
  }

  /// Slugs by their indices into `table` (each in range, or -1 with an override).
  init(table: [String], terms: [Int], overrides: [Int: String] = [:]) {
    form = .table(table, overrides: overrides)
    indices = terms
  }

  var count: Int {
    switch form {
    case .listed(let slugs): slugs.count
    case .table: indices.count
    }
  }

  /// This build's glossary index of each, when `isIndexed`.
  var terms: [Int] {
    get { indices }
    set {
      // Slugs that come from the indices must not change with them: list them first.
      if case .table = form { form = .listed(slugs) }
      indices = newValue
    }
  }

  var isIndexed: Bool { indices.count == count }

  subscript(i: Int) -> String {
    switch form {
    case .listed(let slugs): return slugs[i]
    case .table(let table, let overrides):
      if let slug = overrides[i] { return slug }
      return table[indices[i]]
    }
  }

  var slugs: [String] {
    switch form {
    case .listed(let slugs): slugs
    case .table: (0..<count).map { self[$0] }
    }
  }

  static func == (a: TermSlugs, b: TermSlugs) -> Bool {
    a.indices == b.indices && a.slugs == b.slugs
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(indices)
    hasher.combine(slugs)
  }
}

/// The sentences quoted around a document's term uses, by use: the few a term page quotes
/// (`SiteGraph.quotedUses`), so a list of those rather than an optional per use.
struct UseSentences: Sendable, Hashable {
  struct Quote: Sendable, Hashable {
    var use: Int
    var sentence: String
  }

  /// In order of use, one per use at most.
  private(set) var quotes: [Quote] = []

  init() {}

  /// The sentences of `uses`, by use.
  init(of uses: [TermUse]) {
    quotes = uses.enumerated().compactMap { u, use in
      use.sentence.map { Quote(use: u, sentence: $0) }
    }
  }

  init(_ quotes: [Quote]) {
    // They come in use order from the linker and the cache.
    let ordered = zip(quotes, quotes.dropFirst()).allSatisfy { $0.use < $1.use }
    self.quotes = ordered ? quotes : quotes.sorted { $0.use < $1.use }
  }

  subscript(use: Int) -> String? {
    get { position(of: use).map { quotes[$0].sentence } }
    set {
      if let i = position(of: use) {
        if let newValue { quotes[i].sentence = newValue } else { quotes.remove(at: i) }
      } else if let newValue {
        let at = quotes.firstIndex { $0.use > use } ?? quotes.count
        quotes.insert(Quote(use: use, sentence: newValue), at: at)
      }
    }
  }

  private func position(of use: Int) -> Int? {
    var low = 0
    var high = quotes.count
    while low < high {
      let mid = (low + high) / 2
      if quotes[mid].use < use { low = mid + 1 } else { high = mid }
    }
    return low < quotes.count && quotes[low].use == use ? low : nil
  }
}
