import Testing
@testable import SignpostCore

@Suite struct HeadingIDTests {
    @Test func headingsGetUniqueStableIDs() {
        let result = MarkdownRenderer.render("## Hello *world*\n\n## Hello world\n\n### Main\n\n## Kōrero & `code`\n\n# !!!\n",
                                             options: MarkdownOptions(reservedIDs: ["main"]))
        #expect(result.headings.map(\.id) == ["hello-world", "hello-world-1", "main-1", "korero-code", "section"])
        // cmark writes custom blocks on lines of their own; whitespace inside a heading does not matter.
        #expect(result.html == """
            <h2 id="hello-world">
            Hello <em>world</em>
            </h2>
            <h2 id="hello-world-1">
            Hello world
            </h2>
            <h3 id="main-1">
            Main
            </h3>
            <h2 id="korero-code">
            Kōrero &amp; <code>code</code>
            </h2>
            <h1 id="section">
            !!!
            </h1>

            """)
    }
}
