import Testing

@testable import SitegenKit

/// Slugs suggested from any text (tags' URLs, `sitegen new`): ASCII takes a path over bytes,
/// other text Unicode's lowercasing; both must give what the one rule says.
@Suite struct SlugTests {
  @Test(arguments: [
    ("Red lines & NATO", "red-lines-nato"),
    ("United States", "united-states"),
    ("  --Hello,  World--  ", "hello-world"),
    ("A1 b2", "a1-b2"),
    ("x--y", "x-y"),
    ("!!!", "untitled"),
    ("", "untitled"),
    ("Čeština", "e-tina"),
    ("Kyiv’s guarantees", "kyiv-s-guarantees"),
    ("ÉTAT 1994", "tat-1994"),
  ])
  func suggestedSlugs(text: String, slug: String) {
    #expect(Slug.suggest(from: text) == slug)
    #expect(Slug.isValid(Slug.suggest(from: text)))
  }
}
