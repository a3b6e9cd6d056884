/// Stage 4's result: every published page and section, linked by index, with URLs decided.
public struct ContentGraph: Sendable {
    /// Published regular pages, sorted by source path.
    public var pages: [Page]
    /// Every section; index 0 is the home page, the others sorted by folder path.
    public var sections: [Section]
    /// Files to copy: those under `content/` that are not Markdown, and everything in `static/`.
    public var assets: [SourceFile]

    /// One per distinct external address that needs a notice, by id (filled by the render-Markdown stage).
    public var leaveNotices: [LeaveNotice] = []

    // Filled by the classify stage.
    /// One per configured taxonomy, in the config's order.
    public var taxonomies: [TaxonomyIndex] = []
    /// Up to five related pages for each page, by page index.
    public var related: [[Int]] = []
    /// Pages with a `reviewed` or `date`, most recent first.
    public var recentlyUpdated: [Int] = []
    /// Every page grouped by the first letter of its title.
    public var alphabetical: [LetterGroup] = []

    public var home: Section { sections[0] }
}

/// A regular page (`content/training/bouverie.md`).
public struct Page: Sendable {
    public var source: SourceFile
    public var frontMatter: FrontMatter
    /// The body as written, until the render-Markdown stage turns it into `body`.
    public var markdown: String
    public var bodyFirstLine: Int
    public var body: RenderedMarkdown = .empty
    /// The site path, including the base URL's path: `/hub/training/bouverie/`.
    public var url: String
    /// The page's folder in the output: `training/bouverie/`.
    public var outputFolder: String
    /// Index into `ContentGraph.sections`.
    public var section: Int
    /// The front matter's summary, or (once rendered) the start of the first paragraph.
    public var summary: String
    /// The title as lists sort it (`SortKey.folded`).
    public var titleKey: String

    public var title: String { frontMatter.title }
    /// When the page was last reviewed, or else first published.
    public var updated: CalendarDate? { frontMatter.reviewed ?? frontMatter.date }
}

/// A folder of pages: `content/training/` with or without an `_index.md`. The home page is the root section.
public struct Section: Sendable {
    /// Folder names under `content/`; empty for the home page.
    public var folders: [String]
    /// The `_index.md`, if the folder has one.
    public var source: SourceFile?
    public var title: String
    public var summary: String?
    /// The `_index.md` body as written, until the render-Markdown stage fills `introHTML`.
    public var introMarkdown: String
    public var introFirstLine: Int
    public var introHTML: String = ""
    /// Ids of the intro's headings, for `#fragment` links to the section.
    public var anchors: [String] = []
    /// The intro's headings, links and unsupported syntax, for `signpost check` (its HTML is in `introHTML`).
    public var introFacts: RenderedMarkdown = .empty
    public var weight: Int?
    /// `/hub/training/`
    public var url: String
    /// `training/`; empty for the home page.
    public var outputFolder: String
    public var parent: Int?
    /// Child sections, in display order (weight, then title).
    public var subsections: [Int]
    /// Pages directly in this section, in display order (weight, then title).
    public var pages: [Int]
    /// Lint codes the `_index.md` silences.
    public var lintIgnore: [String] = []

    public var isHome: Bool { folders.isEmpty }
}
