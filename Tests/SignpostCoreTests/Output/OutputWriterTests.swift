import Foundation
import Testing
@testable import SignpostCore

@Suite struct OutputWriterTests {
    /// The new site replaces the old one in a single step on Linux, so a web server reading the
    /// output folder never finds it missing.
    @Test func foldersAreExchangedInOneStep() throws {
        let hub = try TestHub(["site/index.html": "old", "staging/index.html": "new"])
        defer { hub.remove() }
        let site = hub.root.appendingPathComponent("site").path
        let staging = hub.root.appendingPathComponent("staging").path
        #expect(OutputWriter.exchange(staging, site))
        #expect(try String(contentsOfFile: site + "/index.html", encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: staging + "/index.html", encoding: .utf8) == "old")
        #expect(!OutputWriter.exchange(staging, hub.root.appendingPathComponent("missing").path))
        #expect(try String(contentsOfFile: staging + "/index.html", encoding: .utf8) == "old")
    }

    @Test func aRebuildLeavesOnlyTheNewSiteBesideItsLock() async throws {
        let hub = try TestHub(["content/_index.md": "---\ntitle: Home\n---\n\nHello.\n",
                               "signpost.yml": "title: Hub\nbase_url: https://example.org/\n"])
        defer { hub.remove() }
        let output = hub.root.appendingPathComponent("out/site", isDirectory: true)
        _ = try await Builder.build(BuildOptions(root: hub.root, output: output))
        try hub.write("content/_index.md", "---\ntitle: Home\n---\n\nHello again.\n")
        _ = try await Builder.build(BuildOptions(root: hub.root, output: output))
        let beside = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path).sorted()
        #expect(beside == [".site.signpost-lock", "site"])
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).contains("Hello again."))
    }
}
