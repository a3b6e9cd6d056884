import Testing
@testable import SignpostCore

@Suite struct YAMLReaderTests {
    func read(_ text: String, firstLine: Int = 1) -> Result<YAMLValue?, Diagnostic> {
        YAMLReader.read(text, file: "f.yml", firstLine: firstLine)
    }

    @Test func scalarsAreStringsAsWritten() throws {
        guard case .success(.map(let entries, _)?) = read("a: NO\nb: 010\nc: 1:20\nd: null\ne: [yes, ~, 1.0]\nf: 'quoted'\n") else {
            Issue.record("expected a map")
            return
        }
        #expect(entries.map(\.key) == ["a", "b", "c", "d", "e", "f"])
        #expect(entries[0].value.text == "NO")
        #expect(entries[1].value.text == "010")
        #expect(entries[2].value.text == "1:20")
        #expect(entries[3].value.text == "null")
        if case .list(let items, _) = entries[4].value {
            #expect(items.compactMap(\.text) == ["yes", "~", "1.0"])
        } else {
            Issue.record("expected a list")
        }
        #expect(entries[5].value.text == "quoted")
    }

    @Test func positionsAreOffsetByFirstLine() throws {
        guard case .success(.map(let entries, _)?) = read("title: x\ntags:\n  - a\n", firstLine: 2) else {
            Issue.record("expected a map")
            return
        }
        #expect(entries[0].keyPosition == YAMLPosition(line: 2, column: 1))
        #expect(entries[0].value.position == YAMLPosition(line: 2, column: 8))
        if case .list(let items, _) = entries[1].value {
            #expect(items[0].position == YAMLPosition(line: 4, column: 5))
        }
    }

    @Test func aliasBombIsRefusedQuicklyAtItsLine() {
        // Nine levels of nine-fold aliases: 387 million values if expanded.
        var yaml = "title: t\na: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let start = ContinuousClock.now
        let result = read(yaml, firstLine: 2)
        let elapsed = ContinuousClock.now - start
        guard case .failure(let diagnostic) = result else {
            Issue.record("an alias bomb must be refused")
            return
        }
        #expect(diagnostic.code == "yaml-aliases")
        // The first alias whose expansion passes the limit: `e` is 9^5 = 59,049 values, on file line 7.
        #expect(diagnostic.location.line == 7)
        #expect(elapsed < .seconds(5))
    }

    @Test func modestAliasesAreFine() {
        guard case .success(.map(let entries, _)?) = read("a: &r [wa, vic]\nb: *r\n") else {
            Issue.record("expected a map")
            return
        }
        if case .list(let items, let position) = entries[1].value {
            #expect(items.compactMap(\.text) == ["wa", "vic"])
            #expect(position == YAMLPosition(line: 2, column: 1))
        } else {
            Issue.record("expected a list")
        }
    }

    @Test func duplicateKeyIsReportedAtTheSecondOccurrence() {
        guard case .failure(let diagnostic) = read("title: a\nsummary: b\ntitle: c\n", firstLine: 2) else {
            Issue.record("duplicate keys must fail")
            return
        }
        #expect(diagnostic == .error("duplicate-key", at: SourceLocation(file: "f.yml", line: 4, column: 1),
                                     "duplicate field 'title' (first set on line 2); give each field once"))
    }

    @Test func syntaxErrorHasAPlaceAndAHint() {
        guard case .failure(let diagnostic) = read("title: a\nsummary: Note: this breaks\n", firstLine: 2) else {
            Issue.record("invalid YAML must fail")
            return
        }
        #expect(diagnostic.code == "invalid-yaml")
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.message.contains("must be in quotes"))
    }

    @Test func emptyDocumentIsNil() {
        guard case .success(let value) = read("") else {
            Issue.record("empty YAML is fine")
            return
        }
        #expect(value == nil)
    }
}
