import Foundation

/// What `signpost build` was asked to do.
public struct BuildOptions: Sendable {
    /// The hub's root folder (holding `signpost.yml` and `content/`).
    public var root: URL
    /// Where the site goes; `site/` under the root when nil.
    public var output: URL?
    /// Replaces the config's `base_url` (for preview deployments).
    public var baseURL: String?
    public var includeDrafts: Bool
    /// How many files to parse and render at once.
    public var jobs: Int
    /// Whether to build the search index while preparing (`check` has no use for it; `serve`
    /// builds it when search.json is asked for).
    public var indexSearch = true

    public init(root: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.root = root
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.jobs = max(1, jobs)
    }

    public var outputFolder: URL { output ?? root.appendingPathComponent("site", isDirectory: true) }
}
