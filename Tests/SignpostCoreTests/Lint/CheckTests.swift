import Foundation
import Testing
@testable import SignpostCore

/// `signpost check`: the content warnings of SPEC §12 and the build's errors, each at the file,
/// line and column a contributor has to change.
@Suite struct CheckTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 23)

    static let config = """
        title: Test Hub
        base_url: https://hub.example.org/
        review:
          max_age_months: 12
        taxonomies:
          audience:
            title: Audience
            terms: { managers: Managers, carer-workers: Carer workers }
        """

    /// Front matter that raises no warning of its own.
    static let clean = "title: A page\naudience: managers\nreviewed: 2026-10-01"

    static func page(_ frontMatter: String = clean, _ body: String) -> String {
        "---\n\(frontMatter)\n---\n\(body)"
    }

    static func check(_ files: [String: String], config: String = CheckTests.config, drafts: Bool = false) async throws -> [Diagnostic] {
        let hub = try TestHub(files, config: config)
        defer { hub.remove() }
        return await Builder.check(hub.options(drafts: drafts), today: today).diagnostics
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var code: String
        var frontMatter: String = CheckTests.clean
        var body: String
        var files: [String: String] = [:]
        var line: Int
        var column: Int
        var testDescription: String { code }
    }

    // Line 1 is `---`; with the three-line `clean` front matter the body starts on line 6.
    static let lintCases: [Case] = [
        Case(code: "image-alt", body: "Intro.\n\nA chart: ![](chart.png)\n", files: ["content/chart.png": "png"], line: 8, column: 10),
        Case(code: "vague-link-text", body: "For details [click here](https://example.org/).\n", line: 6, column: 13),
        Case(code: "vague-link-text", body: "Text.\n\n- [Read more!](other.md)\n", files: ["content/other.md": CheckTests.page(CheckTests.clean, "Other.\n")], line: 8, column: 3),
        Case(code: "heading-skip", body: "## Start\n\nText.\n\n#### Too deep\n", line: 10, column: 1),
        Case(code: "heading-skip", body: "### Starts too deep\n", line: 6, column: 1),
        Case(code: "multiple-h1", body: "Intro.\n\n# A second title\n", line: 8, column: 1),
        Case(code: "review-overdue", frontMatter: "title: A\naudience: managers\nreviewed: 2025-11-22", body: "Text.\n", line: 4, column: 11),
        Case(code: "review-missing", frontMatter: "title: A\naudience: managers", body: "Text.\n", line: 1, column: 1),
        Case(code: "audience-missing", frontMatter: "title: A\nreviewed: 2026-10-01", body: "Text.\n", line: 1, column: 1),
        Case(code: "audience-missing", frontMatter: "title: A\naudience: []\nreviewed: 2026-10-01", body: "Text.\n", line: 3, column: 11),
        Case(code: "pipe-table", body: "Intro.\n\n| Course | Cost |\n|---|---|\n| IPS | Free |\n", line: 8, column: 1),
        Case(code: "strikethrough", body: "Fees are ~~$200~~ free.\n", line: 6, column: 10),
        Case(code: "task-list", body: "To do:\n\n- [ ] Book a place\n- [x] Read the guide\n", line: 8, column: 3),
        Case(code: "bare-url", body: "Visit https://www.example.org/courses for dates.\n", line: 6, column: 7),
        Case(code: "bare-url", body: "Or www.example.org.\n", line: 6, column: 4),
    ]

    @Test(arguments: lintCases)
    func eachLintPointsAtItsLineAndColumn(_ testCase: Case) async throws {
        let diagnostics = try await Self.check(testCase.files.merging(["content/a.md": Self.page(testCase.frontMatter, testCase.body)]) { $1 })
        let found = diagnostics.filter { $0.code == testCase.code }
        #expect(found.count == 1, "\(diagnostics)")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.location == SourceLocation(file: "content/a.md", line: testCase.line, column: testCase.column))
        // Nothing else: each case shows one problem.
        #expect(diagnostics.count == 1, "\(diagnostics)")
    }

    @Test func cleanPagesAndWhatLooksLikeGitHubSyntaxInCodeGiveNoWarnings() async throws {
        let body = """
            ## Who it is for

            Peer workers. See [the Bouverie Centre's courses](other.md), ![A group in a circle](circle.png)
            and <https://www.example.org/>.

            ### Dates

            Here is what `~~not struck~~` and `| a | b |` look like in code:

                | a | b |
                |---|---|
                https://example.org/ ~~x~~

            A ~ tilde, a | pipe, ~~ spaced ~~, and a number range 1-2.
            """
        let diagnostics = try await Self.check([
            "content/a.md": Self.page(Self.clean, body),
            "content/other.md": Self.page(Self.clean, "Other.\n"),
            "content/circle.png": "png",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func reviewIsOverdueOnlyAfterTheFullPeriod() async throws {
        // Twelve months after 2025-11-23 is the day of the check: due, not yet overdue.
        let due = try await Self.check(["content/a.md": Self.page("title: A\naudience: managers\nreviewed: 2025-11-23", "Text.\n")])
        #expect(due.isEmpty, "\(due)")
        let overdue = try await Self.check(["content/a.md": Self.page("title: A\naudience: managers\nreviewed: 2025-11-22", "Text.\n")])
        #expect(overdue.map(\.code) == ["review-overdue"])
        #expect(overdue.first?.message.contains("due for review on 2026-11-22") == true)
    }

    @Test func sectionIntrosAreCheckedForMarkdownButNotForPageFields() async throws {
        let diagnostics = try await Self.check([
            "content/training/_index.md": "---\ntitle: Training\n---\nCourses: [here](../a.md).\n",
            "content/a.md": Self.page(Self.clean, "Text.\n"),
        ])
        #expect(diagnostics.map(\.code) == ["vague-link-text"])
        #expect(diagnostics.first?.location == SourceLocation(file: "content/training/_index.md", line: 4, column: 10))
    }

    @Test func pagesAndTheHubCanSilenceChecks() async throws {
        let noisy = "title: A\nlint: { ignore: [review-missing, image-alt] }"
        let files = ["content/a.md": Self.page(noisy, "![](x.png) [here](b.md)\n"), "content/b.md": Self.page(Self.clean, "B.\n"), "content/x.png": "png"]
        let pageSilenced = try await Self.check(files)
        #expect(pageSilenced.map(\.code).sorted() == ["audience-missing", "vague-link-text"])

        let hubSilenced = try await Self.check(files, config: Self.config + "\nlint:\n  ignore: [audience-missing]\n")
        #expect(hubSilenced.map(\.code) == ["vague-link-text"])
    }

    @Test func unknownLintCodesAreErrorsWithASuggestion() async throws {
        let diagnostics = try await Self.check(["content/a.md": Self.page("title: A\naudience: managers\nreviewed: 2026-10-01\nlint: { ignore: [image-alts] }", "Text.\n")],
                                               config: Self.config + "\nlint:\n  ignore: [review-misssing]\n")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["unknown-lint", "unknown-lint"])
        #expect(errors.map(\.location) == [SourceLocation(file: "content/a.md", line: 5, column: 18), SourceLocation(file: "signpost.yml", line: 10, column: 12)])
        #expect(errors[0].message.contains("did you mean 'image-alt'?"))
        #expect(errors[1].message.contains("did you mean 'review-missing'?"))
    }

    // MARK: Errors: everything the build reports, at the same place

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var code: String
        var files: [String: String]
        var config: String = CheckTests.config
        var file: String = "content/a.md"
        var line: Int
        var column: Int
        var mentions: String
        var testDescription: String { code }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(code: "unknown-field", files: ["content/a.md": "---\ntitle: A\nsumary: B\n---\n"], line: 3, column: 1, mentions: "did you mean 'summary'?"),
        ErrorCase(code: "missing-title", files: ["content/a.md": "---\nsummary: B\n---\n"], line: 2, column: 1, mentions: "needs a 'title'"),
        ErrorCase(code: "unknown-term", files: ["content/a.md": "---\ntitle: A\naudience: [managers, carers]\n---\n"], line: 3, column: 22, mentions: "did you mean 'carer-workers'?"),
        ErrorCase(code: "invalid-date", files: ["content/a.md": "---\ntitle: A\nreviewed: 2026-02-30\n---\n"], line: 3, column: 11, mentions: "YYYY-MM-DD"),
        ErrorCase(code: "wrong-type", files: ["content/a.md": "---\ntitle: A\nweight: many\n---\n"], line: 3, column: 9, mentions: "whole number"),
        ErrorCase(code: "duplicate-key", files: ["content/a.md": "---\ntitle: A\ntitle: B\n---\n"], line: 3, column: 1, mentions: "first set on line 2"),
        ErrorCase(code: "invalid-yaml", files: ["content/a.md": "---\ntitle: [A\n---\n"], line: 3, column: 1, mentions: "invalid YAML"),
        ErrorCase(code: "unclosed-front-matter", files: ["content/a.md": "---\ntitle: A\nText.\n"], line: 1, column: 1, mentions: "never closed"),
        ErrorCase(code: "unsafe-slug", files: ["content/a.md": "---\ntitle: A\nslug: ../up\n---\n"], line: 3, column: 7, mentions: "separates folders"),
        ErrorCase(code: "invalid-url", files: ["content/a.md": "---\ntitle: A\ncontact:\n  website: ftp://x.org\n---\n"], line: 4, column: 12, mentions: "https://"),
        ErrorCase(code: "invalid-email", files: ["content/a.md": "---\ntitle: A\ncontact:\n  email: nobody\n---\n"], line: 4, column: 10, mentions: "info@example.org"),
        ErrorCase(code: "invalid-phone", files: ["content/a.md": "---\ntitle: A\ncontact:\n  phone: call me\n---\n"], line: 4, column: 10, mentions: "phone number"),
        ErrorCase(code: "broken-link", files: ["content/a.md": "---\ntitle: A\n---\nSee [the guide](guide.md).\n"], line: 4, column: 5, mentions: "guide.md"),
        ErrorCase(code: "broken-anchor", files: ["content/a.md": "---\ntitle: A\n---\n## Dates\n\n[Dates](#dates) and [fees](#fees).\n"], line: 6, column: 21, mentions: "#fees"),
        ErrorCase(code: "duplicate-url", files: ["content/a.md": "---\ntitle: A\n---\n", "content/b.md": "---\ntitle: B\nslug: a\n---\n"], file: "content/b.md", line: 1, column: 1, mentions: "content/a.md"),
        ErrorCase(code: "out-of-range", files: ["content/a.md": "---\ntitle: A\n---\n"], config: CheckTests.config + "\npaginate: 0\n", file: "signpost.yml", line: 9, column: 11, mentions: "at least 1"),
        ErrorCase(code: "unknown-field", files: ["content/a.md": "---\ntitle: A\n---\n"], config: CheckTests.config + "\nbase_ur: https://x.org/\n", file: "signpost.yml", line: 9, column: 1, mentions: "did you mean 'base_url'?"),
    ]

    @Test(arguments: errorCases)
    func eachErrorPointsAtItsLineAndColumn(_ testCase: ErrorCase) async throws {
        let diagnostics = try await Self.check(testCase.files, config: testCase.config)
        let found = try #require(diagnostics.first { $0.severity == .error && $0.code == testCase.code }, "\(diagnostics)")
        #expect(found.location == SourceLocation(file: testCase.file, line: testCase.line, column: testCase.column))
        #expect(found.message.contains(testCase.mentions), "\(found.message)")
    }

    @Test func checkWritesNothing() async throws {
        let hub = try TestHub(["content/a.md": Self.page(Self.clean, "Text.\n")], config: Self.config)
        defer { hub.remove() }
        let report = await Builder.check(hub.options(), today: Self.today)
        #expect(report.diagnostics.isEmpty)
        #expect(report.filesChecked == 2)
        #expect(!hub.exists("index.html"))
        #expect(!FileManager.default.fileExists(atPath: hub.output.path))
    }

    // MARK: Output

    @Test func jsonLinesHoldEveryFieldAndParse() throws {
        let diagnostics = [
            Diagnostic(.warning, code: "image-alt", at: SourceLocation(file: "content/b.md", line: 7, column: 10), "no alt text"),
            Diagnostic.error("unknown-term", at: SourceLocation(file: "content/a \"quoted\".md", line: 3, column: 22), "unknown audience 'carers'\n</script>"),
        ]
        let lines = DiagnosticFormatter.jsonLines(diagnostics).split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects[0]["file"] as? String == "content/a \"quoted\".md")
        #expect(objects[0]["line"] as? Int == 3)
        #expect(objects[0]["column"] as? Int == 22)
        #expect(objects[0]["severity"] as? String == "error")
        #expect(objects[0]["code"] as? String == "unknown-term")
        #expect(objects[0]["message"] as? String == "unknown audience 'carers'\n</script>")
        #expect(objects[1]["severity"] as? String == "warning")
        #expect(objects[1]["code"] as? String == "image-alt")
    }

    @Test func sourceLinesAreCountedAsTheParsersCountThem() throws {
        // A line separator pasted from a word processor does not end a line for cmark or YAML.
        let hub = try TestHub(["content/a.md": "---\ntitle: A\u{2028}B\naudience: [x]\n---\n"], config: Self.config)
        defer { hub.remove() }
        var formatter = DiagnosticFormatter(root: hub.root)
        let text = formatter.format(Diagnostic.error("unknown-term", at: SourceLocation(file: "content/a.md", line: 3, column: 12), "bad"))
        #expect(text.contains("\n    audience: [x]\n"))
    }

    @Test func humanOutputHasCodesCaretsAndASummary() throws {
        let hub = try TestHub(["content/a.md": "---\ntitle: A\n---\nSee ![](x.png) now.\n"], config: Self.config)
        defer { hub.remove() }
        var formatter = DiagnosticFormatter(root: hub.root)
        let diagnostics = [
            Diagnostic(.warning, code: "image-alt", at: SourceLocation(file: "content/a.md", line: 4, column: 5), "no alt text"),
            Diagnostic.error("unknown-term", at: SourceLocation(file: "content/a.md", line: 2, column: 8), "bad"),
        ]
        #expect(formatter.format(diagnostics, filesChecked: 42) == """
            content/a.md:2:8: error[unknown-term]: bad
                title: A
                       ^
            content/a.md:4:5: warning[image-alt]: no alt text
                See ![](x.png) now.
                    ^
            1 error, 1 warning in 42 files
            """)
        #expect(DiagnosticFormatter.summary([], filesChecked: 1) == "No problems in 1 file")
        // Colour only when asked (the command line asks only for a terminal).
        var coloured = DiagnosticFormatter(root: hub.root, colour: true)
        #expect(coloured.format(diagnostics[0]).contains("\u{1B}[1;33mwarning\u{1B}[0m"))
        #expect(!formatter.format(diagnostics[0]).contains("\u{1B}"))
    }
}

/// `signpost new` and `signpost init`.
@Suite struct ScaffoldTests {
    @Test func initMakesAHubThatBuildsAndChecksCleanly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Scaffold.createHub(at: folder, today: CheckTests.today)
        #expect(files == ["signpost.yml", "content/_index.md", "content/training/_index.md", "content/training/example-course.md"])
        let report = await Builder.check(BuildOptions(root: folder), today: CheckTests.today)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let built = try await Builder.build(BuildOptions(root: folder))
        #expect(built.pages == 1)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/training/example-course/index.html").path))
        // The config explains itself.
        let config = try String(contentsOf: folder.appendingPathComponent("signpost.yml"), encoding: .utf8)
        #expect(config.contains("# Where the site will be published"))
    }

    @Test func initRefusesAFolderWithAnythingInIt() throws {
        let hub = try TestHub(["notes.txt": "mine"], config: nil)
        defer { hub.remove() }
        #expect(throws: DiagnosticsError.self) { try Scaffold.createHub(at: hub.root, today: CheckTests.today) }
        #expect(try String(contentsOf: hub.root.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        #expect(!FileManager.default.fileExists(atPath: hub.root.appendingPathComponent("signpost.yml").path))
    }

    @Test func newWritesEveryFieldWithTheVocabularyAndBuilds() async throws {
        let hub = try TestHub(["content/_index.md": "---\ntitle: Home\n---\n"], config: CheckTests.config)
        defer { hub.remove() }
        let created = try Scaffold.createPage(root: hub.root, path: "training/peer-course", title: "Peer \"work\" course", today: CheckTests.today)
        #expect(created == "content/training/peer-course.md")
        let text = try String(contentsOf: hub.root.appendingPathComponent(created), encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"Peer \\\"work\\\" course\"\n"))
        #expect(text.contains("#   carer-workers: Carer workers\naudience: []"))
        // Not reviewed until someone has checked its facts; the line is there to fill in.
        #expect(text.contains("\n# reviewed: 2026-11-23"))
        #expect(text.contains("# contact:"))

        let report = await Builder.check(hub.options(), today: CheckTests.today)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        // What is left to do: choose the audience, and review the facts.
        #expect(report.diagnostics.map(\.code) == ["review-missing", "audience-missing"])
        try await hub.build()
        #expect(try hub.read("training/peer-course/index.html").contains("<h1>Peer &quot;work&quot; course</h1>"))

        // Never overwrites.
        #expect(throws: DiagnosticsError.self) {
            try Scaffold.createPage(root: hub.root, path: "content/training/peer-course.md", title: nil, today: CheckTests.today)
        }
        let section = try Scaffold.createPage(root: hub.root, path: "networks/_index.md", title: nil, today: CheckTests.today)
        #expect(try String(contentsOf: hub.root.appendingPathComponent(section), encoding: .utf8).contains("title: \"Networks\""))
    }

    @Test(arguments: ["../outside.md", "/etc/page.md", "training/../../x.md", "a/.hidden.md", ""])
    func newRefusesPathsOutsideContent(path: String) throws {
        let hub = try TestHub([:], config: CheckTests.config)
        defer { hub.remove() }
        #expect(throws: DiagnosticsError.self) { try Scaffold.createPage(root: hub.root, path: path, title: nil, today: CheckTests.today) }
    }
}
