/// The content checks `signpost check` adds to the build's validation (SPEC §12): warnings, which
/// fail only with `--strict`, and which a page (`lint: { ignore: [...] }` in front matter) or the
/// whole hub (the same in `signpost.yml`) can silence. Codes are stable: CI annotations, configs
/// and docs/contributing-content.md refer to them.
public enum LintRule: String, CaseIterable, Sendable {
    case imageAlt = "image-alt"
    case vagueLinkText = "vague-link-text"
    case headingSkip = "heading-skip"
    case multipleH1 = "multiple-h1"
    case reviewOverdue = "review-overdue"
    case reviewMissing = "review-missing"
    case audienceMissing = "audience-missing"
    case pipeTable = "pipe-table"
    case strikethrough = "strikethrough"
    case taskList = "task-list"
    case bareURL = "bare-url"

    /// One line on what the check looks for, for `signpost check --help` and the docs.
    public var summary: String {
        switch self {
        case .imageAlt: "an image with no alt text"
        case .vagueLinkText: "link text that makes no sense on its own (\"click here\", \"read more\")"
        case .headingSkip: "a heading more than one level below the one before"
        case .multipleH1: "a level-1 heading in the body: the title is the page's only level-1 heading"
        case .reviewOverdue: "a reviewed date older than review.max_age_months"
        case .reviewMissing: "a page without a reviewed date"
        case .audienceMissing: "a page without an audience"
        case .pipeTable: "a pipe table, which is printed as written"
        case .strikethrough: "~~strikethrough~~, which is printed as written"
        case .taskList: "a task list box ([ ] or [x]), which is printed as written"
        case .bareURL: "a web address that is not a link"
        }
    }

    /// Link texts that say nothing about where they go, compared after lower-casing and trimming
    /// spaces and punctuation. Screen-reader users often move through a page's links by their text.
    static let vagueLinkTexts: Set<String> = [
        "click here", "here", "read more", "more", "link", "this link", "this page", "click", "this",
        "go", "learn more", "find out more", "more info", "more information", "website", "click this link",
    ]
}
