import Foundation
import Testing
@testable import SignpostCore

/// The same hub gives the same bytes wherever it is checked out and in whatever order its files
/// were made (file systems list folders in creation order, hash order or name order).
/// tests/python/test_cli.py covers processes, jobs, time zones, locales and umasks.
@Suite struct ReproducibilityTests {
    @Test func sameSiteFromAnotherPathAndAnotherFileOrder() async throws {
        let fixture = TestHub.fixturesFolder.appendingPathComponent("basic-hub")
        var files: [(String, Data)] = []
        let base = fixture.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: fixture, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files.append((String(url.standardizedFileURL.path.dropFirst(base.count + 1)), try Data(contentsOf: url)))
        }
        #expect(files.count > 10)

        var random = SeededGenerator(state: 7)
        var outputs: [[String: Data]] = []
        for (index, order) in [files.sorted { $0.0 < $1.0 }, files.sorted { $0.0 > $1.0 }, files.shuffled(using: &random)].enumerated() {
            // A different depth and name each time: nothing of the checkout's path may reach the site.
            let root = FileManager.default.temporaryDirectory
                .appendingPathComponent("signpost-repro-\(UUID().uuidString)" + String(repeating: "/deeper", count: index), isDirectory: true)
            defer { try? FileManager.default.removeItem(at: root) }
            for (path, data) in order {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            _ = try await Builder.build(BuildOptions(root: root, output: nil, baseURL: nil, includeDrafts: false, jobs: index + 1))
            let site = try TestHub.snapshot(root.appendingPathComponent("site"))
            for (path, bytes) in site {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(root.path), "\(path) names the checkout")
            }
            outputs.append(site)
        }
        #expect(outputs[0].count > 20)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }
}
