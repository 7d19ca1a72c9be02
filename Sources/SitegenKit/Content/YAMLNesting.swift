/// How deeply a YAML text nests, estimated from its characters before any parser sees it:
/// Yams (libyaml's composer and Yams' own `Node` building) recurses once per level, so
/// `[[[[…]]]]` ten thousand deep would overflow the stack instead of being reported.
enum YAMLNesting {
  /// Front matter is a handful of keys; a few levels of lists are the most any site needs.
  static let limit = 32

  /// The 0-based line where nesting first goes deeper than `limit`, or nil.
  static func firstLineTooDeep(_ yaml: String, limit: Int = limit) -> Int? {
    var flowDepth = 0
    var indents: [Int] = []
    var line = 0
    var bytes = yaml.utf8[...]
    while !bytes.isEmpty {
      let end = bytes.firstIndex(of: 10) ?? bytes.endIndex
      let text = bytes[..<end]
      bytes = end == bytes.endIndex ? bytes[end...] : bytes[bytes.index(after: end)...]
      defer { line += 1 }
      let indent = text.prefix(while: { $0 == 32 }).count
      let rest = text.dropFirst(indent)
      if rest.isEmpty || rest.first == 35 { continue }  // blank or comment
      // Block levels: one per indentation step, plus compact "- - x" dashes.
      while let last = indents.last, last > indent { indents.removeLast() }
      if indents.last != indent { indents.append(indent) }
      var dashes = 0
      var item = rest
      while item.first == 45, item.dropFirst().first == 32 {
        dashes += 1
        item = item.dropFirst(2).drop(while: { $0 == 32 })
      }
      if indents.count + dashes + flowDepth > limit { return line }
      // Flow levels: brackets outside quotes, carried across lines.
      var quote: UInt8? = nil
      var previous: UInt8 = 32
      for b in rest {
        if let q = quote {
          if b == q { quote = nil }
        } else if b == 34 || b == 39 {
          if previous == 32 || previous == 91 || previous == 123 || previous == 44 || previous == 58 {
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
