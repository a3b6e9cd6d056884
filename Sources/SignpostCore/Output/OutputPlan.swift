import Foundation

/// Stage 6's result: every file the build writes, by path in the output folder, sorted.
public struct OutputPlan: Sendable {
    public var files: [PlannedFile]
}

/// One file to write, and what it is made from.
public struct PlannedFile: Sendable {
    public enum Kind: Sendable {
        /// A regular page, by index into `ContentGraph.pages`.
        case page(Int)
        /// Page `number` (from 1) of a section's list; section 0 is the home page.
        case sectionList(section: Int, number: Int, count: Int)
        /// A taxonomy's list of terms (`/audience/`).
        case taxonomy(Int)
        /// Page `number` of a term's pages (`/audience/managers/`).
        case term(taxonomy: Int, term: Int, number: Int, count: Int)
        /// `/a-z/`
        case alphabetical
        /// A leave-site notice, by index into `ContentGraph.leaveNotices`.
        case leaveNotice(Int)
        /// `/browsing-safely/`: what quick exit does and does not do.
        case browsingSafely
        case notFound
        /// `/search/`: the search page.
        case searchPage
        /// `/search.json`: what the search page searches.
        case searchIndex
        case sitemap
        case feed
        case robots
        /// Security headers for Netlify and Cloudflare Pages.
        case headers
        case themeAsset(Theme.AssetSource)
        /// A file from `content/` or `static/`, copied as it is.
        case copy(URL)
    }

    /// Relative to the output folder, with `/` separators: `training/bouverie/index.html`.
    public var path: String
    public var kind: Kind
    /// The source that asked for this file, for collision errors.
    public var origin: String
}
