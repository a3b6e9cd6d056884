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
}
