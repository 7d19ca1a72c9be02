import SitegenMarkdown
import Testing

@testable import SitegenKit

/// The link stage on cmark's tree: term links, explicit links, opt-outs, and what they report.
@Suite struct DocumentLinkerTests {
  let glossary: Glossary
  let terms: [Term]
  let linker: DocumentLinker
  static let path = "articles/talks.md"

  init() throws {
    try self.init(baseURL: "https://example.org/")
  }

  init(baseURL: String) throws {
    let (glossary, terms, diagnostics) = GlossaryFixture.glossary(GlossaryFixture.standardFiles)
    #expect(diagnostics == [], "the standard glossary should be clean")
    self.glossary = glossary
    self.terms = terms
    let other = try #require(
      Article.parse(
        GlossaryFixture.file(
          "articles/other.md", GlossaryFixture.article("## Part\n\nText.", slug: "other-piece"))
      ).0)
    let draft = try #require(
      Article.parse(
        GlossaryFixture.file("articles/draft.md", GlossaryFixture.article("x", draft: true))
      )
      .0)
    linker = DocumentLinker(
      glossary: glossary,
      resolver: LinkResolver(articles: [other], unpublished: [draft], terms: terms),
      urls: SiteURLs(SiteConfig(title: "Test", baseURL: baseURL)),
      options: .site(rawHTML: false))
  }

  /// Links the body of an article file (front matter included), as the pipeline does.
  func link(_ fileText: String, mode: GlossaryLinkMode = .first, path: String = Self.path) throws
    -> Linked
  {
    let file = GlossaryFixture.file(path, fileText)
    let (parsed, diagnostics) = Article.parse(file)
    #expect(diagnostics == [])
    let article = try #require(parsed)
    return Linked(
      linker.link(
        body: article.body, source: file, firstLine: article.bodyFirstLine, mode: mode))
  }

  /// Links a body of an article whose front matter is the fixture's.
  func link(body: String, mode: GlossaryLinkMode = .first) throws -> Linked {
    try link(GlossaryFixture.article(body), mode: mode)
  }

  static func open(_ slug: String, base: String = "/") -> String {
    "<a class=\"term\" href=\"\(base)glossary/\(slug)/\" data-term=\"\(slug)\" aria-describedby=\"gloss:\(slug)\">"
  }

  /// A term link as the link stage writes it, with its endnote number (`note`).
  static func termLink(_ slug: String, _ text: String, base: String = "/", note: Int = 1) -> String
  {
    open(slug, base: base) + text + "</a><sup class=\"term-note\">\(note)</sup>"
  }

  static func termLinkCount(_ html: String, _ slug: String? = nil) -> Int {
    let needle = slug.map { "data-term=\"\($0)\"" } ?? "class=\"term\""
    return html.components(separatedBy: needle).count - 1
  }

  // MARK: first, section, all, none

  @Test func linksOnlyTheFirstMentionByDefault() throws {
    let doc = try link(body: "Red lines matter. The red lines held.\n\nRed lines again.\n")
    #expect(
      doc.html
        == "<p>\(Self.termLink("red-lines", "Red lines")) matter. The red lines held.</p>\n<p>Red lines again.</p>\n"
    )
    #expect(doc.termUses == [TermUse(slug: "red-lines", sentence: "Red lines matter.")])
    #expect(doc.diagnostics == [])
  }

  @Test func firstMentionCountsAliases() throws {
    let doc = try link(body: "The red line was clear. Later, red lines multiplied.\n")
    #expect(doc.html.contains(Self.termLink("red-lines", "red line") + " was clear"))
    #expect(doc.html.contains("Later, red lines multiplied."))
    #expect(Self.termLinkCount(doc.html) == 1)
  }

  /// The linker hands over each use's and each endnote's glossary index, which later stages
  /// read instead of looking the slugs up: they must be the glossary's own, in the same order,
  /// uses in text and in explicit links alike.
  @Test func usesAndEndnotesCarryTheirGlossaryIndices() throws {
    let doc = try link(
      body: "NATO and [the red line](../glossary/red-lines.md). Then sanctions, NATO again.\n",
      mode: .all)
    #expect(doc.termUses.map(\.slug) == ["nato", "red-lines", "sanctions"])
    #expect(doc.useTerms == doc.termUses.map { glossary.index(of: $0.slug) ?? -2 })
    #expect(doc.noteTerms == doc.notes.map { glossary.index(of: $0) ?? -2 })
    #expect(doc.noteTerms.count == 3 && !doc.useTerms.contains(-2))
  }

  @Test func firstMentionIsPerTerm() throws {
    let doc = try link(
      body: "Sanctions and NATO. Then sanctions and NATO again; security guarantees too.\n")
    #expect(Self.termLinkCount(doc.html, "sanctions") == 1)
    #expect(Self.termLinkCount(doc.html, "nato") == 1)
    #expect(Self.termLinkCount(doc.html, "security-guarantees") == 1)
    #expect(
      doc.html.hasPrefix(
        "<p>\(Self.termLink("sanctions", "Sanctions")) and \(Self.termLink("nato", "NATO", note: 2)). Then sanctions"
      ))
    #expect(doc.termUses.map(\.slug) == ["sanctions", "nato", "security-guarantees"])
  }

  @Test func sectionModeLinksTheFirstMentionUnderEachHeading() throws {
    let body = """
      Red lines before any heading. Red lines again.

      ## First

      The red line here. And red lines.

      ### Nested

      Red lines in the nested section.

      ## Empty

      ## Last

      Red lines last.
      """
    let doc = try link(body: body, mode: .section)
    #expect(Self.termLinkCount(doc.html) == 4)
    #expect(
      doc.html.contains(
        "<p>\(Self.termLink("red-lines", "Red lines")) before any heading. Red lines again.</p>"))
    #expect(
      doc.html.contains("<p>The \(Self.termLink("red-lines", "red line")) here. And red lines.</p>")
    )
    #expect(
      doc.html.contains("<p>\(Self.termLink("red-lines", "Red lines")) in the nested section.</p>"))
    #expect(doc.html.contains("<p>\(Self.termLink("red-lines", "Red lines")) last.</p>"))
    // One use per document, however many sections link it.
    #expect(doc.termUses == [TermUse(slug: "red-lines", sentence: "Red lines before any heading.")])
  }

  @Test func firstModeDoesNotResetAtHeadings() throws {
    let doc = try link(body: "Red lines here.\n\n## Next\n\nRed lines there.\n")
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(doc.html.contains("<p>Red lines there.</p>"))
  }

  @Test func allModeLinksEveryMention() throws {
    let doc = try link(
      body: "Red lines, a red line, red lines.\n\n## Then\n\nRed lines and NATO.\n", mode: .all)
    #expect(Self.termLinkCount(doc.html, "red-lines") == 4)
    #expect(Self.termLinkCount(doc.html, "nato") == 1)
    #expect(
      doc.html.contains(
        "<p>\(Self.termLink("red-lines", "Red lines")), a \(Self.termLink("red-lines", "red line")), \(Self.termLink("red-lines", "red lines")).</p>"
      ))
    #expect(doc.termUses.map(\.slug) == ["red-lines", "nato"])
  }

  @Test func noneModeMakesNoAutomaticLinksButKeepsExplicitOnes() throws {
    let doc = try link(
      body: "Red lines and NATO.\n\nSee [the red line](../glossary/red-lines.md), red lines.\n",
      mode: .none)
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(doc.html.contains("<p>Red lines and NATO.</p>"))
    #expect(
      doc.html.contains("<p>See \(Self.termLink("red-lines", "the red line")), red lines.</p>"))
    #expect(doc.termUses.map(\.slug).contains("red-lines"))
  }

  // MARK: places that are never linked

  /// Each excluded place holds a mention that must stay plain, and must not use up the first
  /// mention: the paragraph after it is linked.
  @Test(arguments: [
    (
      "## Red lines",
      "<h2 id=\"red-lines\"><a class=\"heading-anchor\" href=\"#red-lines\">Red lines</a></h2>"
    ),
    ("[red lines](https://example.org/)", "<p><a href=\"https://example.org/\">red lines</a></p>"),
    ("`red lines`", "<p><code>red lines</code></p>"),
    ("```\nred lines\n```", "<pre><code>red lines\n</code></pre>"),
    ("~~~ text\nred lines\n~~~", "<pre><code class=\"language-text\">red lines\n</code></pre>"),
    ("    red lines", "<pre><code>red lines\n</code></pre>"),
    ("<div>red lines</div>", "<!-- raw HTML omitted -->"),
    ("![red lines on a map](map.png)", "<p><img src=\"map.png\" alt=\"red lines on a map\" /></p>"),
    (
      "*[red lines](https://example.org/)*",
      "<p><em><a href=\"https://example.org/\">red lines</a></em></p>"
    ),
  ])
  func excludedPlaceIsNotLinkedAndDoesNotUseUpTheFirstMention(markdown: String, rendered: String)
    throws
  {
    let doc = try link(body: "\(markdown)\n\nThen red lines.\n")
    #expect(doc.html.contains(rendered))
    #expect(doc.html.contains("<p>Then \(Self.termLink("red-lines", "red lines")).</p>"))
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(doc.termUses == [TermUse(slug: "red-lines", sentence: "Then red lines.")])
  }

  @Test(arguments: [
    (
      "See https://example.org/sanctions today.",
      "<p>See <a href=\"https://example.org/sanctions\">https://example.org/sanctions</a> today.</p>"
    ),
    (
      "See www.sanctions.org today.",
      "<p>See <a href=\"http://www.sanctions.org\">www.sanctions.org</a> today.</p>"
    ),
    (
      "See <https://example.org/sanctions> today.",
      "<p>See <a href=\"https://example.org/sanctions\">https://example.org/sanctions</a> today.</p>"
    ),
    (
      "Write to sanctions@example.org today.",
      "<p>Write to <a href=\"mailto:sanctions@example.org\">sanctions@example.org</a> today.</p>"
    ),
  ])
  func autolinksAreNotLinked(markdown: String, rendered: String) throws {
    let doc = try link(body: "\(markdown)\n\nLater, sanctions bite.\n")
    #expect(doc.html.contains(rendered))
    #expect(doc.html.contains("<p>Later, \(Self.termLink("sanctions", "sanctions")) bite.</p>"))
    #expect(Self.termLinkCount(doc.html) == 1)
  }

  @Test
  func rawInlineHTMLIsNotLinkedInSafeMode() throws {
    let doc = try link(body: "Look: <span>red lines</span>.\n\nThen red lines.\n")
    #expect(
      doc.html.contains("<p>Look: <!-- raw HTML omitted -->red lines<!-- raw HTML omitted -->.</p>")
    )
    #expect(doc.html.contains("<p>Then \(Self.termLink("red-lines", "red lines")).</p>"))
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(doc.termUses == [TermUse(slug: "red-lines", sentence: "Then red lines.")])
  }

  @Test func rawInlineHTMLThatIsClosedDoesNotHideWhatFollows() throws {
    let doc = try link(body: "<b>Note</b>: red lines.\n")
    #expect(
      doc.html
        == "<p><!-- raw HTML omitted -->Note<!-- raw HTML omitted -->: \(Self.termLink("red-lines", "red lines")).</p>\n"
    )
  }

  @Test
  func rawHTMLPassesThroughUnlinkedWhenTrusted() throws {
    let trusted = DocumentLinker(
      glossary: linker.glossary, resolver: linker.resolver, urls: linker.urls,
      options: .site(rawHTML: true))
    let body =
      "Look: <abbr title=\"x\">NATO</abbr>.\n\n<div>red lines</div>\n\nThen NATO and red lines.\n"
    let file = GlossaryFixture.file(Self.path, body)
    let doc = Linked(trusted.link(body: body, source: file, firstLine: 1, mode: .first))
    #expect(doc.html.contains("<p>Look: <abbr title=\"x\">NATO</abbr>.</p>"))
    #expect(doc.html.contains("<div>red lines</div>"))
    #expect(
      doc.html.contains(
        "<p>Then \(Self.termLink("nato", "NATO")) and \(Self.termLink("red-lines", "red lines", note: 2)).</p>"
      ))
  }

  // MARK: where mentions are linked

  @Test func mentionAcrossASoftLineBreak() throws {
    let doc = try link(body: "They drew red\nlines early.\n")
    #expect(doc.html == "<p>They drew \(Self.termLink("red-lines", "red\nlines")) early.</p>\n")
    #expect(doc.termUses == [TermUse(slug: "red-lines", sentence: "They drew red lines early.")])
  }

  @Test func mentionInsideEmphasisAndListItems() throws {
    let doc = try link(body: "- first *red lines* here\n- then **NATO**\n", mode: .all)
    #expect(doc.html.contains("<em>\(Self.termLink("red-lines", "red lines"))</em>"))
    #expect(doc.html.contains("<strong>\(Self.termLink("nato", "NATO", note: 2))</strong>"))
  }

  @Test func mentionInTableCells() throws {
    let body = """
      | Term | Note |
      |------|------|
      | red lines | set by NATO |
      | sanctions | none |
      """
    let doc = try link(body: body)
    #expect(doc.html.contains("<td>\(Self.termLink("red-lines", "red lines"))</td>"))
    #expect(doc.html.contains("<td>set by \(Self.termLink("nato", "NATO", note: 2))</td>"))
    #expect(doc.html.contains("<td>\(Self.termLink("sanctions", "sanctions", note: 3))</td>"))
    #expect(doc.html.contains("<th>Term</th>"))
  }

  @Test func typographicApostropheFromSmartPunctuation() throws {
    let doc = try link(body: "Nobody trusts NATO's promise.\n")
    #expect(doc.html == "<p>Nobody trusts \(Self.termLink("nato", "NATO"))’s promise.</p>\n")
  }

  @Test func caseSensitiveTermIsNotLinkedInOtherCase() throws {
    let doc = try link(body: "A nato of one. Then NATO.\n")
    #expect(doc.html == "<p>A nato of one. Then \(Self.termLink("nato", "NATO")).</p>\n")
  }

  @Test func autolinkOffTermIsNotLinkedAutomatically() throws {
    let doc = try link(
      body:
        "The Budapest Memorandum failed. See [the memorandum](../glossary/budapest-memorandum.md).\n"
    )
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(doc.html.contains("The Budapest Memorandum failed."))
    #expect(doc.html.contains(Self.termLink("budapest-memorandum", "the memorandum")))
    #expect(doc.termUses.map(\.slug) == ["budapest-memorandum"])
  }

  @Test func linksUnderTheBasePath() throws {
    let sub = try DocumentLinkerTests(baseURL: "https://example.org/sub/")
    let doc = try sub.link(body: "Red lines, see [other](other.md#part).\n")
    #expect(
      doc.html
        == "<p>\(Self.termLink("red-lines", "Red lines", base: "/sub/")), see <a href=\"/sub/articles/other-piece/#part\">other</a>.</p>\n"
    )
  }

  // MARK: explicit links and opt-out

  @Test func explicitLinkIsATermLinkWithTheEditorsText() throws {
    let doc = try link(
      body: "Once [the red line](../glossary/red-lines.md) was drawn, red lines followed.\n")
    #expect(
      doc.html
        == "<p>Once \(Self.termLink("red-lines", "the red line")) was drawn, red lines followed.</p>\n"
    )
    #expect(doc.termUses.map(\.slug) == ["red-lines"])
  }

  @Test func explicitLinkUsesUpTheFirstMentionForLaterParagraphs() throws {
    let doc = try link(
      body: "See [*this*](../glossary/red-lines.md).\n\nRed lines are not linked again.\n")
    #expect(doc.html.contains("<p>See \(Self.termLink("red-lines", "<em>this</em>")).</p>"))
    #expect(doc.html.contains("<p>Red lines are not linked again.</p>"))
    #expect(Self.termLinkCount(doc.html) == 1)
  }

  @Test func explicitLinkTextIsNotLinkedAgain() throws {
    let doc = try link(
      body: "[Red lines and NATO](../glossary/red-lines.md) then NATO.\n", mode: .all)
    #expect(
      doc.html
        == "<p>\(Self.termLink("red-lines", "Red lines and NATO")) then \(Self.termLink("nato", "NATO", note: 2)).</p>\n"
    )
  }

  @Test func explicitLinkAfterAnAutomaticOneIsStillATermLink() throws {
    let doc = try link(body: "Red lines first; then [this one](../glossary/red-lines.md).\n")
    #expect(
      doc.html
        == "<p>\(Self.termLink("red-lines", "Red lines")) first; then \(Self.termLink("red-lines", "this one")).</p>\n"
    )
    #expect(doc.termUses.map(\.slug) == ["red-lines"])
  }

  @Test func explicitLinkFromAGlossaryEntryToASibling() throws {
    let entry = try #require(glossary.term("red-lines"))
    let doc = Linked(
      linker.link(
        body: "Compare [guarantees](security-guarantees.md).", source: entry.source,
        firstLine: entry.bodyFirstLine, mode: .first, selfTerm: entry.slug))
    #expect(doc.html == "<p>Compare \(Self.termLink("security-guarantees", "guarantees")).</p>\n")
  }

  @Test
  func explicitLinkRecordsTheSentenceAroundIt() throws {
    let doc = try link(
      body: "Intro. Once [the red line](../glossary/red-lines.md) was drawn, war.\n")
    #expect(
      doc.termUses == [TermUse(slug: "red-lines", sentence: "Once the red line was drawn, war.")])
  }

  @Test func optOutRendersPlainTextAndIsNotLinked() throws {
    let doc = try link(body: "These [red lines]() stay plain.\n\nThese red lines do not.\n")
    #expect(doc.html.contains("<p>These red lines stay plain.</p>"))
    #expect(doc.html.contains("<p>These \(Self.termLink("red-lines", "red lines")) do not.</p>"))
    #expect(!doc.html.contains("href=\"\""))
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(doc.diagnostics == [])
  }

  @Test func optOutInAllModeStopsOnlyThatMention() throws {
    let doc = try link(body: "Red lines, [red lines](), red lines.\n", mode: .all)
    #expect(
      doc.html
        == "<p>\(Self.termLink("red-lines", "Red lines")), red lines, \(Self.termLink("red-lines", "red lines")).</p>\n"
    )
  }

  // MARK: glossary entries

  @Test func termDefinitionNeverLinksItself() throws {
    let term = try #require(glossary.term("red-lines"))
    let doc = Linked(
      linker.link(
        body: term.body, source: term.source, firstLine: term.bodyFirstLine, mode: .all,
        selfTerm: term.slug))
    #expect(Self.termLinkCount(doc.html, "red-lines") == 0)
    #expect(
      doc.html.contains(
        "response, unlike \(Self.termLink("security-guarantees", "security\nguarantees")), which"))
    #expect(doc.termUses.map(\.slug) == ["security-guarantees"])
  }

  @Test func selfTermDoesNotStopOtherTerms() throws {
    let term = try #require(glossary.term("security-guarantees"))
    let doc = Linked(
      linker.link(
        body: term.body, source: term.source, firstLine: term.bodyFirstLine, mode: .first,
        selfTerm: term.slug))
    #expect(
      doc.html
        == "<p>Security guarantees bind the guarantor; \(Self.termLink("red-lines", "red lines")) only warn.</p>\n"
    )
  }

  // MARK: diagnostics

  @Test func deprecatedAliasWarnsAtItsPlaceAndStillLinks() throws {
    let text = GlossaryFixture.article(
      """
      An opening paragraph.

      Another paragraph *with emphasis*
      and then the redline appears.

      Again: a Redline.
      """)
    let doc = try link(text, mode: .all)
    #expect(Self.termLinkCount(doc.html, "red-lines") == 2)
    #expect(doc.html.contains("and then the \(Self.termLink("red-lines", "redline")) appears."))
    let first = GlossaryFixture.location(of: "redline", in: text, path: Self.path)
    let second = GlossaryFixture.location(of: "Redline", in: text, path: Self.path)
    #expect(doc.diagnostics.map(\.location) == [first, second])
    #expect(
      doc.diagnostics.allSatisfy { $0.severity == .warning && $0.id == "glossary.deprecated-alias" }
    )
    #expect(doc.diagnostics.first?.message.contains("'red lines'") == true)
  }

  @Test func deprecatedAliasWarnsAtEveryUseEvenWhenNotLinked() throws {
    let text = GlossaryFixture.article("Red lines first.\n\nA redline later.\n")
    let doc = try link(text, mode: .first)
    #expect(Self.termLinkCount(doc.html) == 1)
    #expect(
      doc.diagnostics == [
        .warning(
          "glossary.deprecated-alias",
          "'redline' is a deprecated spelling of 'red lines'; write 'red lines'",
          at: GlossaryFixture.location(of: "redline", in: text, path: Self.path))
      ])
  }

  @Test func deprecatedAliasInsideCodeIsNotReported() throws {
    let doc = try link(body: "Write `redline` as red lines.\n")
    #expect(doc.diagnostics == [])
  }

  @Test func brokenLinkIsAnErrorAtItsDestination() throws {
    let text = GlossaryFixture.article(
      """
      Intro paragraph.

      Ещё одна [ссылка](missing.md) тут.
      """)
    let doc = try link(text)
    let place = GlossaryFixture.location(of: "missing.md", in: text, path: Self.path)
    #expect(doc.diagnostics.map(\.id) == ["link.broken"])
    #expect(doc.diagnostics.map(\.severity) == [.error])
    #expect(doc.diagnostics.map(\.location) == [place])
    #expect(doc.diagnostics.first?.message.contains("articles/missing.md") == true)
    // The link is left as written for the editor to fix.
    #expect(doc.html.contains("<a href=\"missing.md\">ссылка</a>"))
  }

  @Test func brokenLinkOnALaterLineOfAParagraph() throws {
    let text = GlossaryFixture.article(
      """
      First line of a paragraph,
      second line with [a bad link](nowhere.md#x), end.
      """)
    let doc = try link(text)
    #expect(
      doc.diagnostics.map(\.location) == [
        GlossaryFixture.location(of: "nowhere.md#x", in: text, path: Self.path)
      ])
  }

  @Test func brokenLinkSuggestsTheClosestFile() throws {
    let doc = try link(body: "See [x](othr.md) and [y](../glossary/red-line.md).\n")
    #expect(doc.diagnostics.map(\.id) == ["link.broken", "link.broken"])
    #expect(doc.diagnostics.first?.message.contains("did you mean 'other.md'?") == true)
    #expect(
      doc.diagnostics.last?.message.contains("did you mean '../glossary/red-lines.md'?") == true)
  }

  @Test func linkToADraftOrOutsideTheContentFolderIsBroken() throws {
    let doc = try link(body: "See [x](draft.md) and [y](../../etc/passwd.md).\n")
    #expect(doc.diagnostics.map(\.id) == ["link.broken", "link.broken"])
    #expect(doc.diagnostics.first?.message.contains("draft") == true)
    #expect(doc.diagnostics.last?.message.contains("outside the content folder") == true)
  }

  @Test func articleLinkBecomesItsURLAndRecordsTheAnchor() throws {
    let text = GlossaryFixture.article(
      "Read [the other piece](other.md#part) and [again](./other.md).\n")
    let doc = try link(text)
    #expect(
      doc.html
        == "<p>Read <a href=\"/articles/other-piece/#part\">the other piece</a> and <a href=\"/articles/other-piece/\">again</a>.</p>\n"
    )
    #expect(
      doc.anchors == [
        AnchorReference(
          page: .article("other-piece"), fragment: "part",
          location: GlossaryFixture.location(of: "other.md#part", in: text, path: Self.path))
      ])
    #expect(doc.diagnostics == [])
    #expect(doc.termUses == [])
  }

  @Test func linksLeftAsWritten() throws {
    let doc = try link(
      body: "[a](https://example.org/x.md) [b](#top) [c](/glossary/) [d](report.pdf)\n")
    #expect(
      doc.html
        == "<p><a href=\"https://example.org/x.md\">a</a> <a href=\"#top\">b</a> <a href=\"/glossary/\">c</a> <a href=\"report.pdf\">d</a></p>\n"
    )
    #expect(doc.diagnostics == [])
    #expect(doc.anchors == [])
  }

  @Test func termLinkWithAFragmentRecordsTheAnchor() throws {
    let text = GlossaryFixture.article("See [history](../glossary/red-lines.md#history).\n")
    let doc = try link(text)
    #expect(doc.html.contains("<a href=\"/glossary/red-lines/#history\">history</a>"))
    #expect(
      doc.anchors == [
        AnchorReference(
          page: .term("red-lines"), fragment: "history",
          location: GlossaryFixture.location(
            of: "../glossary/red-lines.md#history", in: text, path: Self.path))
      ])
  }

  // MARK: backlinks

  @Test func termUsesRecordTheSentenceOfTheFirstMention() throws {
    let doc = try link(
      body: """
        A first sentence. The West offered security guarantees to Kyiv! Then what?
        Sanctions followed. Were sanctions enough? NATO
        waited.
        """, mode: .all)
    #expect(
      doc.termUses == [
        TermUse(
          slug: "security-guarantees", sentence: "The West offered security guarantees to Kyiv!"),
        TermUse(slug: "sanctions", sentence: "Sanctions followed."),
        TermUse(slug: "nato", sentence: "NATO waited."),
      ])
  }

  @Test func termUseSentenceSpansInlineMarkup() throws {
    let doc = try link(
      body:
        "Before. The *West* offered `x` and security guarantees to [Kyiv](https://kyiv.ua). After.\n"
    )
    #expect(
      doc.termUses == [
        TermUse(
          slug: "security-guarantees",
          sentence: "The West offered x and security guarantees to Kyiv.")
      ])
  }

  @Test func termUseSentenceStaysInsideItsParagraph() throws {
    let doc = try link(body: "An intro without a full stop\n\nsanctions bite\n\nand more\n")
    #expect(doc.termUses == [TermUse(slug: "sanctions", sentence: "sanctions bite")])
  }

  @Test func termUsesAreInOrderOfFirstUse() throws {
    let doc = try link(
      body: "## NATO\n\nSanctions. Then [x](../glossary/nato.md). Then red lines and sanctions.\n")
    #expect(doc.termUses.map(\.slug) == ["sanctions", "nato", "red-lines"])
  }
}

