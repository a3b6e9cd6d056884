import Testing
@testable import SignpostCore

@Suite struct MarkdownRendererTests {
    @Test func rendersWithSmartPunctuation() {
        let result = MarkdownRenderer.render("\"Peer work\" -- it's 'lived' experience...\n")
        #expect(result.html == "<p>“Peer work” – it’s ‘lived’ experience…</p>\n")
    }

    @Test func safeModeDropsRawHTMLAndDangerousURLs() {
        let result = MarkdownRenderer.render("""
            <script>alert(1)</script>

            [click](javascript:alert(1)) [v](vbscript:x) [f](file:///etc/passwd) <b onclick="x">bold</b>

            ![img](data:text/html;base64,PHNjcmlwdD4=)
            """)
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("onclick"))
        #expect(!result.html.contains("javascript:"))
        #expect(!result.html.contains("vbscript:"))
        #expect(!result.html.contains("file:"))
        #expect(!result.html.contains("data:text/html"))
        #expect(result.html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func extractsPlainTextHeadingsAndLinks() {
        let result = MarkdownRenderer.render("""
            Intro with *emphasis* and `code`.

            ## Get in **touch**

            - Call [Lifeline](tel:131114)
            - Visit [the site](https://example.org/ "Title")

            ![A chart](chart.png)
            """, firstLine: 10)
        #expect(result.plainText == "Intro with emphasis and code.\nGet in touch\nCall Lifeline\nVisit the site\nA chart")
        #expect(result.firstParagraph == "Intro with emphasis and code.")
        #expect(result.headings == [.init(level: 2, text: "Get in touch", line: 12, id: "get-in-touch")])
        #expect(result.links == [
            .init(destination: "tel:131114", text: "Lifeline", isImage: false, line: 14, column: 8),
            .init(destination: "https://example.org/", text: "the site", isImage: false, line: 15, column: 9),
            .init(destination: "chart.png", text: "A chart", isImage: true, line: 17, column: 1),
        ])
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 100_000
        let quotes = String(repeating: ">", count: depth) + " deep\n"
        let result = MarkdownRenderer.render(quotes)
        #expect(result.plainText == "deep")
        let emphasis = String(repeating: "*a ", count: depth) + String(repeating: "*", count: depth)
        let emphasisText = MarkdownRenderer.render(emphasis).plainText
        #expect(emphasisText.utf8.count >= 2 * depth)
    }

    @Test func inlineRenderingHasNoParagraph() {
        #expect(MarkdownRenderer.renderInline("Call **Lifeline** on 13 11 14.") == "Call <strong>Lifeline</strong> on 13 11 14.")
        #expect(MarkdownRenderer.renderInline("Call <b>us</b> or [x](javascript:alert(1))") == "Call <!-- raw HTML omitted -->us<!-- raw HTML omitted --> or <a href=\"\">x</a>")
    }

    @Test(arguments: ["# Call 13 11 14", "1. Call", "- Call", "    indented code", "One.\n\nTwo.", "> quote", ""])
    func inlineRenderingRefusesBlocks(_ text: String) {
        #expect(MarkdownRenderer.renderInline(text) == nil)
    }

    @Test func nestedLinksAndImagesStayLinear() {
        // Alternating links and images nest 8,000 deep; collecting each one's text must not be quadratic.
        let depth = 8_000
        let text = (0..<depth).map { $0 % 2 == 0 ? "[t " : "![t " }.joined() + String(repeating: "](x)", count: depth)
        let start = ContinuousClock.now
        let result = MarkdownRenderer.render(text)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(!result.links.isEmpty)
        #expect(result.links.allSatisfy { $0.text.utf8.count <= 300 })
    }

    @Test func linkColumnsCountCharactersNotBytes() {
        let result = MarkdownRenderer.render("Māori and ā [x](a.md)\n")
        #expect(result.links.first?.column == 13)
    }

    @Test func emptyInput() {
        #expect(MarkdownRenderer.render("") == RenderedMarkdown.empty)
    }
}
