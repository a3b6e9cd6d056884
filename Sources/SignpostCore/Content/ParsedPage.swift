/// A Markdown source after the parse stage: validated front matter and rendered body.
public struct ParsedPage: Sendable {
    public var source: SourceFile
    public var frontMatter: FrontMatter
    public var body: RenderedMarkdown
}
