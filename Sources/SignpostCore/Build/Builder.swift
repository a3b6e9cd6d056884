import Foundation

/// The build pipeline, one named stage per line:
/// load config -> discover -> parse -> assemble -> render Markdown (and beside it, classify) -> index
/// search (and beside it, check links, load theme, plan) -> render and write.
/// Each stage takes plain values and returns new ones; problems from every stage that can run
/// are gathered and reported together, before anything is written.
public enum Builder {
    /// Everything up to writing: the validated site, ready to render. `check` and `serve` start here.
    public struct Prepared: Sendable {
        public var config: SiteConfig
        public var graph: ContentGraph
        public var theme: Theme
        public var search: SearchIndex
        public var plan: OutputPlan
        /// What each body's links found (for `serve`'s re-rendering of one page).
        public var bodyFacts: BodyRenderer.Facts
        public var stages: [BuildReport.Stage]
        /// What the build skipped or doubts but does not stop for (symbolic links, say).
        public var warnings: [Diagnostic]
    }

    public static func prepare(_ options: BuildOptions) async throws(DiagnosticsError) -> Prepared {
        let validated = try await validate(options)
        guard let prepared = validated.prepared else { throw DiagnosticsError(validated.diagnostics) }
        return prepared
    }

    /// What validation found: the site ready to render when nothing is wrong, and in any case every
    /// problem, with the content graph whenever the stages got that far (for `check`'s lints).
    public struct Validated: Sendable {
        public var prepared: Prepared?
        public var diagnostics: [Diagnostic]
        public var config: SiteConfig
        public var graph: ContentGraph
        /// Markdown files read, and the config.
        public var filesChecked: Int
    }

    /// Runs every stage up to writing, gathering problems instead of stopping at the first stage
    /// that has any. Throws only when the config cannot be read at all.
    public static func validate(_ options: BuildOptions) async throws(DiagnosticsError) -> Validated {
        var timer = StageTimer()
        let loaded = try timer.run("load config") { () throws(DiagnosticsError) in
            try ConfigLoader.load(root: options.root, baseURLOverride: options.baseURL)
        }
        let config = loaded.config
        var diagnostics = loaded.diagnostics

        let discovered = timer.run("discover") { ContentDiscovery.discover(root: options.root) }
        diagnostics += discovered.diagnostics

        let parsed = await timer.run("parse") {
            await ContentParser.parse(discovered.files, config: config, jobs: options.jobs)
        }
        diagnostics += parsed.diagnostics

        let assembled = timer.run("assemble") {
            ContentAssembler.assemble(parsed.pages, assets: discovered.files.filter { $0.kind == .asset || $0.kind == .staticFile },
                                      config: config, includeDrafts: options.includeDrafts)
        }
        diagnostics += assembled.diagnostics

        // Classifying reads only front matter, so it shares the cores with rendering the bodies:
        // its serial parts fill gaps the rendering leaves.
        let (rendering, classification) = await timer.run("render Markdown, classify") {
            async let classification = ContentClassifier.classify(assembled.graph, config: config, jobs: options.jobs)
            let rendering = await BodyRenderer.renderBodies(assembled.graph, config: config, jobs: options.jobs)
            return (rendering, await classification)
        }
        // The assembled graph's pages were copied when their bodies were filled in.
        releaseInBackground(assembled)

        // The search index needs only the bodies; checking links, loading the theme and planning
        // the files are serial, so they run beside it.
        let (rendered, graph, search, themed) = await timer.run(options.indexSearch ? "check links, index search, plan" : "check links, plan") {
            () async -> (BodyRenderer.Result, ContentGraph, SearchIndex, Result<(Theme, OutputPlan, [Diagnostic]), DiagnosticsError>) in
            let bodies = classification.applied(to: rendering.graph)
            async let search = options.indexSearch ? SearchIndex.build(bodies, config: config, jobs: options.jobs) : SearchIndex.empty
            let rendered = BodyRenderer.check(rendering, config: config)
            let graph = classification.applied(to: rendered.graph)
            let themed = Result { () throws(DiagnosticsError) in
                let loaded = try ThemeLoader.load(name: config.theme, root: options.root)
                let (plan, diagnostics) = OutputPlanner.plan(graph, theme: loaded.theme, config: config)
                return (loaded.theme, plan, loaded.warnings + diagnostics)
            }
            return (rendered, graph, await search, themed)
        }
        diagnostics += rendered.diagnostics

        let filesChecked = discovered.files.filter { $0.kind == .page || $0.kind == .sectionIndex }.count + 1
        func validated(_ prepared: Prepared?) -> Validated {
            Validated(prepared: prepared, diagnostics: diagnostics.sortedByLocation(), config: config, graph: graph, filesChecked: filesChecked)
        }

        let theme: Theme, plan: OutputPlan
        switch themed {
        case .success(let (loaded, planned, planDiagnostics)):
            (theme, plan) = (loaded, planned)
            diagnostics += planDiagnostics
        case .failure(let error):
            diagnostics += error.diagnostics
            return validated(nil)
        }

        if diagnostics.hasErrors { return validated(nil) }
        return validated(Prepared(config: config, graph: graph, theme: theme, search: search, plan: plan,
                                  bodyFacts: rendered.facts, stages: timer.stages,
                                  warnings: diagnostics.filter { $0.severity == .warning }.sortedByLocation()))
    }

