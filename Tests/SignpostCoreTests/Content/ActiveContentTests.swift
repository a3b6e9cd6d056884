import Testing
@testable import SignpostCore

@Suite struct ActiveContentTests {
    /// Every problem of a large hostile file is placed, in time linear in the file (lines are
    /// counted once, not once per problem).
    @Test(.timeLimit(.minutes(1)))
    func everyProblemOfAHugeFileIsPlaced() {
        let lines = 30_000
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n"
            + String(repeating: "  <rect width=\"1\" onclick=\"x()\"/>\n", count: lines) + "</svg>\n"
        let problems = ActiveContent.problems(inSVG: Array(svg.utf8), file: "content/a.svg")
        #expect(problems.count == lines)
        #expect(problems.first?.location == SourceLocation(file: "content/a.svg", line: 2, column: 19))
        #expect(problems.last?.location == SourceLocation(file: "content/a.svg", line: lines + 1, column: 19))
        #expect(problems.allSatisfy { $0.code == "active-content" && $0.message.contains("an event handler (onclick)") })
    }
}
