import ArgumentParser
import Foundation
import SignpostCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a page with every front matter field, ready to fill in.",
        discussion: """
            PATH is inside content/: `signpost new training/peer-course.md` creates \
            content/training/peer-course.md (`.md` is added if missing; `_index.md` makes a \
            section). The page lists the hub's audiences, workforces and regions in comments. \
            An existing file is never overwritten.
            """
    )

    @Argument(help: ArgumentHelp("Where the page goes, inside content/.", valueName: "path"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("The page's title (default: from the file name).", valueName: "title"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The hub's folder, holding signpost.yml and content/.", valueName: "dir"))
    var source: String = "."

    func run() throws {
        let root = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
        do {
            let created = try Scaffold.createPage(root: root, path: path, title: title, today: .today())
            Terminal.printError("Created \(created). Fill in its front matter, then run `signpost check`.")
        } catch {
            var formatter = DiagnosticFormatter(root: root, colour: Terminal.errorsInColour)
            Terminal.printError(formatter.format(error.diagnostics))
            throw ExitCode(1)
        }
    }
}
