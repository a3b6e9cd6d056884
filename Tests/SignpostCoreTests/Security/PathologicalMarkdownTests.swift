import Foundation
import Testing
@testable import SignpostCore

/// Markdown built to make parsers slow (after cmark's own pathological tests), through the whole
/// build: rendering, heading ids, link checks, phone numbers, search words and excerpts. Each body
/// is built at two sizes, a quarter-megabyte and a megabyte; linear work takes about four times as
/// long for four times the input, quadratic sixteen. The bounds are generous (timing on shared
/// machines is noisy): what they catch is work that grows with the square of the input.
@Suite(.serialized) struct PathologicalMarkdownTests {
    struct Input: Sendable, CustomTestStringConvertible {
        var name: String
        /// A body of roughly `size` bytes.
        var body: @Sendable (_ size: Int) -> String
        var testDescription: String { name }
    }

    static func repeated(_ unit: String, _ size: Int) -> String { String(repeating: unit, count: max(1, size / unit.utf8.count)) }
    static func nested(_ open: String, _ middle: String, _ close: String, _ size: Int) -> String {
        let count = max(1, size / (open.utf8.count + close.utf8.count))
        return String(repeating: open, count: count) + middle + String(repeating: close, count: count)
    }

    static let inputs: [Input] = [
        Input(name: "nested block quotes") { repeated("> ", $0) + "deep" },
        Input(name: "nested lists") { repeated("- ", $0) + "deep" },
        Input(name: "nested ordered lists") { repeated("1. ", $0) + "deep" },
        Input(name: "nested brackets") { nested("[", "a", "]", $0) },
        Input(name: "nested links") { nested("[", "a", "](b)", $0) },
        Input(name: "link openers without closers") { repeated("[a ", $0) },
        Input(name: "link closers without openers") { repeated("a] ", $0) },
        Input(name: "unclosed link destinations") { repeated("[a](<b ", $0) },
        Input(name: "image openers without closers") { repeated("![a ", $0) },
        Input(name: "nested strong emphasis") { nested("*a **a ", "b", " a** a*", $0) },
        Input(name: "emphasis openers without closers") { repeated("*a _a ", $0) },
        Input(name: "emphasis closers without openers") { repeated("a* a_ ", $0) },
        Input(name: "mismatched emphasis") { repeated("*a_ ", $0) },
        Input(name: "a long run of asterisks") { repeated("*", $0) + "a" },
        Input(name: "a long run of underscores") { "a" + repeated("_", $0) + "a" },
        Input(name: "backtick runs of growing length") { size in
            var text = "", run = 1
            while text.utf8.count < size { text += "a" + String(repeating: "`", count: run) + " "; run = run % 2_000 + 1 }
            return text
        },
        Input(name: "unclosed code spans") { repeated("`a ", $0) },
        Input(name: "a long run of backticks") { repeated("`", $0) },
        Input(name: "unclosed HTML comments") { repeated("<!-- a ", $0) },
        Input(name: "unclosed HTML tags") { repeated("<a href=\"", $0) },
        Input(name: "entity-like text") { repeated("&#x&#&", $0) },
        Input(name: "many reference definitions and uses") { size in
            let half = repeated("[r]: https://example.org/r\n", size / 2)
            return half + "\n" + repeated("[r] ", size / 2)
        },
        Input(name: "one heading text many times") { repeated("# Same heading\n\n", $0) },
        Input(name: "headings whose ids collide with numbered ones") { size in
            var text = "", index = 0
            while text.utf8.count < size { text += "# A\n\n# A-\(index)\n\n"; index += 1 }
            return text
        },
        Input(name: "many links to one page and its anchors") { repeated("[t](other.md) [u](other.md#top) [v](#here) ", $0) + "\n\n# Here\n" },
        Input(name: "many external links") { size in
            var text = "", index = 0
            while text.utf8.count < size { text += "[x](https://example.org/\(index)) "; index += 1 }
            return text
        },
        Input(name: "phone-number-like text") { repeated("1800 123 456 (03) 9000-0000 +61 ", $0) },
        Input(name: "a table with many columns") { size in
            let columns = max(2, size / 8)
            return "|" + repeated(" a |", columns * 4) + "\n|" + repeated("---|", columns * 4) + "\n|" + repeated(" b |", columns * 4) + "\n"
        },
        Input(name: "long lines of words") { repeated("word ", $0) },
        Input(name: "many short paragraphs") { repeated("a\n\n", $0) },
        Input(name: "many hard line breaks") { repeated("a  \n", $0) },
        Input(name: "NUL bytes and replacement characters") { repeated("a\u{0}\u{FFFD}", $0) },
        Input(name: "deeply indented code") { repeated("    \t", $0) + "code" },
    ]

    static func buildSeconds(_ body: String) async throws -> Double {
        let hub = try TestHub([
            "content/_index.md": page("title: Home"),
            "content/other.md": page("title: Other", body: "# Top\n"),
            "content/big.md": "---\ntitle: Big\n---\n" + body,
        ])
        defer { hub.remove() }
        let start = ContinuousClock.now
        do {
            try await hub.build()
        } catch {
            // Errors (a link in the input that goes nowhere, say) are an answer too: what matters
            // here is how long it took to give it.
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test(arguments: inputs)
    func rendersInTimeLinearInItsSize(_ input: Input) async throws {
        let small = input.body(256 * 1024), large = input.body(1024 * 1024)
        var smallSeconds = try await Self.buildSeconds(small)
        var largeSeconds = try await Self.buildSeconds(large)
        if largeSeconds >= 12 * smallSeconds + 1 {
            // Once more, keeping the better of each, so one stall of a shared machine does not decide.
            smallSeconds = min(smallSeconds, try await Self.buildSeconds(small))
            largeSeconds = min(largeSeconds, try await Self.buildSeconds(large))
        }
        print("pathological Markdown, \(input.name): \(small.utf8.count / 1024) KB in \(String(format: "%.3f", smallSeconds)) s, \(large.utf8.count / 1024) KB in \(String(format: "%.3f", largeSeconds)) s")
        #expect(largeSeconds < 12 * smallSeconds + 1, "\(input.name): \(smallSeconds) s, then \(largeSeconds) s for four times the input")
        #expect(largeSeconds < 60)
    }

    @Test func aFiveMegabytePageOfEverythingBuilds() async throws {
        var body = ""
        var index = 0
        while body.utf8.count < 5 * 1024 * 1024 {
            body += """
                ## Section \(index)

                Some *text* with **strong** words, a [link](other.md), [another](https://example.org/\(index)), \
                `code`, a phone number 1800 123 \(String(format: "%03d", index % 1000)) and an email@example.org.

                > A quote with a [reference][r].

                - a list
                  - nested
                    1. and ordered

                | a | b |
                | --- | --- |
                | c | d |


                """
            index += 1
        }
        body += "\n[r]: https://example.org/r\n"
        let seconds = try await Self.buildSeconds(body)
        print("pathological Markdown, a 5 MB page: \(String(format: "%.2f", seconds)) s")
        #expect(seconds < 120)
    }
}
