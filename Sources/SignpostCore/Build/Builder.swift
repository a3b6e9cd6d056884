import Foundation

/// The build pipeline, one named stage per line:
/// load config -> discover -> parse -> assemble -> render Markdown -> classify -> index search -> load
/// theme -> plan -> render and write.
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
        public var stages: [BuildReport.Stage]
    }

    public static func prepare(_ options: BuildOptions) async throws(DiagnosticsError) -> Prepared {
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

        let rendered = await timer.run("render Markdown") {
            await BodyRenderer.render(assembled.graph, config: config, jobs: options.jobs)
        }
        diagnostics += rendered.diagnostics

        let graph = await timer.run("classify") {
            await ContentClassifier.classify(rendered.graph, config: config, jobs: options.jobs)
        }

        let search = await timer.run("index search") {
            await SearchIndex.build(graph, config: config, jobs: options.jobs)
        }

        let theme: Theme
        do {
            theme = try timer.run("load theme") { () throws(DiagnosticsError) in
                try ThemeLoader.load(name: config.theme, root: options.root)
            }
        } catch {
            throw DiagnosticsError(diagnostics + error.diagnostics)
        }

        let (plan, planDiagnostics) = timer.run("plan") { OutputPlanner.plan(graph, theme: theme, config: config) }
        diagnostics += planDiagnostics

        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return Prepared(config: config, graph: graph, theme: theme, search: search, plan: plan, stages: timer.stages)
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
        return BuildReport(pages: prepared.graph.pages.count, sections: prepared.graph.sections.count,
                           files: prepared.plan.files.count, bytes: bytes, stages: timer.stages)
    }
}

/// Times named stages for the build report.
struct StageTimer {
    var stages: [BuildReport.Stage] = []

    mutating func run<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = ContinuousClock.now
        defer { record(name, since: start) }
        return try body()
    }

    mutating func run<T, E: Error>(_ name: String, _ body: () async throws(E) -> T) async throws(E) -> T {
        let start = ContinuousClock.now
        defer { record(name, since: start) }
        return try await body()
    }

    private mutating func record(_ name: String, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        stages.append(.init(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }
}
