import Foundation

/// Stage 2, discover: the hub's `content/` folder -> every source file, sorted by path.
public enum ContentDiscovery {
    public static let folderName = "content"

    public struct Result: Sendable {
        public var files: [SourceFile]
        public var diagnostics: [Diagnostic]
    }

    /// Files copied to the output as they are, at the same path under the site's root.
    public static let staticFolderName = "static"

    /// Walks `content/` (required) and `static/` (optional) under `root`. Hidden files and folders
    /// (`.git`, `.DS_Store`) are skipped; symbolic links are refused, so nothing outside the hub
    /// can be published by accident.
    public static func discover(root: URL) -> Result {
        let contentURL = root.appendingPathComponent(folderName, isDirectory: true)
        guard isFolder(contentURL) else {
            return Result(files: [], diagnostics: [.error("missing-content", at: SourceLocation(file: folderName),
                                                          "no content/ folder in \(root.path): pages live in content/ as Markdown files")])
        }
        var result = walk(contentURL, named: folderName) { name in
            name.lowercased() == "_index.md" ? .sectionIndex : SourceFile.isMarkdown(name) ? .page : .asset
        }
        let staticURL = root.appendingPathComponent(staticFolderName, isDirectory: true)
        if isFolder(staticURL) {
            let statics = walk(staticURL, named: staticFolderName) { _ in .staticFile }
            result.files += statics.files
            result.diagnostics += statics.diagnostics
        }
        result.files.sort { $0.path < $1.path }
        return result
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func walk(_ top: URL, named topName: String, kind: (String) -> SourceFile.Kind) -> Result {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        var pending: [[String]] = [[]]
        let topPath = top.path
        func display(_ components: [String]) -> String { ([topName] + components).joined(separator: "/") }
        while let folder = pending.popLast() {
            let folderPath = folder.isEmpty ? topPath : topPath + "/" + folder.joined(separator: "/")
            guard let entries = listing(of: folderPath) else {
                diagnostics.append(.error("unreadable", at: SourceLocation(file: display(folder)),
                                          "cannot read this folder: \(String(cString: strerror(errno)))"))
                continue
            }
            for (name, type) in entries where !name.hasPrefix(".") {
                let components = folder + [name]
                let relative = display(components)
                let fullPath = folderPath + "/" + name
                var fileType = type
                if fileType == UInt8(DT_UNKNOWN) {
                    // Some file systems do not say in the listing: ask, without following links.
                    var info = stat()
                    guard lstat(fullPath, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFLNK: fileType = UInt8(DT_LNK)
                    case S_IFDIR: fileType = UInt8(DT_DIR)
                    case S_IFREG: fileType = UInt8(DT_REG)
                    default: continue
                    }
                }
                switch Int32(fileType) {
                case Int32(DT_LNK):
                    diagnostics.append(.error("symlink", at: SourceLocation(file: relative),
                                              "symbolic links are not followed; copy the file into \(topName)/ instead"))
                case Int32(DT_DIR):
                    pending.append(components)
                case Int32(DT_REG):
                    files.append(SourceFile(kind: kind(name), path: relative, components: components, fullPath: fullPath))
                default:
                    continue
                }
            }
        }
        return Result(files: files, diagnostics: diagnostics)
    }

    /// The names in a folder with their types as the listing gives them (`readdir`'s `d_type`),
    /// so telling files from folders and links costs no `stat` per entry on most file systems.
    /// Nil if the folder cannot be read (`errno` says why).
    private static func listing(of folder: String) -> [(name: String, type: UInt8)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type))
        }
        return entries
    }

    static func path(_ components: [String]) -> String {
        ([folderName] + components).joined(separator: "/")
    }
}