/// Endnote numbers: print and feeds show each linked term as a numbered note.
@Suite struct EndnoteNumberTests {
  @Test func eachLinkedTermGetsOneNumberInOrderOfFirstLink() throws {
    let doc = try DocumentLinkerTests().link(
      body: "NATO and red lines. Then NATO again and sanctions.\n", mode: .all)
    #expect(doc.notes == ["nato", "red-lines", "sanctions"])
    #expect(doc.html.contains(DocumentLinkerTests.termLink("nato", "NATO", note: 1) + " again"))
    #expect(doc.html.contains(DocumentLinkerTests.termLink("sanctions", "sanctions", note: 3)))
  }

  @Test func unlinkedMentionsGetNoNumber() throws {
    let doc = try DocumentLinkerTests().link(body: "Red lines, red lines.\n", mode: .none)
    #expect(doc.notes.isEmpty)
    #expect(!doc.html.contains("term-note"))
  }
}

/// The resolver's fingerprint stands for every link's resolution (the link stage then keeps a
/// cached document's resolutions): anything a link can resolve to changes it.
@Suite struct LinkResolverFingerprintTests {
  static func article(_ path: String, slug: String, draft: Bool = false) throws -> Article {
    try #require(
      Article.parse(
        GlossaryFixture.file(path, GlossaryFixture.article("Text.", slug: slug, draft: draft))
      ).0)
  }

  @Test func everyTargetCounts() throws {
    let terms = GlossaryFixture.glossary(GlossaryFixture.standardFiles).1
    let one = try Self.article("articles/one.md", slug: "one")
    let two = try Self.article("articles/two.md", slug: "two", draft: true)
    let renamed = try Self.article("articles/one.md", slug: "one-renamed")
    let moved = try Self.article("articles/uno.md", slug: "one")
    func print(_ a: [Article], _ u: [Article], _ t: [Term]) -> UInt64 {
      LinkResolver(articles: a, unpublished: u, terms: t).fingerprint
    }
    let base = print([one], [two], terms)
    #expect(print([one], [two], terms) == base)
    let others = [
      print([one, two], [], terms),  // published
      print([], [one, two], terms),  // drafted
      print([two], [one], terms),
      print([renamed], [two], terms),  // another slug
      print([moved], [two], terms),  // another file
      print([one], [], terms),  // removed
      print([one], [two], Array(terms.dropLast())),  // a term removed
    ]
    #expect(!others.contains(base))
    #expect(Set(others).count == others.count)
  }
}

