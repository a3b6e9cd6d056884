import Testing
@testable import SignpostCore

@Suite struct StringFastPathsTests {
    /// The fast path (plain ASCII at both ends) and the general one agree with what
    /// `Character.isWhitespace` says about every end.
    @Test(arguments: [
        ("a.md", "a.md"), (" a.md\t", "a.md"), ("\n\n", ""), ("", ""), ("\u{A0}x\u{2003}", "x"),
        ("x\r\n", "x"), ("\u{1F}x", "\u{1F}x"), ("\u{7F}", "\u{7F}"), ("é ", "é"), (" ô", "ô"), ("a b", "a b"),
    ])
    func trimmingWhitespaceTakesOnlyWhiteSpaceOffTheEnds(_ text: String, _ expected: String) {
        #expect(String(text.trimmingWhitespace()) == expected)
        #expect(String(Substring(text).trimmingWhitespace()) == expected)
        // The same for bytes, as bodies' plain text is kept.
        #expect(MarkdownRenderer.trimmingWhiteSpace(Array(text.utf8)) == Array(expected.utf8))
    }
}
