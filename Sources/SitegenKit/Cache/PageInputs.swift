import SitegenMarkdown

// What a page is made from, as `Encodable` values for `Fingerprint`. The page values declare
// `Encodable` beside their fields, synthesized: every stored field counts, so a new field cannot
// be left out of the fingerprint. Heading, from the Markdown module, lists its fields here.

extension Heading: Encodable {
  enum CodingKeys: String, CodingKey { case level, text, id, line }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(level, forKey: .level)
    try c.encode(text, forKey: .text)
    try c.encode(id, forKey: .id)
    try c.encode(line, forKey: .line)
  }
}
