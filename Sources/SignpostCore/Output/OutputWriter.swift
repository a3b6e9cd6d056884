import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 8, write: renders the plan into a staging folder beside the output folder, then swaps it
/// in. A failed build leaves the previous site as it was, and no folder Signpost did not make is
/// ever replaced or deleted.
public enum OutputWriter {
    /// Written at the root of every output folder; its presence is what allows a later build to replace it.
    public static let markerName = ".signpost-output"
    static let markerText = "This folder was written by signpost build, which replaces it on every build.\n"

    /// Refuses destinations that a build must never replace: the hub itself, its sources, any folder
    /// that holds them, and any non-empty folder without Signpost's marker.
    public static func checkDestination(_ output: URL, root: URL) throws(DiagnosticsError) {
        let outputPath = resolved(output)
        let rootPath = resolved(root)
        let display = displayPath(output, root: root)
        func refuse(_ reason: String) -> DiagnosticsError {
            DiagnosticsError([.error("unsafe-output", at: SourceLocation(file: display), "refusing to write the site here: \(reason)")])
        }
        if outputPath == "/" { throw refuse("it is the root of the file system") }
        if outputPath == rootPath || (rootPath + "/").hasPrefix(outputPath + "/") {
            throw refuse("it is the hub's own folder or contains it; choose a folder such as site/")
        }
        for protected in [ContentDiscovery.folderName, "themes", "static"] {
            let protectedPath = rootPath + "/" + protected
            if outputPath == protectedPath || outputPath.hasPrefix(protectedPath + "/") {
                throw refuse("it is inside \(protected)/, which holds the hub's sources")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("a file with that name exists") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputPath)) ?? []
        if !entries.isEmpty && !entries.contains(markerName) {
            throw refuse("the folder is not empty and was not made by Signpost (it has no \(markerName) file); move it away or choose another --output")
        }
    }

    /// Renders and writes every planned file, `jobs` at a time, then publishes the result at `output`.
    /// Returns the number of bytes written.
    @discardableResult
    public static func write(_ plan: OutputPlan, to output: URL, root: URL, jobs: Int,
                             render: @escaping @Sendable (PlannedFile) throws -> Data) async throws(DiagnosticsError) -> Int {
        try checkDestination(output, root: root)
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).signpost-staging-\(pid)", isDirectory: true)
        let display = displayPath(output, root: root)
        func failure(_ message: String) -> DiagnosticsError {
            DiagnosticsError([.error("write-failed", at: SourceLocation(file: display), message)])
        }

        removeStale(in: parent, name: name)
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(markerText.utf8).write(to: staging.appendingPathComponent(markerName))
            var folders = Set<String>()
            for file in plan.files {
                var components = file.path.split(separator: "/").dropLast()
                while !components.isEmpty, folders.insert(components.joined(separator: "/")).inserted {
                    components = components.dropLast()
                }
            }
            for folder in folders.sorted() {
                try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder, isDirectory: true),
                                                        withIntermediateDirectories: true)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw failure("cannot prepare \(staging.path): \(error.localizedDescription)")
        }

        let stagingPath = staging.path
        let outcomes = await Parallel.map(plan.files, jobs: jobs) { file -> Result<Int, Diagnostic> in
            do {
                let data = try render(file)
                try writeFile(data, to: stagingPath + "/" + file.path)
                return .success(data.count)
            } catch {
                return .failure(.error("write-failed", at: SourceLocation(file: file.origin), "cannot write \(file.path): \(error)"))
            }
        }
        var bytes = 0
        var diagnostics: [Diagnostic] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let count): bytes += count
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        if !diagnostics.isEmpty {
            try? FileManager.default.removeItem(at: staging)
            throw DiagnosticsError(diagnostics)
        }
        try publish(staging, at: output, failure: failure)
        return bytes
    }

    /// Moves the finished staging folder into place, keeping the old site until the new one is there.
    private static func publish(_ staging: URL, at output: URL, failure: (String) -> DiagnosticsError) throws(DiagnosticsError) {
        let manager = FileManager.default
        let old = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).signpost-old-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        let hadOutput = manager.fileExists(atPath: output.path)
        if hadOutput {
            guard rename(output.path, old.path) == 0 else {
                try? manager.removeItem(at: staging)
                throw failure("cannot move the previous site aside: \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOutput { _ = rename(old.path, output.path) }
            try? manager.removeItem(at: staging)
            throw failure("cannot move the new site into place: \(reason)")
        }
        if hadOutput { try? manager.removeItem(at: old) }
    }

    /// Staging and old folders left by a build that was killed part-way. Only folders carrying the
    /// marker are removed.
    private static func removeStale(in parent: URL, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".\(name).signpost-staging-") || entry.hasPrefix(".\(name).signpost-old-") {
            let url = parent.appendingPathComponent(entry, isDirectory: true)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(markerName).path) {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }

    /// Plain POSIX writes: many small files is the slow part of a build on these disks, and
    /// Foundation's `Data.write` adds work per file that this does not need.
    private static func writeFile(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    static func resolved(_ url: URL) -> String {
        var path = url.standardizedFileURL.resolvingSymlinksInPath().path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The output folder as the user would name it: relative to the hub when inside it.
    static func displayPath(_ output: URL, root: URL) -> String {
        let outputPath = resolved(output)
        let rootPath = resolved(root)
        if outputPath.hasPrefix(rootPath + "/") { return String(outputPath.dropFirst(rootPath.count + 1)) + "/" }
        return outputPath + "/"
    }
}
