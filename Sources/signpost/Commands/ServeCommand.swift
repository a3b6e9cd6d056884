import ArgumentParser
import Foundation
import SignpostCore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the hub: build it in memory, serve it, and rebuild as you edit.",
        discussion: """
            Serves the site at its base URL's path (http://127.0.0.1:1313/ by default) and watches \
            signpost.yml, content/, static/ and themes/. Open pages reload after each rebuild; while \
            an edit has errors, every page lists them, and the server keeps running. Nothing is \
            written to disk. For previewing only: it listens on this computer alone unless --host \
            says otherwise.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The hub's folder, holding signpost.yml and content/.", valueName: "dir"))
    var source: String = "."

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    var port: Int = 1313

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let root = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
        if !DevServer.isLoopback(host) {
            Terminal.printError("warning: listening on \(host): other computers on the network can see this preview, drafts included if --drafts is set. Use the default (127.0.0.1) unless you need that.")
        }
        let options = DevServer.Options(build: BuildOptions(root: root, includeDrafts: drafts), host: host, port: UInt16(port))
        let server = DevServer(options: options)
        let colour = Terminal.errorsInColour
        do {
            try await server.run { event in
                switch event {
                case .built(let result):
                    Self.report(result, what: "Built the site", root: root, colour: colour)
                case .listening(let url):
                    Terminal.printError("Serving at \(url.absoluteString) (press Ctrl-C to stop)")
                case .rebuilt(let result, let paths):
                    let what: String
                    switch result.kind {
                    case .unchanged: return
                    case .page(let path): what = "Updated \(path)"
                    case .full: what = "Rebuilt the site (\(paths.count == 1 ? paths[0] : "\(paths.count) files") changed)"
                    }
                    Self.report(result, what: what, root: root, colour: colour)
                }
            }
        } catch {
            Terminal.printError("error: could not serve on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
    }

    private static func report(_ result: PreviewSite.Rebuild, what: String, root: URL, colour: Bool) {
        let time = result.seconds < 1 ? String(format: "%.0f ms", result.seconds * 1000) : String(format: "%.2f s", result.seconds)
        if !result.warnings.isEmpty {
            var formatter = DiagnosticFormatter(root: root, colour: colour)
            Terminal.printError(formatter.format(result.warnings))
        }
        if result.diagnostics.isEmpty {
            Terminal.printError("\(what) in \(time).")
        } else {
            var formatter = DiagnosticFormatter(root: root, colour: colour)
            Terminal.printError(formatter.format(result.diagnostics))
            Terminal.printError("\(what): the errors above show on every page until they are fixed.")
        }
    }
}
