import ArgumentParser
import Foundation
import SignpostCore

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the hub into a static site.",
        discussion: """
            Reads signpost.yml, content/ and the theme, and writes the site to the output folder \
            (site/ in the hub by default). Every problem is reported, with its file, line and \
            column; if there is any, nothing is written and the previous site stays as it was.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The hub's folder, holding signpost.yml and content/.", valueName: "dir"))
    var source: String = "."

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: site/ in the hub).", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Publish at this address instead of the config's base_url.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("How many files to process at once (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Print how long each stage of the build took.")
    var timings = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let baseURL, case .failure(let error) = BaseURL.parse(baseURL) {
            throw ValidationError("--base-url \(error.message), not '\(baseURL)'")
        }
    }

    func run() async throws {
        let root = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
        let outputURL = output.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        var options = BuildOptions(root: root, output: outputURL, baseURL: baseURL, includeDrafts: drafts)
        if let jobs { options.jobs = jobs }
        do {
            let report = try await Builder.build(options)
            if !report.warnings.isEmpty {
                var formatter = DiagnosticFormatter(root: root, colour: Terminal.errorsInColour)
                Terminal.printError(formatter.format(report.warnings))
            }
            let seconds = String(format: "%.2f", report.totalSeconds)
            let megabytes = String(format: "%.1f", Double(report.bytes) / 1_000_000)
            Terminal.printError("Built \(report.pages) pages and \(report.sections) sections (\(report.files) files, \(megabytes) MB) into \(options.outputFolder.path) in \(seconds) s.")
            if timings {
                Terminal.printError("  \("stage".padding(toLength: 32, withPad: " ", startingAt: 0))    wall       cpu")
                for stage in report.stages {
                    Terminal.printError("  \(stage.name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(format: "%7.3f s %7.3f s", stage.seconds, stage.cpuSeconds))")
                }
            }
        } catch {
            var formatter = DiagnosticFormatter(root: root, colour: Terminal.errorsInColour)
            Terminal.printError(formatter.format(error.diagnostics))
            Terminal.printError("The site was not written; the previous one, if any, is unchanged.")
            throw ExitCode(1)
        }
    }
}

enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
    static var errorsInColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
