import Foundation
import Testing

@testable import SitegenKit

@Suite struct ArticleIndexTests {
  func article(
    _ path: String, slug: String? = nil, date: String = "2025-01-01", draft: Bool = false
  ) throws -> Article {
    var text = "---\ntitle: T\nsummary: S\ndate: \(date)\ndraft: \(draft)\n"
    if let slug { text += "slug: \(slug)\n" }
    text += "---\n"
    return try #require(Article.parse(source(text, path)).0)
  }

  @Test func twoArticlesWithOneSlugIsAnErrorAtTheSecond() throws {
    let a = try article("articles/a.md", slug: "same")
    let b = try article("articles/b.md", slug: "same")
    let (index, diagnostics) = ArticleIndex.index(
      [b, a], options: BuildOptions(now: 2_000_000_000))
    #expect(index.published.map(\.source.relativePath) == ["articles/a.md"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.id == "article.duplicate-slug")
    #expect(diagnostics.first?.location?.path == "Content/articles/b.md")
    #expect(diagnostics.first?.location?.line == 6)
    #expect(diagnostics.first?.message.contains("already used by Content/articles/a.md") == true)
  }

  @Test func threeArticlesWithOneSlugAllNameTheFirst() throws {
    let files = try ["articles/c.md", "articles/a.md", "articles/b.md"].map {
      try article($0, slug: "same")
    }
    let (index, diagnostics) = ArticleIndex.index(files, options: BuildOptions(now: 2_000_000_000))
    #expect(index.published.map(\.source.relativePath) == ["articles/a.md"])
    #expect(
      diagnostics.map { $0.location?.path } == ["Content/articles/b.md", "Content/articles/c.md"])
    for d in diagnostics {
      #expect(d.message.contains("already used by Content/articles/a.md"))
    }
  }

  @Test func newestFirstAndDraftsAndFutureLeftOut() throws {
    let old = try article("articles/old.md", date: "2024-01-01")
    let new = try article("articles/new.md", date: "2025-01-01")
    let draft = try article("articles/draft.md", draft: true)
    let future = try article("articles/future.md", date: "2030-01-01")
    let now = ContentDate.parse("2025-06-01")?.epochSeconds ?? 0
    let (index, _) = ArticleIndex.index([old, draft, future, new], options: BuildOptions(now: now))
    #expect(index.published.map(\.slug) == ["new", "old"])
    #expect(Set(index.leftOut.map(\.slug)) == ["draft", "future"])
    let (all, _) = ArticleIndex.index(
      [old, draft, future, new], options: BuildOptions(includeDrafts: true, now: now))
    #expect(all.published.map(\.slug) == ["future", "draft", "new", "old"])
  }
}

@Suite struct ContentLoaderTests {
  @Test func readsSiteArticlesAndGlossaryAndReportsStrayFiles() throws {
    let dir = TemporaryDirectory()
    dir.write("Content/site.yml", "title: T\nbase_url: https://x.example/\n")
    dir.write("Content/articles/b.md", "b")
    dir.write("Content/articles/a.md", "a")
    dir.write("Content/articles/notes.txt", "n")
    dir.write("Content/articles/.hidden.md", "h")
    dir.write("Content/articles/folder/c.md", "c")
    dir.write("Content/glossary/t.md", "t")
    let loaded = try ContentLoader.load(contentDirectory: dir.path + "/Content")
    #expect(loaded.siteConfig?.relativePath == "site.yml")
    #expect(loaded.articles.map(\.relativePath) == ["articles/a.md", "articles/b.md"])
    #expect(loaded.terms.map(\.relativePath) == ["glossary/t.md"])
    #expect(Set(loaded.diagnostics.map(\.id)) == ["load.ignored-file", "load.ignored-folder"])
  }

  /// With the no-change check's walk of the folder, the loader takes a regular file's stamp
  /// from it instead of looking again, and still checks every link and odd name itself: what it
  /// loads and reports is what it does without the walk.
  @Test func aWalkOfTheFolderGivesTheSameLoad() throws {
    let dir = TemporaryDirectory()
    dir.write("Content/site.yml", "title: T\nbase_url: https://x.example/\n")
    dir.write("Content/articles/a.md", "a")
    dir.write("Content/articles/notes.txt", "n")
    dir.write("Content/articles/folder.md/c.md", "c")
    dir.write("Content/glossary/t.md", "t")
    dir.write("Outside/o.md", "o")
    symlink(dir.path + "/Content/articles/a.md", dir.path + "/Content/articles/inside.md")
    symlink(dir.path + "/Outside/o.md", dir.path + "/Content/articles/outside.md")
    let content = dir.path + "/Content"
    let walk = SourceSnapshot(folders: [content])
    #expect(walk.links == [content + "/articles/inside.md", content + "/articles/outside.md"])
    // The clock moved on: every stamp counts as settled and is kept, and compared below.
    let later = FileStamp.now() + 10_000_000_000
    let plain = try ContentLoader.load(contentDirectory: content, now: later)
    let walked = try ContentLoader.load(contentDirectory: content, now: later, known: walk)
    #expect(walked.articles == plain.articles)
    #expect(walked.articles.allSatisfy { $0.stamp != nil })
    #expect(walked.articles.map(\.relativePath) == ["articles/a.md", "articles/inside.md"])
    #expect(walked.articles.allSatisfy { $0.bytes.count == 1 })
    #expect(walked.terms == plain.terms)
    #expect(walked.diagnostics == plain.diagnostics)
    #expect(
      Set(walked.diagnostics.map(\.id))
        == ["load.ignored-file", "load.folder-named-md", "load.symlink-outside"])
  }

  /// Files are loaded in Swift's order of their names, the order the build cache keeps:
  /// lowercase ASCII names are sorted by their bytes, any others by `<`, with the same result.
  @Test(arguments: [false, true])
  func filesLoadInTheOrderOfTheirNames(withCapital: Bool) throws {
    let dir = TemporaryDirectory()
    dir.write("Content/site.yml", "title: T\nbase_url: https://x.example/\n")
    var names = ["b.md", "a.md", "a-b.md", "a0.md", "10.md", "9.md", "a--.md", "z9z.md"]
    if withCapital { names.append("Q.md") }
    for name in names { dir.write("Content/articles/" + name, "x") }
    let loaded = try ContentLoader.load(contentDirectory: dir.path + "/Content")
    #expect(loaded.articles.map(\.relativePath) == names.sorted().map { "articles/" + $0 })
    #expect(!loaded.diagnostics.contains { $0.id == "load.name-collision" })
  }

  @Test func missingSiteConfigIsAnError() throws {
    let dir = TemporaryDirectory()
    dir.write("Content/articles/a.md", "a")
    let loaded = try ContentLoader.load(contentDirectory: dir.path + "/Content")
    #expect(loaded.diagnostics.contains { $0.id == "site.missing" && $0.severity == .error })
  }

  @Test func missingContentFolderIsAnEnvironmentError() {
    #expect(throws: EnvironmentError.self) {
      try ContentLoader.load(contentDirectory: "/nonexistent/Content")
    }
  }
}
