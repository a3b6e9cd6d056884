/// What a Markdown body becomes: HTML plus everything later stages need, as plain values.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML as cmark wrote it: UTF-8 bytes, as pages are written, so a large hub's bodies are
    /// never re-validated as Strings on the way from cmark to the output.
    public var htmlBytes: [UInt8]
    /// The words of the body without markup, blocks separated by newlines (for summaries and
    /// search), as UTF-8 bytes (the search index reads bytes).
    public var plainTextBytes: [UInt8]
    public var html: String {
        get { String(decoding: htmlBytes, as: UTF8.self) }
        set { htmlBytes = Array(newValue.utf8) }
    }
    public var plainText: String {
        get { String(decoding: plainTextBytes, as: UTF8.self) }
        set { plainTextBytes = Array(newValue.utf8) }
    }
    /// The first paragraph's text, the natural summary of a page that has none.
    public var firstParagraph: String?
    public var headings: [Heading]
    public var links: [Link]
    /// GitHub-flavoured syntax that cmark prints as written, for `signpost check`.
    public var unsupportedSyntax: [UnsupportedSyntax] = []

    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        /// File line, already offset past the front matter.
        public var line: Int
        public var column: Int = 1
        /// The heading's `id`, unique in the page: the target of `#fragment` links.
        public var id: String = ""
    }

    public struct Link: Sendable, Equatable {
        public var destination: String
        public var text: String
        public var isImage: Bool
        /// File line and column, already offset past the front matter.
        public var line: Int
        public var column: Int
    }

    /// Syntax from GitHub-flavoured Markdown that CommonMark does not have, found where cmark left it as text.
    public struct UnsupportedSyntax: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// `| a | b |` over `|---|---|`
            case pipeTable
            /// `~~struck~~`
            case strikethrough
            /// `- [ ] to do`
            case taskList
            /// `https://example.org` written without `<...>` or `[text](...)`
            case bareURL(String)
        }

        public var kind: Kind
        /// File line and column, already offset past the front matter.
        public var line: Int
        public var column: Int
    }

    public static let empty = RenderedMarkdown(htmlBytes: [], plainTextBytes: [], firstParagraph: nil, headings: [], links: [])
}

/// How to render one Markdown body.
public struct MarkdownOptions: Sendable {
    /// The file line the body starts on.
    public var firstLine: Int
    /// Ids the page's template already uses, which headings must not take.
    public var reservedIDs: Set<String>

    public init(firstLine: Int = 1, reservedIDs: Set<String> = []) {
        self.firstLine = firstLine
        self.reservedIDs = reservedIDs
    }
}

/// What to do with one link's destination.
public enum LinkRewrite: Sendable, Equatable {
    case keep
    case replace(String)
    /// Point at `url` and tell screen-reader users that the link leaves the site.
    case replaceLeavingSite(String)
}
