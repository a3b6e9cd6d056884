import ArgumentParser
import Foundation
import SignpostCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new hub: a commented signpost.yml, a home page, a section and a page.",
        discussion: "DIR must be new or empty. The hub builds at once with the built-in theme."
    )

    @Argument(help: ArgumentHelp("The folder for the new hub.", valueName: "dir"))
    var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        do {
            let files = try Scaffold.createHub(at: folder, today: .today())
            Terminal.printError("Created a hub in \(directory):\n" + files.map { "  \($0)" }.joined(separator: "\n"))
            Terminal.printError("Next: edit signpost.yml, then `signpost build --source \(directory)` (or `signpost check`).")
        } catch {
            var formatter = DiagnosticFormatter(root: folder)
            Terminal.printError(formatter.format(error.diagnostics))
            throw ExitCode(1)
        }
    }
}
