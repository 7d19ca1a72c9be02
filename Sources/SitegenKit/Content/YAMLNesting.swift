/// How deeply a YAML text nests, estimated from its characters before any parser sees it:
/// Yams (libyaml's composer and Yams' own `Node` building) recurses once per level, so
/// `[[[[…]]]]` ten thousand deep would overflow the stack instead of being reported.
enum YAMLNesting {
  /// Front matter is a handful of keys; a few levels of lists are the most any site needs.
  static let limit = 32

  /// The 0-based line where nesting first goes deeper than `limit`, or nil.
  static func firstLineTooDeep(_ yaml: String, limit: Int = limit) -> Int? {
    // Over the bytes by offset: slicing the UTF-8 view line by line cost 13,000 instructions
    // for a small block, checked for every article on every cold build.
    yaml.withUTF8Bytes { firstLineTooDeep($0, limit: limit) }
  }

  private static func firstLineTooDeep(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
    var flowDepth = 0
    var indents: [Int] = []
    var line = 0
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 10 { end += 1 }
      defer {
        line += 1
        start = end + 1
      }
      var first = start
      while first < end && bytes[first] == 32 { first += 1 }
      let indent = first - start
      if first == end || bytes[first] == 35 { continue }  // blank or comment
      // Block levels: one per indentation step, plus compact "- - x" dashes.
      while let last = indents.last, last > indent { indents.removeLast() }
      if indents.last != indent { indents.append(indent) }
      var dashes = 0
      var item = first
      while item + 1 < end && bytes[item] == 45 && bytes[item + 1] == 32 {
        dashes += 1
        item += 2
        while item < end && bytes[item] == 32 { item += 1 }
      }
      if indents.count + dashes + flowDepth > limit { return line }
      // Flow levels: brackets outside quotes, carried across lines.
      var quote: UInt8? = nil
      var previous: UInt8 = 32
      for i in first..<end {
        let b = bytes[i]
        if let q = quote {
          if b == q { quote = nil }
        } else if b == 34 || b == 39 {
          if previous == 32 || previous == 91 || previous == 123 || previous == 44 || previous == 58
          {
            quote = b
          }
        } else if b == 35 && previous == 32 {
          break  // comment
        } else if b == 91 || b == 123 {
          flowDepth += 1
          if indents.count + dashes + flowDepth > limit { return line }
        } else if b == 93 || b == 125 {
          flowDepth = max(flowDepth - 1, 0)
        }
        previous = b
      }
    }
    return nil
  }
}
