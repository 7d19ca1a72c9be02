import Testing

@testable import SitegenKit

/// The nesting estimate that stops deep YAML before Yams recurses on it: block indents, compact
/// dashes and flow brackets count; brackets in quotes and comments do not; lines count from 0.
@Suite struct YAMLNestingTests {
  @Test func countsEachKindOfLevelAndNamesTheLine() {
    #expect(YAMLNesting.firstLineTooDeep("title: a\ntags: [x, y]\n", limit: 1) == 1)
    #expect(YAMLNesting.firstLineTooDeep("title: a\ntags: [x, y]\n", limit: 2) == nil)
    #expect(YAMLNesting.firstLineTooDeep("a:\n  b:\n    c: 1\n", limit: 2) == 2)
    #expect(YAMLNesting.firstLineTooDeep("- - - x\n", limit: 3) == 0)
    #expect(YAMLNesting.firstLineTooDeep("- - - x\n", limit: 4) == nil)
    // Flow levels carry across lines.
    #expect(YAMLNesting.firstLineTooDeep("a: [[\n  [1]]]\n", limit: 3) == 1)
  }

  @Test func quotedAndCommentedBracketsDoNotCount() {
    #expect(YAMLNesting.firstLineTooDeep("a: \"[[[[\"\nb: '{{{{'\n", limit: 1) == nil)
    #expect(YAMLNesting.firstLineTooDeep("a: 1 # [[[[\n# {{{{\n", limit: 1) == nil)
    #expect(YAMLNesting.firstLineTooDeep("", limit: 1) == nil)
    #expect(YAMLNesting.firstLineTooDeep("\n\n   \n", limit: 0) == nil)
  }
}
