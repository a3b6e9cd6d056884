import Foundation
import Testing
@testable import SignpostCore

@Suite struct ReadFileTests {
    @Test func readsEveryByteOfAFileAndNothingOfAMissingOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Data(("---\ntitle: Māori peer work\n---\n" + String(repeating: "Kia ora. ", count: 20_000)).utf8)
        let page = folder.appendingPathComponent("page.md")
        try text.write(to: page)
        #expect(ContentParser.readFile(page.path) == text)
        let empty = folder.appendingPathComponent("empty.md")
        try Data().write(to: empty)
        #expect(ContentParser.readFile(empty.path) == Data())
        #expect(ContentParser.readFile(folder.appendingPathComponent("missing.md").path) == nil)
    }
}
