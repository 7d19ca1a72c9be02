/// A Markdown file with front matter, decoded and split, its YAML read: what articles and
/// glossary entries share before their own keys are checked.
enum MarkdownSource {
  static func open(_ file: SourceFile) -> Result<(FrontMatterBlock, FrontMatter), Diagnostic> {
    SourceText.decode(file).flatMap { text in
      FrontMatterBlock.split(text.text, file: file).map { block in
        (block, FrontMatter(yaml: block.yaml, firstLine: block.yamlFirstLine, file: file))
      }
    }
  }
}
