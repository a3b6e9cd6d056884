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
    /// Written at the root of every output folder, listing every file the build wrote. A later build
    /// replaces the folder only if it holds nothing else, so files a person put there are never lost.
    public static let markerName = ".signpost-output"
    static let markerHeader = "This folder was written by signpost build, which replaces it on every build. Its files:\n"
    /// Files that desktops drop into folders people look at; they do not make a folder someone's own.
    static let ignorableNames: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini"]

    static func markerText(for plan: OutputPlan) -> String {
        markerHeader + plan.files.map { $0.path + "\n" }.joined()
    }

    /// Refuses destinations that a build must never replace: the hub itself, its sources, any folder
    /// that holds them, a symbolic link, and any non-empty folder holding files Signpost did not write.
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
        let attributes = try? FileManager.default.attributesOfItem(atPath: output.standardizedFileURL.path)
        if attributes?[.type] as? FileAttributeType == .typeSymbolicLink {
            throw refuse("it is a symbolic link; give the folder it points to (\(outputPath)) instead")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("a file with that name exists") }
        let foreign = foreignFiles(in: URL(fileURLWithPath: outputPath, isDirectory: true))
        if let first = foreign.first {
            let marker = URL(fileURLWithPath: outputPath).appendingPathComponent(markerName)
            if FileManager.default.fileExists(atPath: marker.path) {
                throw refuse("it holds files Signpost did not write (such as \(first)\(foreign.count > 1 ? " and \(foreign.count - 1) more" : "")); move them away or choose another --output")
            }
            throw refuse("the folder is not empty and was not made by Signpost (it has no \(markerName) file); move it away or choose another --output")
        }
    }

    /// Files in an existing output folder that its marker does not list (all of them if it has none).
    static func foreignFiles(in folder: URL) -> [String] {
        let markerText = (try? String(contentsOf: folder.appendingPathComponent(markerName), encoding: .utf8)) ?? ""
        let listed = Set(markerText.split(separator: "\n").dropFirst().map(String.init))
        var foreign: [String] = []
        var pending = [""]
        let base = folder.standardizedFileURL.path
        while let relative = pending.popLast() {
            guard let entries = FolderListing.entries(of: relative.isEmpty ? base : base + "/" + relative) else {
                if !relative.isEmpty { foreign.append(relative) }
                continue
            }
            for entry in entries {
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.kind == .folder {
                    pending.append(path)
                } else if path != markerName && !ignorableNames.contains(entry.name) && !listed.contains(path) {
                    foreign.append(path)
                }
            }
        }
        return foreign.sorted()
    }

    /// Renders and writes every planned file, `jobs` at a time, then publishes the result at `output`.
    /// Returns the number of bytes written.
    @discardableResult
    public static func write(_ plan: OutputPlan, to output: URL, root: URL, jobs: Int,
                             render: @escaping @Sendable (PlannedFile) throws -> [UInt8]) async throws(DiagnosticsError) -> Int {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        // Checked before the lock, so a refused destination gets nothing, not even the lock file
        // beside it. A build that runs meanwhile cannot change the answer: it leaves a folder
        // holding only its own files and their list.
        try checkDestination(output, root: root)
        // One build at a time per output folder: another build (or `serve`) waits here rather than
        // removing this one's staging folder or its previous site mid-swap.
        let lock = try lockOutput(parent: parent, name: name, root: root)
        defer { close(lock) }
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).signpost-staging-\(pid)", isDirectory: true)
        let display = displayPath(output, root: root)
        func failure(_ message: String) -> DiagnosticsError {
            DiagnosticsError([.error("write-failed", at: SourceLocation(file: display), message)])
        }

        await removeStale(in: parent, name: name, jobs: jobs)
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            await FolderRemoval.remove(staging.path, jobs: jobs)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(markerText(for: plan).utf8).write(to: staging.appendingPathComponent(markerName))
        } catch {
            await FolderRemoval.remove(staging.path, jobs: jobs)
            throw failure("cannot prepare \(staging.path): \(error.localizedDescription)")
        }

        // Files are opened relative to the staging folder, so the kernel walks only the planned path.
        let folder = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else {
            await FolderRemoval.remove(staging.path, jobs: jobs)
            throw failure("cannot open \(staging.path): \(String(cString: strerror(errno)))")
        }
        defer { close(folder) }
        let outcomes = await Parallel.map(plan.files, jobs: jobs) { file -> Result<Int, Diagnostic> in
            do {
                let bytes = try render(file)
                try writeFile(bytes, to: file.path, in: folder)
                return .success(bytes.count)
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
            await FolderRemoval.remove(staging.path, jobs: jobs)
            throw DiagnosticsError(diagnostics)
        }
        try await publish(staging, at: output, jobs: jobs, failure: failure)
        return bytes
    }

    /// Moves the finished staging folder into place, keeping the old site until the new one is there.
    private static func publish(_ staging: URL, at output: URL, jobs: Int,
                                failure: (String) -> DiagnosticsError) async throws(DiagnosticsError) {
        let manager = FileManager.default
        let old = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).signpost-old-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        let hadOutput = manager.fileExists(atPath: output.path)
        // One atomic exchange where the kernel and file system offer it: a web server reading the
        // folder never finds it missing. Otherwise the old site is moved aside first.
        if hadOutput, exchange(staging.path, output.path) {
            await FolderRemoval.remove(staging.path, jobs: jobs)
            return
        }
        if hadOutput {
            guard rename(output.path, old.path) == 0 else {
                await FolderRemoval.remove(staging.path, jobs: jobs)
                throw failure("cannot move the previous site aside: \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOutput { _ = rename(old.path, output.path) }
            await FolderRemoval.remove(staging.path, jobs: jobs)
            throw failure("cannot move the new site into place: \(reason)")
        }
        if hadOutput { await FolderRemoval.remove(old.path, jobs: jobs) }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// Linux's `renameat2`, looked up when first needed: the C library declares it only for
    /// `_GNU_SOURCE`, which Swift's Glibc module does not set.
    private static let renameAt2: RenameAt2? = dlsym(dlopen(nil, RTLD_NOW), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    /// Swaps the folders at `first` and `second` in one step (`RENAME_EXCHANGE`); false, with
    /// nothing changed, where that is not available.
    static func exchange(_ first: String, _ second: String) -> Bool {
        guard let renameAt2 else { return false }
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
        return renameAt2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }

    /// Opens and locks `.NAME.signpost-lock` beside the output folder; the lock ends when the file is closed.
    private static func lockOutput(parent: URL, name: String, root: URL) throws(DiagnosticsError) -> Int32 {
        let path = parent.appendingPathComponent(".\(name).signpost-lock").path
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticsError([.error("write-failed", at: SourceLocation(file: displayPath(parent, root: root)),
                                           "cannot create the lock file \(path): \(String(cString: strerror(errno)))")])
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        return descriptor
    }

    /// Staging and old folders left by a build that was killed part-way (the lock guarantees no
    /// other build is using them). Only folders carrying the marker are removed, and empty ones (a
    /// build killed between making its staging folder and writing the marker leaves one).
    private static func removeStale(in parent: URL, name: String, jobs: Int) async {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".\(name).signpost-staging-") || entry.hasPrefix(".\(name).signpost-old-") {
            let url = parent.appendingPathComponent(entry, isDirectory: true)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(markerName).path) {
                await FolderRemoval.remove(url.path, jobs: jobs)
            } else {
                _ = rmdir(url.path)  // fails, leaving the folder as it is, unless it is empty
            }
        }
    }

    /// Plain POSIX writes: many small files is the slow part of a build on these disks, and
    /// Foundation's `Data.write` adds work per file that this does not need. A file's folders are
    /// made when it is written, by whichever job gets there first (one `mkdir` each, mode 0777 less
    /// the umask, as FileManager does), so that work is parallel too.
    private static func writeFile(_ bytes: [UInt8], to path: String, in folder: Int32) throws {
        // Planned paths are relative and checked (`PathSafety`); an absolute one would leave the folder.
        guard !path.hasPrefix("/") else { throw POSIXError(.EINVAL) }
        // A page's `index.html` is nearly always the first file in its folder: make the folder
        // first rather than fail to open the file and try again.
        if path.hasSuffix("/index.html") { try makeFolder(parentOf: path, in: folder) }
        var descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            try makeFolder(parentOf: path, in: folder)
            descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
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

    /// Makes the folder holding `path` (relative to `folder`) and any missing folders above it.
    /// Another job making the same folder at the same moment is fine.
    private static func makeFolder(parentOf path: String, in folder: Int32) throws {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let parent = String(path[..<slash])
        if mkdirat(folder, parent, 0o777) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        try makeFolder(parentOf: parent, in: folder)
        if mkdirat(folder, parent, 0o777) != 0, errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
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