    /// What `signpost check` reports: every error `build` would, and the content warnings.
    public struct CheckReport: Sendable {
        /// Errors and warnings, by file, line and column.
        public var diagnostics: [Diagnostic]
        public var filesChecked: Int
    }

    /// Validates the hub as `build` does, writing nothing, and adds the content checks of SPEC §12
    /// (`today` decides which review dates are overdue).
    public static func check(_ options: BuildOptions, today: CalendarDate) async -> CheckReport {
        do {
            var options = options
            options.indexSearch = false
            let validated = try await validate(options)
            // A warning on a line that already has an error (no audience, where the audience is
            // misspelt) would only say the same thing twice.
            let errorLines = Set(validated.diagnostics.filter { $0.severity == .error }.map { SourceLocation(file: $0.location.file, line: $0.location.line) })
            let warnings = ContentLinter.lint(validated.graph, config: validated.config, today: today)
                .filter { !errorLines.contains(SourceLocation(file: $0.location.file, line: $0.location.line)) }
            return CheckReport(diagnostics: (validated.diagnostics + warnings).sortedByLocation(), filesChecked: validated.filesChecked)
        } catch {
            return CheckReport(diagnostics: error.diagnostics, filesChecked: 1)
        }
    }

    /// Builds the hub described by `options` into its output folder.
    public static func build(_ options: BuildOptions) async throws(DiagnosticsError) -> BuildReport {
        let prepared = try await prepare(options)
        var timer = StageTimer(stages: prepared.stages)
        let renderer = SiteRenderer(graph: prepared.graph, config: prepared.config, theme: prepared.theme, search: prepared.search)
        let bytes = try await timer.run("render and write") { () async throws(DiagnosticsError) -> Int in
            try await OutputWriter.write(prepared.plan, to: options.outputFolder, root: options.root, jobs: options.jobs) { file in
                try renderer.render(file)
            }
        }
        let report = BuildReport(pages: prepared.graph.pages.count, sections: prepared.graph.sections.count,
                                 files: prepared.plan.files.count, bytes: bytes, stages: timer.stages, warnings: prepared.warnings)
        // Freeing a large hub's pages, bodies and index takes a noticeable moment on one core; the
        // site is written, so that happens off the caller's path (and a process that exits first
        // never pays it).
        Task.detached(priority: .background) { withExtendedLifetime((prepared, renderer)) {} }
        return report
    }
}

/// Times named stages for the build report.
struct StageTimer {
    var stages: [BuildReport.Stage] = []

    mutating func run<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = (ContinuousClock.now, Self.processorSeconds())
        defer { record(name, since: start) }
        return try body()
    }

    mutating func run<T, E: Error>(_ name: String, _ body: () async throws(E) -> T) async throws(E) -> T {
        let start = (ContinuousClock.now, Self.processorSeconds())
        defer { record(name, since: start) }
        return try await body()
    }

    private mutating func record(_ name: String, since start: (ContinuousClock.Instant, Double)) {
        let elapsed = ContinuousClock.now - start.0
        stages.append(.init(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                            cpuSeconds: Self.processorSeconds() - start.1))
    }

    /// User and system time of the whole process so far.
    static func processorSeconds() -> Double {
        #if canImport(Glibc)
        let RUSAGE_SELF_WHO = RUSAGE_SELF.rawValue
        #else
        let RUSAGE_SELF_WHO = RUSAGE_SELF
        #endif
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