/// Where each kind of destination leads, from an article in a subfolder: the resolver works on
/// the link's UTF-8.
@Suite struct LinkResolverTests {
  @Test func destinationsResolveRelativeToTheirFile() throws {
    let terms = GlossaryFixture.glossary(GlossaryFixture.standardFiles).1
    let one = try LinkResolverFingerprintTests.article("articles/one.md", slug: "one")
    let deep = try LinkResolverFingerprintTests.article("articles/2024/deep.md", slug: "deep")
    let draft = try LinkResolverFingerprintTests.article(
      "articles/two.md", slug: "two", draft: true)
    let resolver = LinkResolver(articles: [one, deep], unpublished: [draft], terms: terms)
    let from = GlossaryFixture.file("articles/2024/here.md", "")
    let cases: [(String, LinkTarget)] = [
      ("", .optOut),
      ("#part", .asWritten),
      ("/about/", .asWritten),
      ("https://example.org/a.md", .asWritten),
      ("mailto:desk@example.org", .asWritten),
      ("c++.v2:thing.md", .asWritten),
      ("//cdn.example.org/x.md", .asWritten),
      ("1a:b.md", .broken("")),
      ("notes.txt", .asWritten),
      ("deep.md", .article(slug: "deep", fragment: nil)),
      ("./deep.md#sec-2", .article(slug: "deep", fragment: "sec-2")),
      ("../one.md?x=1#top", .article(slug: "one", fragment: "top")),
      ("..//./one.md", .article(slug: "one", fragment: nil)),
      ("../%6Fne.md", .article(slug: "one", fragment: nil)),
      ("../../glossary/red-lines.md#history", .term(slug: "red-lines", fragment: "history")),
      ("../../../etc/passwd.md", .broken("")),
      ("../two.md", .broken("")),
    ]
    for (destination, expected) in cases {
      let got = resolver.resolve(destination, from: from)
      if case .broken = expected {
        guard case .broken = got else {
          Issue.record("'\(destination)' → \(got), expected a broken link")
          continue
        }
      } else {
        #expect(got == expected, "'\(destination)'")
      }
    }
    #expect(
      resolver.resolve("../../../x.md", from: from)
        == .broken("'../../../x.md' points outside the content folder"))
  }
}

