import Foundation
import Testing
@testable import SignpostCore

/// `signpost serve`'s parts without the network: which file a request names, what is added to
/// pages, and rebuilding in memory. tests/python/test_serve.py runs the real server.
@Suite struct RequestPathTests {
    @Test(arguments: [
        ("/hub/", RequestPath.file("index.html")),
        ("/hub/training/", .file("training/index.html")),
        ("/hub/training/bouverie/", .file("training/bouverie/index.html")),
        ("/hub/assets/signpost.css", .file("assets/signpost.css")),
        ("/hub/M%C4%81ori/", .file("Māori/index.html")),
        ("/hub/training", .file("training")),
        ("/hub", .redirect("/hub/")),
        ("/", .redirect("/hub/")),
        ("/other/", .notFound),
        ("/hub/../signpost.yml", .notFound),
        ("/hub/%2e%2e/signpost.yml", .notFound),
        ("/hub/%2E%2E/%2E%2E/etc/passwd", .notFound),
        ("/hub/..%2fsignpost.yml", .notFound),
        ("/hub/..%5csignpost.yml", .notFound),
        ("/hub/..\\signpost.yml", .notFound),
        ("/hub/%00", .notFound),
        ("/hub/a%0d%0aSet-Cookie:x", .notFound),
        ("/hub/./index.html", .notFound),
        ("/hub//etc/passwd", .notFound),
        ("/hub/%zz", .notFound),
        ("relative", .notFound),
    ])
    func resolves(raw: String, expected: RequestPath) {
        #expect(RequestPath.resolve(raw, basePath: "/hub/") == expected)
    }

    @Test func ipAddressesAreAllowedAsHostsButNotOtherNames() {
        let handler = RequestHandler(site: PreviewSite(options: BuildOptions(root: URL(fileURLWithPath: "/nonexistent"))),
                                     events: ReloadEvents(), allowedHosts: ["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"])
        for allowed in ["localhost:1313", "127.0.0.1", "192.168.1.20:1313", "[fe80::1]:1313", "[::1]", nil] as [String?] {
            #expect(handler.hostIsAllowed(allowed), "\(allowed ?? "no Host")")
        }
        for refused in ["evil.example", "evil.example:1313", "127.0.0.1.evil.example", "1.2.3.4.5", "999.1.1.1", "localhost.evil.example"] {
            #expect(!handler.hostIsAllowed(refused), "\(refused)")
        }
    }

    @Test func onlyPagesOfThisServerMayListenForReloads() {
        let handler = RequestHandler(site: PreviewSite(options: BuildOptions(root: URL(fileURLWithPath: "/nonexistent"))),
                                     events: ReloadEvents(), allowedHosts: ["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"])
        let allowed: [(origin: String, host: String?)] = [
            ("http://127.0.0.1:1313", "127.0.0.1:1313"), ("http://localhost:1313", "127.0.0.1:1313"),
            ("http://[::1]:1313", "[::1]:1313"), ("http://192.168.1.20:1313", "192.168.1.20:1313"),
            ("http://localhost", "localhost"), ("http://localhost:1313", nil),
        ]
        for (origin, host) in allowed {
            #expect(handler.originIsAllowed(origin, host: host), "\(origin) to \(host ?? "no Host")")
        }
        let refused: [(origin: String, host: String?)] = [
            ("http://203.0.113.5", "127.0.0.1:1313"), ("http://203.0.113.5:1313", "127.0.0.1:1313"),
            ("http://127.0.0.1:3000", "127.0.0.1:1313"), ("http://192.168.1.21:1313", "192.168.1.20:1313"),
            ("https://localhost:1313", "localhost:1313"), ("http://user@localhost:1313", "localhost:1313"),
            ("null", "localhost:1313"), ("http://evil.example:1313", "localhost:1313"), ("http://203.0.113.5:1313", nil),
        ]
        for (origin, host) in refused {
            #expect(!handler.originIsAllowed(origin, host: host), "\(origin) to \(host ?? "no Host")")
        }
    }

    @Test func hostNamesAreComparedWithoutPorts() {
        #expect(RequestHandler.hostName("LOCALHOST:1313") == "localhost")
        #expect(RequestHandler.hostName("[::1]:8080") == "[::1]")
        #expect(RequestHandler.hostName("127.0.0.1") == "127.0.0.1")
    }
}

@Suite struct ServeOverlayTests {
    @Test func pagesGetTheReloadScriptAndErrorsOnlyWhileThereAreAny() {
        let page = "<!DOCTYPE html>\n<html><head><title>x</title>\n</head>\n<body class=\"a\">\n<main>Hi</main></body></html>"
        let clean = ServeOverlay.inject(into: page, errors: [], version: 7)
        // The page carries the version it was served at, so a rebuild before the script connects still reloads it.
        #expect(clean.contains("<script src=\"/__signpost/live.js\" data-version=\"7\" defer></script>\n</head>"))
        #expect(!clean.contains("signpost-errors"))
        let error = Diagnostic.error("unknown-term", at: SourceLocation(file: "content/<a>.md", line: 3, column: 12), "unknown audience '<script>'")
        let broken = ServeOverlay.inject(into: page, errors: [error], version: 8)
        #expect(broken.contains("<body class=\"a\">\n<section class=\"signpost-errors\" role=\"alert\""))
        #expect(broken.contains("<code>content/&lt;a&gt;.md:3:12</code> error[unknown-term]: unknown audience &#39;&lt;script&gt;&#39;"))
        #expect(!broken.contains("<script>"))
    }
}

