import Foundation
import Testing
@testable import SignpostCore

/// Whole hubs built from careless or hostile files (SECURITY.md, "Hostile input"): each case says
/// what the build must report, and, when it succeeds, what the site must and must not hold.
@Suite struct AdversarialHubTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Written in this order (tmpfs and some other file systems list files in creation order).
        var files: [(path: String, bytes: [UInt8])]
        var config: String = TestHub.minimalConfig
        /// Errors expected, as `code@file` (`:line` added when the line matters); empty: the build succeeds.
        var errors: [String] = []
        var warnings: [String] = []
        /// Paths the built site must have, and text that must appear in one of its files.
        var present: [String] = []
        var absent: [String] = []
        var testDescription: String { name }
    }

    static func text(_ path: String, _ contents: String) -> (path: String, bytes: [UInt8]) { (path, Array(contents.utf8)) }
    static func bytes(_ path: String, _ contents: [UInt8]) -> (path: String, bytes: [UInt8]) { (path, contents) }
    static let home = text("content/_index.md", page("title: Home"))

    // MARK: File names and slugs

    static let names: [Case] = [
        Case(name: "control character in a file name", files: [home, text("content/a\u{7}b.md", page("title: A"))],
             errors: ["unsafe-path@content/a\u{7}b.md"]),
        Case(name: "percent-encoded dots in a file name", files: [home, text("content/%2e%2e.md", page("title: A"))],
             errors: ["unsafe-path@content/%2e%2e.md"]),
        Case(name: "percent-encoded slash in a file name", files: [home, text("content/a%2fb.md", page("title: A"))],
             errors: ["unsafe-path@content/a%2fb.md"]),
        Case(name: "backslash in a file name", files: [home, text("content/a\\b.md", page("title: A"))],
             errors: ["unsafe-path@content/a\\b.md"]),
        Case(name: "a name starting with dots is hidden, never published", files: [home, text("content/..\\etc.md", page("title: Hidden-Etc-Page"))],
             absent: ["Hidden-Etc-Page"]),
        Case(name: "look-alike slash in a file name", files: [home, text("content/a\u{2215}b.md", page("title: A"))],
             errors: ["unsafe-path@content/a\u{2215}b.md"]),
        Case(name: "fullwidth slash in a folder name", files: [home, text("content/x\u{FF0F}y/a.md", page("title: A"))],
             errors: ["unsafe-path@content/x\u{FF0F}y"]),
        Case(name: "look-alike dots as a file name", files: [home, text("content/\u{2024}\u{2024}.md", page("title: A"))],
             errors: ["unsafe-path@content/\u{2024}\u{2024}.md"]),
        Case(name: "slug of two dots", files: [home, text("content/a.md", page("title: A", slug: ".."))],
             errors: ["unsafe-slug@content/a.md:3"]),
        Case(name: "slug climbing out", files: [home, text("content/a.md", page("title: A", slug: "../../etc"))],
             errors: ["unsafe-slug@content/a.md:3"]),
        Case(name: "slug with percent-encoded dots", files: [home, text("content/a.md", page("title: A", slug: "\"%2e%2e\""))],
             errors: ["unsafe-slug@content/a.md:3"]),
        Case(name: "slug of fullwidth dots", files: [home, text("content/a.md", page("title: A", slug: "\u{FF0E}\u{FF0E}"))],
             errors: ["unsafe-slug@content/a.md:3"]),
        Case(name: "slug with a control character", files: [home, text("content/a.md", page("title: A", slug: "\"a\\u001Bb\""))],
             errors: ["unsafe-slug@content/a.md:3"]),
        Case(name: "empty slug", files: [home, text("content/a.md", page("title: A", slug: "\"\""))],
             errors: ["unsafe-slug@content/a.md:3"]),
        Case(name: "slug taking another page's URL", files: [home, text("content/a.md", page("title: A", slug: "b")),
                                                            text("content/b.md", page("title: B"))],
             errors: ["duplicate-url@content/b.md"]),
        Case(name: "page and folder with one URL", files: [home, text("content/guide.md", page("title: A")),
                                                           text("content/guide/_index.md", page("title: Guides"))],
             errors: ["duplicate-url@content/guide.md"]),
        Case(name: "names differing only in case", files: [home, text("content/Guide.md", page("title: A")),
                                                            text("content/guide.md", page("title: B"))],
             errors: ["duplicate-url@content/guide.md"]),
        Case(name: "one name in two Unicode forms", files: [home, text("content/cafe\u{301}.md", page("title: A")),
                                                             text("content/caf\u{E9}.md", page("title: B"))],
             errors: ["duplicate-url@content/caf\u{E9}.md"]),
        Case(name: "a page on a generated URL", files: [home, text("content/search.md", page("title: Search me"))],
             errors: ["reserved-url@content/search.md"]),
        Case(name: "hidden files are not published", files: [home, text("content/.secret.md", page("title: Secret")),
                                                              text("content/.git/config", "[core]"), text("static/.env", "KEY=1")],
             absent: [".secret", ".git", ".env"]),
    ]

    // MARK: Encodings and broken files

    static let encodings: [Case] = [
        Case(name: "Latin-1 byte in front matter", files: [home, bytes("content/a.md", Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8))],
             errors: ["not-utf8@content/a.md:2"]),
        Case(name: "Latin-1 byte in the body", files: [home, bytes("content/a.md", Array("---\ntitle: A\n---\nline\nna\u{EF}ve ".utf8).dropLast(3) + [0xEF, 0x20])],
             errors: ["not-utf8@content/a.md:5"]),
        Case(name: "UTF-16 file", files: [home, bytes("content/a.md", [0xFF, 0xFE] + Array("---\ntitle: A\n---\n".utf8).flatMap { [$0, 0] })],
             errors: ["not-utf8@content/a.md:1"]),
        Case(name: "byte order mark", files: [home, bytes("content/bom.md", [0xEF, 0xBB, 0xBF] + Array(page("title: Marked").utf8))],
             present: ["bom/index.html", "<h1>Marked</h1>"]),
        Case(name: "empty file", files: [home, text("content/empty.md", "")],
             errors: ["missing-title@content/empty.md"]),
        Case(name: "front matter never closed", files: [home, text("content/a.md", "---\ntitle: A\nThe body.\n")],
             errors: ["unclosed-front-matter@content/a.md:1"]),
        Case(name: "only an opening line", files: [home, text("content/a.md", "---\n")],
             errors: ["unclosed-front-matter@content/a.md:1"]),
        Case(name: "NUL bytes in the body", files: [home, text("content/nul.md", page("title: N", body: "a\u{0}b\u{0}"))],
             present: ["nul/index.html", "a\u{FFFD}b"]),
        Case(name: "an unsafe output folder name from a section", files: [home, text("content/a b/x.md", page("title: X"))],
             present: ["a-b/x/index.html"]),
    ]

    // MARK: YAML

    static let yaml: [Case] = [
        Case(name: "duplicate keys", files: [home, text("content/a.md", page("title: A\ntitle: B"))],
             errors: ["duplicate-key@content/a.md:3"]),
        Case(name: "duplicate keys in a contact card", files: [home, text("content/a.md", page("title: A\ncontact:\n  phone: 1800 123 456\n  phone: 1800 000 000"))],
             errors: ["duplicate-key@content/a.md:5"]),
        Case(name: "anchors and aliases", files: [home, text("content/a.md", page("title: &t Anchored\nsummary: *t"))],
             present: ["a/index.html", "<meta name=\"description\" content=\"Anchored\">"]),
        Case(name: "alias bomb", files: [home, text("content/a.md", page(aliasBomb))],
             errors: ["yaml-aliases@content/a.md:7"]),
        Case(name: "undefined alias", files: [home, text("content/a.md", page("title: *nowhere"))],
             errors: ["invalid-yaml@content/a.md:2"]),
        Case(name: "merge key", files: [home, text("content/a.md", page("title: A\nbase: &b {summary: S}\n<<: *b"))],
             errors: ["unknown-field@content/a.md:3", "unknown-field@content/a.md:4"]),
        Case(name: "deep nesting", files: [home, text("content/a.md", page("title: A\ntags: " + String(repeating: "[", count: 20_000)))],
             errors: ["invalid-yaml@content/a.md:3"]),
        Case(name: "deep nesting, closed", files: [home, text("content/a.md", page("title: A\ntags: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)))],
             errors: ["invalid-yaml@content/a.md:3"]),
        Case(name: "huge scalar", files: [home, text("content/a.md", page("title: A\nsummary: " + String(repeating: "word ", count: 400_000)))],
             present: ["a/index.html"]),
        Case(name: "tab indentation", files: [home, text("content/a.md", page("title: A\ncontact:\n\torganisation: X"))],
             errors: ["invalid-yaml@content/a.md:4"]),
        Case(name: "YAML 1.1 booleans and nulls in string fields", files: [home, text("content/no.md", page("title: No\nsummary: off\ntags: [yes, null, 1.0]"))],
             present: ["no/index.html", "<h1>No</h1>", ">off<", "/tags/yes/", "/tags/null/", "/tags/1-0/"]),
        Case(name: "an empty list item", files: [home, text("content/a.md", page("title: A\ntags: [a, ~]"))],
             errors: ["invalid-term@content/a.md:3"]),
        Case(name: "a YAML tag asking for a type", files: [home, text("content/a.md", page("title: !!python/object:os.system echo"))],
             present: ["a/index.html", "<h1>echo</h1>"]),
        Case(name: "a second YAML document", files: [home, text("content/a.md", "---\ntitle: A\n...\n---\ntitle: B\n---\n")],
             present: ["a/index.html"]),
    ]

    // MARK: SVG images (documents that can run script when opened on their own)

    static func svg(_ path: String, _ inside: String) -> (path: String, bytes: [UInt8]) {
        text(path, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n\(inside)\n</svg>\n")
    }

    static let svgs: [Case] = [
        Case(name: "SVG with a script element", files: [home, svg("content/a.svg", "<script>alert(1)</script>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG with a prefixed, upper-case script element", files: [home, svg("content/a.svg", "<SVG:SCRIPT>alert(1)</SVG:SCRIPT>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG with an event handler", files: [home, svg("static/logo.svg", "<rect width=\"1\" height=\"1\" onload=\"alert(1)\"/>")],
             errors: ["active-content@static/logo.svg:2"]),
        Case(name: "SVG with a script link", files: [home, svg("content/a.svg", "<a xlink:href=\"javascript:alert(1)\"><text>x</text></a>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG with an entity-encoded script link", files: [home, svg("content/a.svg", "<a href=\"&#106;ava&#x09;script&colon;alert(1)\">x</a>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG animating a link into a script", files: [home, svg("content/a.svg", "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG embedding HTML", files: [home, svg("content/a.svg", "<foreignObject><iframe src=\"https://example.org\"></iframe></foreignObject>")],
             errors: ["active-content@content/a.svg:2", "active-content@content/a.svg:2"]),
        Case(name: "SVG embedding an SVG document", files: [home, svg("content/a.svg", "<image href=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+\"/>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG with a script address in a style", files: [home, svg("content/a.svg", "<rect style=\"fill:url(javascript:alert(1))\"/>")],
             errors: ["active-content@content/a.svg:2"]),
        Case(name: "SVG with a script address in a style sheet", files: [home, svg("content/a.svg", "<style><![CDATA[ rect { fill: url('JaVa\nScRiPt:alert(1)') } ]]></style>")],
             errors: ["active-content@content/a.svg"]),
        Case(name: "SVG declaring entities", files: [home, text("content/a.svg", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY x \"y\">\n]>\n<svg/>\n")],
             errors: ["active-content@content/a.svg:3"]),
        Case(name: "SVG with a style sheet instruction", files: [home, text("content/a.svg", "<?xml-stylesheet href=\"https://evil.example/x.xsl\"?>\n<svg/>\n")],
             errors: ["active-content@content/a.svg:1"]),
        Case(name: "a plain SVG with a web link", files: [home, svg("content/chart.svg", "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><a href=\"https://example.org/\"><text>About</text></a>")],
             present: ["chart.svg"]),
    ]

    /// Nine levels of nine-fold aliases: 387 million values if expanded.
    static let aliasBomb: String = {
        var yaml = "title: t\na: &a [x, x, x, x, x, x, x, x, x]"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\n\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]"
            previous = name
        }
        return yaml
    }()

    @Test(arguments: names + encodings + yaml + svgs)
    func hostileFilesGiveTheirErrorsOrASafeSite(_ hostile: Case) async throws {
        let hub = try TestHub([:], config: hostile.config)
        defer { hub.remove() }
        for (path, bytes) in hostile.files { try hub.write(path, Data(bytes)) }
        let start = ContinuousClock.now
        var found: [Diagnostic]
        var built = false
        do {
            found = try await Builder.build(hub.options()).warnings
            built = true
        } catch {
            found = error.diagnostics
        }
        // Generous: every case is tiny or refused early; a hang or a quadratic walk shows as minutes.
        #expect(ContinuousClock.now - start < .seconds(20))
        func described(_ diagnostic: Diagnostic, lines: Bool) -> String {
            "\(diagnostic.code)@\(diagnostic.location.file)" + (lines ? ":\(diagnostic.location.line)" : "")
        }
        let errors = found.filter { $0.severity == .error }
        #expect(errors.count == hostile.errors.count, "\(found)")
        for (want, got) in zip(hostile.errors, errors) {
            #expect(want == described(got, lines: want.contains(":")), "\(got)")
        }
        #expect(found.filter { $0.severity == .warning }.map { described($0, lines: false) } == hostile.warnings)
        #expect(built == hostile.errors.isEmpty)
        if built {
            let site = try TestHub.snapshot(hub.output)
            let text = site.values.map { String(decoding: $0, as: UTF8.self) }
            for wanted in hostile.present {
                #expect(site[wanted] != nil || text.contains { $0.contains(wanted) }, "missing \(wanted)")
            }
            for unwanted in hostile.absent {
                #expect(!site.keys.contains { $0.contains(unwanted) } && !text.contains { $0.contains(unwanted) }, "found \(unwanted)")
            }
        } else {
            #expect(!FileManager.default.fileExists(atPath: hub.output.path), "a failed build wrote a site")
        }
    }

    // MARK: Symbolic links

    @Test func symbolicLinksAnywhereInTheHubAreSkippedWithAWarning() async throws {
        let hub = try TestHub(["content/_index.md": page("title: Home"), "content/a.md": page("title: A")],
                              config: TestHub.minimalConfig + "\ntheme: mine\n")
        let outside = try TestHub(["content/secret.md": page("title: Secret", body: "SECRET-PAGE"),
                                   "secret.txt": "SECRET-FILE", "theme/base.mustache": "SECRET-TEMPLATE"])
        defer { hub.remove(); outside.remove() }
        let links: [(String, String)] = [
            ("content/passwd.md", "/etc/passwd"),
            ("content/elsewhere", outside.root.appendingPathComponent("content").path),
            ("content/loop", hub.root.appendingPathComponent("content").path),
            ("content/leak.txt", outside.root.appendingPathComponent("secret.txt").path),
            ("static/leak.txt", outside.root.appendingPathComponent("secret.txt").path),
            ("static/all", outside.root.path),
            ("themes/mine/templates/partials/footer.mustache", outside.root.appendingPathComponent("theme/base.mustache").path),
            ("themes/mine/assets/leak.css", outside.root.appendingPathComponent("secret.txt").path),
            ("themes/mine/theme.yml", outside.root.appendingPathComponent("secret.txt").path),
        ]
        for (link, target) in links {
            let url = hub.root.appendingPathComponent(link)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
        let report = try await hub.build()
        #expect(report.warnings.map(\.code) == Array(repeating: "symlink", count: links.count))
        #expect(report.warnings.map(\.location.file) == links.map(\.0).sorted())
        #expect(report.warnings.first?.message.contains("not followed") == true)
        let site = try TestHub.snapshot(hub.output)
        #expect(site["a/index.html"] != nil)
        for (path, bytes) in site {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("SECRET") && !text.contains("root:x:0"), "\(path)")
            #expect(!path.contains("leak") && !path.contains("elsewhere") && !path.contains("passwd"), "\(path)")
        }
        // The formatted warning quotes no line of what the link points to.
        var formatter = DiagnosticFormatter(root: hub.root, colour: false)
        #expect(!formatter.format(report.warnings).contains("root:"))
    }

    @Test func aThemeFolderThatIsALinkIsNotRead() async throws {
        let hub = try TestHub(["content/a.md": page("title: A")], config: TestHub.minimalConfig + "\ntheme: linked\n")
        let outside = try TestHub(["templates/base.mustache": "SECRET"])
        defer { hub.remove(); outside.remove() }
        try FileManager.default.createDirectory(at: hub.root.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: hub.root.appendingPathComponent("themes/linked").path,
                                                   withDestinationPath: outside.root.path)
        let found = await hub.buildErrors()
        #expect(found.map(\.code).sorted() == ["symlink", "unknown-theme"])
        #expect(found.first { $0.code == "symlink" }?.severity == .warning)
    }
}
