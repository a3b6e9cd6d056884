import Foundation
import Testing
@testable import SignpostCore

@Suite struct FrontMatterTests {
    func loc(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: "content/a.md", line: line, column: column)
    }

    // MARK: Splitting

    @Test func splitsFrontMatterAndCountsBodyLines() throws {
        let split = try FrontMatterParser.split("---\ntitle: A\nsummary: B\n---\nBody\n", file: "a.md").get()
        #expect(split.yaml == "title: A\nsummary: B\n")
        #expect(split.body == "Body\n")
        #expect(split.bodyFirstLine == 5)
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let split = try FrontMatterParser.split("# Hello\n", file: "a.md").get()
        #expect(split.yaml == nil)
        #expect(split.bodyFirstLine == 1)
    }

    @Test func byteOrderMarkAndTrailingSpacesAreAccepted() throws {
        let split = try FrontMatterParser.split("\u{FEFF}---  \ntitle: A\n--- \nBody", file: "a.md").get()
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "Body")
    }

    @Test func onlyAWholeLineOfThreeDashesOrDotsClosesFrontMatter() throws {
        let split = try FrontMatterParser.split("---\t\ntitle: A\n----\nnote: --- x\n---x\n...\t\nBody ---\n---\n", file: "a.md").get()
        #expect(split.yaml == "title: A\n----\nnote: --- x\n---x\n")
        #expect(split.body == "Body ---\n---\n")
        #expect(split.bodyFirstLine == 7)
        // The opening line must be exactly `---` too.
        #expect(try FrontMatterParser.split("---\ta\ntitle: A\n", file: "a.md").get().yaml == nil)
        #expect(try FrontMatterParser.split("--- \u{301}\n---\nBody", file: "a.md").get().yaml == nil)
        #expect(try FrontMatterParser.split("---\n---\nBody", file: "a.md").get() == .init(yaml: "", body: "Body", bodyFirstLine: 3))
    }

    @Test func windowsLineBreaksAreReadAsLineBreaks() {
        #expect("---\r\ntitle: A\r\n---\rBody\r\n".normalizingLineBreaks() == "---\ntitle: A\n---\nBody\n")
        let plain = "---\ntitle: A\n---\n"
        #expect(plain.normalizingLineBreaks() == plain)
    }

    @Test func unclosedFrontMatterIsAnError() {
        guard case .failure(let diagnostic) = FrontMatterParser.split("---\ntitle: A\nBody\n", file: "content/a.md") else {
            Issue.record("must fail")
            return
        }
        #expect(diagnostic == .error("unclosed-front-matter", at: loc(1, 1), "front matter starts here but is never closed with a line of ---"))
    }

    // MARK: Values as written

    @Test func scalarsAreReadAsWritten() throws {
        let matter = try parseFrontMatter("title: No\ntags: [yes, null, 1.0]\nsummary: 010\n").get()
        #expect(matter.title == "No")
        #expect(matter.summary == "010")
        #expect(matter.terms["tags"] == ["yes", "null", "1-0"])
    }

    @Test func allFieldsAreRead() throws {
        let matter = try parseFrontMatter("""
            title: "Bouverie Centre"
            summary: Family-inclusive training.
            audience: [carer-workers, managers]
            workforce: family-carer
            region:
              - vic
              - vic
            tags: Single Session Work
            date: 2024-02-29
            reviewed: 2026-05-01
            draft: true
            weight: -3
            slug: bouverie
            contact:
              organisation: The Bouverie Centre
              website: https://www.bouverie.org.au/
              phone: "(03) 8481 4800"
              email: info@bouverie.org.au
              address: Brunswick, Victoria
            """).get()
        #expect(matter.title == "Bouverie Centre")
        #expect(matter.terms["audience"] == ["carer-workers", "managers"])
        #expect(matter.terms["workforce"] == ["family-carer"])
        #expect(matter.terms["region"] == ["vic"])
        #expect(matter.terms["tags"] == ["single-session-work"])
        #expect(matter.date == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(matter.reviewed?.longForm == "1 May 2026")
        #expect(matter.draft)
        #expect(matter.weight == -3)
        #expect(matter.slug == "bouverie")
        #expect(matter.contact == Contact(organisation: "The Bouverie Centre", website: "https://www.bouverie.org.au/",
                                          phone: "(03) 8481 4800", email: "info@bouverie.org.au", address: "Brunswick, Victoria"))
    }

    // MARK: One test per error kind, with file, line, column and message

    @Test(arguments: [("peer-support", "peer-support"), ("a1", "a1"), ("Peer Support", "peer-support"),
                      ("-peer", "peer"), ("peer-", "peer"), ("a--b", "a-b"), ("Māori health", "māori-health"),
                      ("LGBTIQA+", "lgbtiqa"), ("1.0", "1-0"), ("---", "")])
    func openTermsBecomeKeys(value: String, key: String) {
        #expect(FrontMatterParser.termKey(forOpenValue: value) == key)
    }

    @Test func missingTitle() {
        #expect(parseFrontMatter("summary: x\n").diagnostics == [
            .error("missing-title", at: loc(2, 1), "a page needs a 'title'"),
        ])
        #expect(FrontMatterParser.parse(nil, file: "content/a.md", config: try! ConfigLoader.parse(TestHub.minimalConfig)).diagnostics == [
            .error("missing-title", at: loc(1, 1), "a page needs front matter with a title: start the file with ---, title: ..., ---"),
        ])
    }

    @Test func emptyTitle() {
        #expect(parseFrontMatter("title: \"  \"\n").diagnostics == [
            .error("empty-value", at: loc(2, 8), "'title' must not be empty"),
        ])
    }

    @Test func titleMustBeSingleValue() {
        #expect(parseFrontMatter("title: [a, b]\n").diagnostics == [
            .error("wrong-type", at: loc(2, 8), "'title' must be a single value, not a list"),
        ])
    }

    @Test func unknownFieldSuggestsTheClosest() {
        #expect(parseFrontMatter("title: A\nreviwed: 2026-01-01\n").diagnostics == [
            .error("unknown-field", at: loc(3, 1), "unknown field 'reviwed' in front matter (did you mean 'reviewed'?)"),
        ])
    }

    @Test func unknownTermInClosedVocabulary() {
        #expect(parseFrontMatter("title: A\naudience: [managers, carers]\n").diagnostics == [
            .error("unknown-term", at: loc(3, 22), "unknown audience 'carers' (did you mean 'carer-workers'?)"),
        ])
        let far = parseFrontMatter("title: A\nworkforce: zzz\n").diagnostics
        #expect(far.first?.message == "unknown workforce 'zzz'; signpost.yml allows: consumer, family-carer")
        #expect(far.first?.location == loc(3, 12))
    }

    @Test func listItemsMustBeSingleValues() {
        #expect(parseFrontMatter("title: A\ntags:\n  - [a, b]\n").diagnostics == [
            .error("wrong-type", at: loc(4, 5), "each item of 'tags' must be a single value, not a list"),
        ])
        #expect(parseFrontMatter("title: A\nregion:\n  vic: yes\n").diagnostics == [
            .error("wrong-type", at: loc(4, 3), "'region' must be a list or a single value, not a set of fields"),
        ])
    }

    @Test func datesMustBeRealYYYYMMDD() {
        #expect(parseFrontMatter("title: A\ndate: 2026-02-30\nreviewed: 1/3/2026\n").diagnostics == [
            .error("invalid-date", at: loc(3, 7), "'date' must be a date written YYYY-MM-DD (such as 2026-03-01), not '2026-02-30'"),
            .error("invalid-date", at: loc(4, 11), "'reviewed' must be a date written YYYY-MM-DD (such as 2026-03-01), not '1/3/2026'"),
        ])
    }

    @Test func draftMustBeTrueOrFalse() {
        #expect(parseFrontMatter("title: A\ndraft: yes\n").diagnostics == [
            .error("wrong-type", at: loc(3, 8), "'draft' must be true or false, not 'yes'"),
        ])
    }

    @Test func weightMustBeWholeNumber() {
        #expect(parseFrontMatter("title: A\nweight: 1.5\n").diagnostics == [
            .error("wrong-type", at: loc(3, 9), "'weight' must be a whole number, not '1.5'"),
        ])
    }

    @Test(arguments: [
        ("../escape", "it contains '/', which separates folders"),
        (".hidden", "it starts with '.', which hosts hide"),
        ("..", "'..' would point outside its folder"),
        ("a/b", "it contains '/', which separates folders"),
        ("\"a\\u0007b\"", "it contains a control character"),
        ("\"\"", "it is empty"),
        ("what?", "it contains '?', which has a meaning in URLs"),
    ])
    func unsafeSlugs(slug: String, problem: String) {
        #expect(parseFrontMatter("title: A\nslug: \(slug)\n").diagnostics == [
            .error("unsafe-slug", at: loc(3, 7), "'slug' cannot be used as part of a URL: \(problem)"),
        ])
    }

    @Test func slugsAreWrittenTheWayFileNamesBecomeURLs() throws {
        #expect(try parseFrontMatter("title: A\nslug: My Page\n").get().slug == "my-page")
        #expect(try parseFrontMatter("title: A\nslug: \" About \"\n").get().slug == "about")
    }

    @Test(arguments: ["\"ab\\u202Ecd\"", "\"x\\u200By\"", "\"x\\uFEFFy\""])
    func invisibleCharactersInSlugsAreRefused(_ slug: String) {
        let found = parseFrontMatter("title: A\nslug: \(slug)\n").diagnostics
        #expect(found.map(\.code) == ["unsafe-slug"])
        #expect(found.first?.message.contains("invisible character") == true)
    }

    @Test func sectionIndexesTakeOnlySectionFields() {
        let config = try! ConfigLoader.parse(TestHub.minimalConfig)
        let found = FrontMatterParser.parse("title: S\nslug: renamed\naudience: managers\nweight: 2\n", file: "content/a.md",
                                            config: config, isSection: true).diagnostics
        #expect(found == [
            .error("unknown-field", at: loc(3, 1), "unknown field 'slug' in a section's _index.md"),
            .error("unknown-field", at: loc(4, 1), "unknown field 'audience' in a section's _index.md"),
        ])
    }

    @Test func duplicateKeys() {
        #expect(parseFrontMatter("title: A\nsummary: B\ntitle: C\n").diagnostics == [
            .error("duplicate-key", at: loc(4, 1), "duplicate field 'title' (first set on line 2); give each field once"),
        ])
    }

    @Test func contactValuesAreChecked() {
        let found = parseFrontMatter("""
            title: A
            contact:
              website: javascript:alert(1)
              email: "x@y.org?bcc=z@w.org"
              phone: call us
              fax: 123
            """).diagnostics
        #expect(found == [
            .error("invalid-email", at: loc(5, 10), "contact 'email' must be an address such as info@example.org, not 'x@y.org?bcc=z@w.org'"),
            .error("invalid-phone", at: loc(6, 10), "contact 'phone' must be a phone number (digits, spaces, +, - and brackets), not 'call us'"),
            .error("invalid-url", at: loc(4, 12), "contact 'website' must be an https:// or http:// address, not 'javascript:alert(1)'"),
            .error("unknown-field", at: loc(7, 3), "unknown field 'fax' in contact"),
        ].sortedByLocation())
    }

    @Test func invalidYAMLIsReportedAtItsPlace() {
        let found = parseFrontMatter("title: A\nsummary: Note: this\n").diagnostics
        #expect(found.count == 1)
        #expect(found.first?.code == "invalid-yaml")
        #expect(found.first?.location.line == 3)
    }

    @Test func everyProblemInAFileIsReported() {
        let found = parseFrontMatter("title: [x]\naudience: nobody\ndate: soon\nweight: heavy\ncolour: red\n").diagnostics
        #expect(found.map(\.code).sorted() == ["invalid-date", "unknown-field", "unknown-term", "wrong-type", "wrong-type"])
    }

    // MARK: Whole files

    @Test func nonUTF8FileIsAnErrorAtTheBadByte() throws {
        let config = try ConfigLoader.parse(TestHub.minimalConfig)
        let file = SourceFile(kind: .page, path: "content/a.md", components: ["a.md"], url: URL(fileURLWithPath: "/nonexistent"))
        var bytes = Array("---\ntitle: Caf".utf8)
        bytes.append(0xE9) // Latin-1 é
        bytes += Array("\n---\n".utf8)
        let result = ContentParser.parse(Data(bytes), file: file, config: config)
        #expect(result.page == nil)
        #expect(result.diagnostics.first?.code == "not-utf8")
        #expect(result.diagnostics.first?.location == loc(2, 11))
    }

    @Test func bodyLinesAreOffsetPastFrontMatter() throws {
        let config = try ConfigLoader.parse(TestHub.minimalConfig)
        let file = SourceFile(kind: .page, path: "content/a.md", components: ["a.md"], url: URL(fileURLWithPath: "/nonexistent"))
        let text = "---\r\ntitle: A\r\nsummary: B\r\n---\r\n\r\n## Heading\r\n\r\nSee [x](b.md).\r\n"
        let parsed = try #require(ContentParser.parse(Data(text.utf8), file: file, config: config).page)
        #expect(parsed.bodyFirstLine == 5)
        let body = MarkdownRenderer.render(parsed.markdown, firstLine: parsed.bodyFirstLine)
        #expect(body.headings.first?.line == 6)
        #expect(body.links.first?.line == 8)
    }
}
