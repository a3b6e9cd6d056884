import Foundation
import Testing
@testable import SignpostCore

@Suite struct FolderRemovalTests {
    @Test(arguments: [1, 2])
    func removesEveryLevelAndNothingALinkPointsTo(jobs: Int) async throws {
        let hub = try TestHub([:])
        defer { hub.remove() }
        let files = ["index.html", "a/index.html", "a/b/index.html", "a/b/c/d/e.txt", "tags/x/index.html",
                     "tags/x/page/2/index.html", ".hidden/f", "empty/"]
        for path in files {
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: hub.root.appendingPathComponent("doomed/" + path),
                                                        withIntermediateDirectories: true)
            } else {
                try hub.write("doomed/" + path, "x")
            }
        }
        // Links at each level, to a folder and to a file outside: the links go, what they point to stays.
        try hub.write("keep/folder/precious.txt", "mine")
        try hub.write("keep/file.txt", "mine too")
        let fileManager = FileManager.default
        for (link, target) in [("doomed/outside", "keep/folder"), ("doomed/a/outside", "keep/folder"),
                               ("doomed/a/b/outside-file", "keep/file.txt"), ("doomed/tags/x/page/outside", "keep")] {
            try fileManager.createSymbolicLink(at: hub.root.appendingPathComponent(link),
                                               withDestinationURL: hub.root.appendingPathComponent(target))
        }

        let removed = await FolderRemoval.remove(hub.root.appendingPathComponent("doomed").path, jobs: jobs)
        #expect(removed)
        #expect(!fileManager.fileExists(atPath: hub.root.appendingPathComponent("doomed").path))
        #expect(try String(contentsOf: hub.root.appendingPathComponent("keep/folder/precious.txt"), encoding: .utf8) == "mine")
        #expect(try String(contentsOf: hub.root.appendingPathComponent("keep/file.txt"), encoding: .utf8) == "mine too")
    }

    @Test func aLinkInPlaceOfTheFolderIsRemovedNotFollowed() async throws {
        let hub = try TestHub([:])
        defer { hub.remove() }
        try hub.write("keep/precious.txt", "mine")
        let link = hub.root.appendingPathComponent("doomed")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: hub.root.appendingPathComponent("keep"))
        #expect(await FolderRemoval.remove(link.path, jobs: 2))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == nil)
        #expect(FileManager.default.fileExists(atPath: hub.root.appendingPathComponent("keep/precious.txt").path))
    }

    @Test func aMissingFolderIsAlreadyRemoved() async {
        #expect(await FolderRemoval.remove("/nonexistent-signpost-\(UUID().uuidString)", jobs: 2))
    }
}
