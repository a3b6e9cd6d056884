/// A Markdown source after the parse stage: validated front matter, and the body still as
/// Markdown (it is rendered once every page's URL is known, so links can be resolved).
public struct ParsedPage: Sendable {
    public var source: SourceFile
    public var frontMatter: FrontMatter
    public var markdown: String
    /// The file line the body starts on.
    public var bodyFirstLine: Int
    /// The title as lists sort it (`SortKey.folded`), made here, where pages are parsed in parallel.
    public var titleKey: String

    public init(source: SourceFile, frontMatter: FrontMatter, markdown: String, bodyFirstLine: Int) {
        self.source = source
        self.frontMatter = frontMatter
        self.markdown = markdown
        self.bodyFirstLine = bodyFirstLine
        titleKey = SortKey.folded(frontMatter.title)
    }
}
