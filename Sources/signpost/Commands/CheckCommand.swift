import ArgumentParser
import Foundation
import SignpostCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the hub for errors and content problems, writing nothing.",
        discussion: """
            Reports every error that would stop `signpost build`, and warns about:
            \(LintRule.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

            A page silences a warning with `lint: { ignore: [code] }` in its front matter; the \
            whole hub, with the same in signpost.yml. Exit status: 0 when there are no errors \
            (and, with --strict, no warnings), 1 otherwise.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: ArgumentHelp("The hub's folder, holding signpost.yml and content/.", valueName: "dir"))
    var source: String = "."

    @Option(name: .long, help: "text (for people, on standard error) or json (one object per line, on standard output).")
    var format: Format = .text

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Check pages marked draft: true as well.")
    var drafts = false

    func run() async throws {
        let root = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
        let report = await Builder.check(BuildOptions(root: root, includeDrafts: drafts), today: .today())
        switch format {
        case .json:
            // Nothing at all when there is nothing to report: each line is one object.
            Terminal.print(DiagnosticFormatter.jsonLines(report.diagnostics))
        case .text:
            var formatter = DiagnosticFormatter(root: root, colour: Terminal.errorsInColour)
            Terminal.printError(formatter.format(report.diagnostics, filesChecked: report.filesChecked))
        }
        let failed = report.diagnostics.contains { $0.severity == .error || strict }
        if failed { throw ExitCode(1) }
    }
}
