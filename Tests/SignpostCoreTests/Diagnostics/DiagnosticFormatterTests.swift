import Foundation
import Testing
@testable import SignpostCore

@Suite struct DiagnosticFormatterTests {
    @Test func printsTheSourceLineAndACaretEvenWithWindowsLineEndings() throws {
        let hub = try TestHub(["content/a.md": "---\r\ntitle: A\r\naudience: [managers, carers]\r\n---\r\n"])
        defer { hub.remove() }
        var formatter = DiagnosticFormatter(root: hub.root)
        let diagnostic = Diagnostic.error("unknown-term", at: SourceLocation(file: "content/a.md", line: 3, column: 22),
                                          "unknown audience 'carers' (did you mean 'carer-workers'?)")
        #expect(formatter.format([diagnostic]) == """
            content/a.md:3:22: error[unknown-term]: unknown audience 'carers' (did you mean 'carer-workers'?)
                audience: [managers, carers]
                                     ^
            1 error
            """)
    }

    @Test func controlCharactersFromFileNamesAndValuesArePrintedAsEscapes() throws {
        var formatter = DiagnosticFormatter(root: URL(fileURLWithPath: "/nonexistent"))
        let diagnostic = Diagnostic.error("unknown-term", at: SourceLocation(file: "content/\u{1B}[2Jclear.md", line: 2, column: 11),
                                          "unknown audience '\u{1B}]0;x\u{07}red\nline \u{202E}txt.exe\u{9B}'")
        let text = formatter.format(diagnostic)
        #expect(text == "content/\\u{1B}[2Jclear.md:2:11: error[unknown-term]: unknown audience '\\u{1B}]0;x\\u{7}red\\u{A}line \\u{202E}txt.exe\\u{9B}'")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(DiagnosticFormatter.printable("Café\tand ☕") == "Café\\u{9}and ☕")
    }
}
