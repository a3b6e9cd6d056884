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
        #expect(result.headings == [.init(level: 2, text: "Get in touch", line: 12)])
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
        #expect(!MarkdownRenderer.render(emphasis).html.isEmpty)
    }

    @Test func inlineRenderingHasNoParagraph() {
        #expect(MarkdownRenderer.renderInline("Call **Lifeline** on 13 11 14.") == "Call <strong>Lifeline</strong> on 13 11 14.")
    }

    @Test func emptyInput() {
        #expect(MarkdownRenderer.render("") == RenderedMarkdown.empty)
    }
}