/// A freshly linked document, whose HTML is always there (only cached documents lack it).
@dynamicMemberLookup
struct Linked {
  let document: LinkedDocument
  init(_ document: LinkedDocument) { self.document = document }
  var html: String { document.html ?? "" }
  subscript<T>(dynamicMember path: KeyPath<LinkedDocument, T>) -> T { document[keyPath: path] }

}

extension DocumentLinkerTests {
  /// The sentence around a mention, cut from a paragraph that is a slice of a larger text: the
  /// range counts from the paragraph's first byte.
  @Test func sentenceAroundAMentionInASliceOfText() {
    let text = "Heading\n\nKyiv asked for guarantees. NATO said no! Then talks went on"
    let block = text[text.range(of: "Kyiv")!.lowerBound...]
    let nato = block.utf8.count - "NATO said no! Then talks went on".utf8.count
    #expect(
      DocumentLinker.Rewriter.sentence(in: block, around: nato..<nato + 4) == "NATO said no!")
    #expect(
      DocumentLinker.Rewriter.sentence(in: block, around: 0..<4) == "Kyiv asked for guarantees.")
    let then = block.utf8.count - "talks went on".utf8.count
    #expect(
      DocumentLinker.Rewriter.sentence(in: block, around: then..<then + 5) == "Then talks went on")
    // A range past the paragraph gives the paragraph.
    #expect(DocumentLinker.Rewriter.sentence(in: block, around: 500..<504) == String(block))
  }
}
