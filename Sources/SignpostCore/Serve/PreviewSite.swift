import Foundation

/// The site `signpost serve` shows: built in memory, rendered a file at a time when asked for,
/// and brought up to date after each edit. Nothing is written to disk.
///
/// An edit to the body of one page (its front matter unchanged) re-renders that page's Markdown
/// against the graph already in memory, redoes the link checks and leave notices that depend on
/// it, and drops what was rendered from the old graph; listings, term pages and related pages are
/// rendered again from the graph when next asked for, and the search index is rebuilt when
/// search.json is next asked for. Any other change (front matter, files added or removed, a
/// template, the config) builds the whole site again.
public actor PreviewSite {
    public struct Rebuild: Sendable {
        public enum Kind: Sendable, Equatable {
            case full
            /// Only this page's body was rendered again.
            case page(String)
            /// Nothing the site is made from changed (an editor's temporary file came and went).
            case unchanged
        }

        public var kind: Kind
        public var seconds: Double
        /// Errors (and nothing else): while there are any, every page shows them.
        public var diagnostics: [Diagnostic]
        /// Warnings of a full build (a skipped symbolic link), printed but not shown on pages.
        public var warnings: [Diagnostic] = []
    }

    /// What a request gets: bytes and their media type.
    public struct File: Sendable {
        public var data: Data
        public var contentType: String
    }

    private struct State {
        var prepared: Builder.Prepared
        var renderer: SiteRenderer
        var files: [String: PlannedFile]
        /// Where links point: the same until pages or files are added, removed or renamed.
        var resolver: LinkResolver
    }

    public let options: BuildOptions
    private var state: State?
    public private(set) var diagnostics: [Diagnostic] = []
    /// Goes up after every rebuild, good or bad: open pages reload when it changes.
    public private(set) var version = 0
    private var cache: [String: Data] = [:]
    private var searchJSON: Data?

    public init(options: BuildOptions) {
        var options = options
        options.indexSearch = false
        self.options = options
    }

    /// Builds everything from the files on disk.
    @discardableResult
    public func rebuildAll() async -> Rebuild {
        let start = ContinuousClock.now
        var warnings: [Diagnostic] = []
        do {
            let validated = try await Builder.validate(options)
            warnings = validated.diagnostics.filter { $0.severity == .warning }
            if let prepared = validated.prepared {
                install(prepared)
                diagnostics = []
            } else {
                diagnostics = validated.diagnostics.filter { $0.severity == .error }
            }
        } catch {
            diagnostics = error.diagnostics.filter { $0.severity == .error }
            warnings = error.diagnostics.filter { $0.severity == .warning }
        }
        var rebuild = finish(.full, since: start)
        rebuild.warnings = warnings
        return rebuild
    }

    /// Brings the site up to date after changes to `paths` (relative to the hub's root).
    @discardableResult
    public func update(_ paths: Set<String>) async -> Rebuild {
        // Editors save through temporary files that are gone again by now (`sed -i`, vim's 4913):
        // a path that neither exists nor was part of the site changes nothing.
        let root = options.root
        let paths = paths.filter { path in
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) || isKnown(path)
        }
        if paths.isEmpty { return Rebuild(kind: .unchanged, seconds: 0, diagnostics: diagnostics) }
        if paths.count == 1, let path = paths.first, diagnostics.isEmpty, let state,
           case .page(let index)? = state.resolver.targets[path] {
            let start = ContinuousClock.now
            if let result = rerender(page: index, in: state) {
                if result.diagnostics.contains(where: { $0.severity == .error }) {
                    diagnostics = result.diagnostics.filter { $0.severity == .error }
                    return finish(.page(path), since: start)
                }
                var prepared = state.prepared
                let noticesChanged = result.graph.leaveNotices.map(\.id) != prepared.graph.leaveNotices.map(\.id)
                prepared.graph = result.graph
                prepared.bodyFacts = result.facts
                if noticesChanged {
                    prepared.plan = OutputPlanner.plan(result.graph, theme: prepared.theme, config: prepared.config).0
                }
                install(prepared, resolver: state.resolver, files: noticesChanged ? nil : state.files)
                return finish(.page(path), since: start)
            }
        }
        return await rebuildAll()
    }

    /// Whether `path` was a source of the site as last built.
    private func isKnown(_ path: String) -> Bool {
        guard let state else { return true }
        return path == ConfigLoader.fileName || path.hasPrefix("themes/")
            || state.resolver.targets[path] != nil
            || state.prepared.graph.assets.contains { $0.path == path }
    }

    /// The page's body rendered again, if only its body changed; nil when a full build is needed.
    private func rerender(page index: Int, in state: State) -> BodyRenderer.Result? {
        let page = state.prepared.graph.pages[index]
        guard let data = FileManager.default.contents(atPath: page.source.fullPath),
              let text = String(validating: data, as: UTF8.self)?.normalizingLineBreaks(),
              case .success(let split) = FrontMatterParser.split(text, file: page.source.path),
              split.bodyFirstLine == page.bodyFirstLine else { return nil }
        let outcome = FrontMatterParser.read(split.yaml, file: page.source.path, config: state.prepared.config)
        guard outcome.diagnostics.isEmpty, outcome.frontMatter == page.frontMatter else { return nil }
        return BodyRenderer.rerender(page: index, markdown: split.body, in: state.prepared.graph,
                                     facts: state.prepared.bodyFacts, config: state.prepared.config, resolver: state.resolver)
    }

    /// Makes `prepared` the site served. After a change to one page's body, `resolver` and `files`
    /// are the previous ones: pages, sections and files are the same, so links point where they
    /// did, and the same files exist unless a leave notice came or went.
    private func install(_ prepared: Builder.Prepared, resolver: LinkResolver? = nil, files: [String: PlannedFile]? = nil) {
        // A body edit (resolver kept) leaves every page's title, summary and terms as they were.
        let renderer = SiteRenderer(graph: prepared.graph, config: prepared.config, theme: prepared.theme, search: .empty,
                                    sameListsAs: resolver == nil ? nil : state?.renderer)
        let files = files ?? Dictionary(prepared.plan.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        state = State(prepared: prepared, renderer: renderer, files: files,
                      resolver: resolver ?? LinkResolver(graph: prepared.graph, config: prepared.config))
        cache = [:]
        searchJSON = nil
    }

    private func finish(_ kind: Rebuild.Kind, since start: ContinuousClock.Instant) -> Rebuild {
        version += 1
        let elapsed = ContinuousClock.now - start
        return Rebuild(kind: kind, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       diagnostics: diagnostics)
    }

    /// Whether a build has ever succeeded (before that, every page is the error page).
    public var hasSite: Bool { state != nil }

    /// The site's base path (`/` or `/hub/`), once a build has succeeded.
    public var basePath: String? { state?.prepared.config.baseURL.path }

    /// The file at `path` in the output (`training/bouverie/index.html`), rendered now if needed.
    public func file(at path: String) async -> File? {
        guard let state, let planned = state.files[path] else { return nil }
        let type = ContentType.forPath(path)
        if let data = cache[path] { return File(data: data, contentType: type) }
        let data: Data
        if case .searchIndex = planned.kind {
            if let searchJSON { return File(data: searchJSON, contentType: type) }
            // Building the index suspends this actor; an edit installed meanwhile must not get
            // an index of the site before it.
            let builtFor = version
            let index = await SearchIndex.build(state.prepared.graph, config: state.prepared.config, jobs: options.jobs)
            let json = Data(index.json())
            if version == builtFor { searchJSON = json }
            return File(data: json, contentType: type)
        } else {
            guard let rendered = try? state.renderer.render(planned) else { return nil }
            data = Data(rendered)
        }
        // Copied files are read afresh each time (they can be large); rendered ones are kept.
        if case .copy = planned.kind {} else { cache[path] = data }
        return File(data: data, contentType: type)
    }

    /// Whether `path` names a folder of the site (`training`), which should be asked for as `training/`.
    public func isFolder(_ path: String) -> Bool {
        guard let state else { return false }
        return state.files[path + "/index.html"] != nil
    }
}
