/// "Did you mean …?" for a misspelt key: the known key closest by edit distance, if close.
enum KeySuggestion {
  static func closest(to key: String, among known: [String]) -> String? {
    let lowered = Array(key.lowercased())
    let scored = known.map { ($0, distance(lowered, Array($0.lowercased()))) }
    guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
    let allowed = key.count <= 4 ? 1 : key.count <= 8 ? 2 : 3
    return best.1 <= allowed ? best.0 : nil
  }

  /// Edit distance where swapping two neighbours costs one (optimal string alignment):
  /// "titel" is one slip from "title".
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}
