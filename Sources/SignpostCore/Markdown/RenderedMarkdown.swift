/// What a Markdown body becomes: HTML plus everything later stages need, as plain values.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    /// The words of the body without markup, blocks separated by newlines (for summaries and search).
    public var plainText: String
    /// The first paragraph's text, the natural summary of a page that has none.
    public var firstParagraph: String?
    public var headings: [Heading]
    public var links: [Link]

    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        /// File line, already offset past the front matter.
        public var line: Int
    }

    public struct Link: Sendable, Equatable {
        public var destination: String
        public var text: String
        public var isImage: Bool
        /// File line and column, already offset past the front matter.
        public var line: Int
        public var column: Int
    }

    public static let empty = RenderedMarkdown(html: "", plainText: "", firstParagraph: nil, headings: [], links: [])
}
