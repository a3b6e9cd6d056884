import Foundation
@testable import SignpostCore

/// A hub written to a fresh temporary folder from `[path: contents]`, in the manner of Hugo's txtar tests.
struct TestHub {
    let root: URL

    static let minimalConfig = """
        title: Test Hub
        base_url: https://hub.example.org/
        language: en-AU
        """

    init(_ files: [String: String], config: String? = TestHub.minimalConfig) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("signpost-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        if let config { try write("signpost.yml", config) }
        for (path, contents) in files { try write(path, contents) }
    }

    /// A copy of a fixture hub under `Tests/Fixtures/`.
    init(fixture name: String) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("signpost-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.copyItem(at: TestHub.fixturesFolder.appendingPathComponent(name), to: root)
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixturesFolder = packageRoot.appendingPathComponent("Tests/Fixtures", isDirectory: true)

    func write(_ path: String, _ contents: String) throws {
        try write(path, Data(contents.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var output: URL { root.appendingPathComponent("site", isDirectory: true) }

    func options(output: URL? = nil, drafts: Bool = false, jobs: Int = 2, baseURL: String? = nil) -> BuildOptions {
        BuildOptions(root: root, output: output, baseURL: baseURL, includeDrafts: drafts, jobs: jobs)
    }

    @discardableResult
    func build(output: URL? = nil, drafts: Bool = false, jobs: Int = 2, baseURL: String? = nil) async throws -> BuildReport {
        try await Builder.build(options(output: output, drafts: drafts, jobs: jobs, baseURL: baseURL))
    }

    /// The diagnostics of a build that must fail.
    func buildErrors(drafts: Bool = false) async -> [Diagnostic] {
        do {
            _ = try await Builder.build(options(drafts: drafts))
            return []
        } catch {
            return error.diagnostics
        }
    }

    func read(_ path: String, in folder: URL? = nil) throws -> String {
        try String(contentsOf: (folder ?? output).appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String, in folder: URL? = nil) -> Bool {
        FileManager.default.fileExists(atPath: (folder ?? output).appendingPathComponent(path).path)
    }

    /// Every file under `folder`, relative path -> bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    /// The hub's top-level entries, without the output's lock file; a leftover staging or old
    /// folder would show up here.
    func siblingsOfOutput() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasSuffix(".signpost-lock") }.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// `<script>` elements that would run: those with neither a `src` nor a JSON-LD type.
func inlineScripts(in html: String) -> [String] {
    html.components(separatedBy: "<script").dropFirst().compactMap { rest in
        let tag = String(rest.prefix { $0 != ">" })
        return tag.contains(" src=") || tag.contains("type=\"application/ld+json\"") ? nil : "<script" + tag + ">"
    }
}

/// A page file with front matter.
func page(_ frontMatter: String, slug: String? = nil, body: String = "Some text.") -> String {
    "---\n\(frontMatter)\(slug.map { "\nslug: \($0)" } ?? "")\n---\n\(body)\n"
}

/// Parses front matter for a page at `content/a.md` with the default taxonomies.
func parseFrontMatter(_ yaml: String, config: SiteConfig? = nil) -> Result<FrontMatter, DiagnosticsError> {
    let config = config ?? (try! ConfigLoader.parse(TestHub.minimalConfig))
    return FrontMatterParser.parse(yaml, file: "content/a.md", config: config)
}

extension Result where Failure == DiagnosticsError {
    var diagnostics: [Diagnostic] {
        if case .failure(let error) = self { return error.diagnostics }
        return []
    }
}

/// Swift Testing has a `SourceLocation` too; in these tests the name means Signpost's.
typealias SourceLocation = SignpostCore.SourceLocation
