/// "Did you mean …?" for a misspelt key: the known key closest by edit distance, if close.
enum KeySuggestion {
  static func closest(to key: String, among known: [String]) -> String? {
    let lowered = key.lowercased()
    let scored = known.map { ($0, distance(Array(lowered), Array($0))) }
    guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
    return best.1 <= max(1, min(3, key.count / 3)) ? best.0 : nil
  }

  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
      var current = [i + 1]
      for (j, cb) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