@Suite struct PreviewSiteTests {
    static func page(_ title: String, _ body: String, extra: String = "") -> String {
        "---\ntitle: \(title)\nregion: vic\(extra)\n---\n\(body)\n"
    }

    static func files() -> [String: String] {
        [
            "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
            "content/training/_index.md": "---\ntitle: Training\n---\nCourses.\n",
            "content/training/a.md": page("Alpha", "First paragraph of alpha.\n\n## Dates\n\nSee [beta](b.md#fees) and [a site](https://example.net/a)."),
            "content/training/b.md": page("Beta", "Beta text.\n\n## Fees\n\nFree."),
        ]
    }

    /// Every file as `PreviewSite` would serve it (before anything is added for serving).
    static func served(_ site: PreviewSite, paths: [String]) async -> [String: Data] {
        var result: [String: Data] = [:]
        for path in paths { result[path] = await site.file(at: path)?.data }
        return result
    }

    @Test func editsInMemoryGiveTheSameSiteAsAColdBuild() async throws {
        let hub = try TestHub(Self.files())
        defer { hub.remove() }
        let site = PreviewSite(options: hub.options())
        #expect(await site.rebuildAll().diagnostics.isEmpty)

        // A body edit is handled on its own...
        try hub.write("content/training/a.md", Self.page("Alpha", "A new first paragraph.\n\n## Dates\n\nSee [beta](b.md#fees) and [another site](https://example.org/x)."))
        let bodyEdit = await site.update(["content/training/a.md"])
        #expect(bodyEdit.kind == .page("content/training/a.md"))
        // ...a front matter edit, a new page and a removed one rebuild everything.
        try hub.write("content/training/b.md", Self.page("Beta renamed", "Beta text.\n\n## Fees\n\nFree.", extra: "\nsummary: Changed."))
        #expect(await site.update(["content/training/b.md"]).kind == .full)
        try hub.write("content/training/c.md", Self.page("Gamma", "Links to [alpha](a.md#dates)."))
        #expect(await site.update(["content/training/c.md"]).kind == .full)
        try FileManager.default.removeItem(at: hub.root.appendingPathComponent("content/training/c.md"))
        #expect(await site.update(["content/training/c.md"]).kind == .full)
        try hub.write("content/training/a.md", Self.page("Alpha", "Final first paragraph.\n\n## Dates\n\nSee [beta](b.md#fees)."))
        #expect(await site.update(["content/training/a.md"]).kind == .page("content/training/a.md"))

        try await hub.build()
        let cold = try TestHub.snapshot(hub.output).filter { $0.key != ".signpost-output" }
        let warm = await Self.served(site, paths: Array(cold.keys))
        for (path, data) in cold.sorted(by: { $0.key < $1.key }) {
            #expect(warm[path] == data, "\(path) differs from a cold build")
        }
        // The old notice is gone and only the current one is served.
        #expect(await site.file(at: "leave/\(ExternalURL("https://example.org/x")!.noticeID)/index.html") == nil)
        #expect(await site.file(at: "leave/\(ExternalURL("https://example.net/a")!.noticeID)/index.html") == nil)
        #expect(try hub.read("training/a/index.html").contains("Final first paragraph."))
    }

    @Test func aBrokenEditKeepsTheLastSiteAndReportsUntilFixed() async throws {
        let hub = try TestHub(Self.files())
        defer { hub.remove() }
        let site = PreviewSite(options: hub.options())
        await site.rebuildAll()
        let before = await site.version

        // A link to an anchor that the edit removes breaks the page that links to it.
        try hub.write("content/training/b.md", Self.page("Beta", "Beta text without headings."))
        let broken = await site.update(["content/training/b.md"])
        #expect(broken.diagnostics.map(\.code) == ["broken-anchor"])
        #expect(broken.diagnostics.first?.location.file == "content/training/a.md")
        #expect(await site.version > before)
        // The last good site is still served.
        let page = try #require(await site.file(at: "training/b/index.html"))
        #expect(String(decoding: page.data, as: UTF8.self).contains("id=\"fees\""))

        try hub.write("content/training/b.md", Self.page("Beta", "Back.\n\n## Fees\n\nFree again."))
        let fixed = await site.update(["content/training/b.md"])
        #expect(fixed.diagnostics.isEmpty)
        #expect(String(decoding: try #require(await site.file(at: "training/b/index.html")).data, as: UTF8.self).contains("Free again."))
    }

    @Test func missingTemporaryFilesChangeNothing() async throws {
        let hub = try TestHub(Self.files())
        defer { hub.remove() }
        let site = PreviewSite(options: hub.options())
        await site.rebuildAll()
        let result = await site.update(["content/training/sedX1b2c3"])
        #expect(result.kind == .unchanged)
    }
}
