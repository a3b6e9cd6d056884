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
    /// (`.git`, `.DS_Store`) are skipped; symbolic links are skipped with a warning, never
    /// followed, so nothing outside the hub can be published by accident.
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
            guard let entries = FolderListing.entries(of: folderPath) else {
                diagnostics.append(.error("unreadable", at: SourceLocation(file: display(folder)),
                                          "cannot read this folder: \(String(cString: strerror(errno)))"))
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let components = folder + [entry.name]
                let relative = display(components)
                switch entry.kind {
                case .link:
                    diagnostics.append(FolderListing.skippedLink(at: relative, in: "\(topName)/"))
                case .folder:
                    pending.append(components)
                case .file:
                    files.append(SourceFile(kind: kind(entry.name), path: relative, components: components,
                                            fullPath: folderPath + "/" + entry.name))
                case .other:
                    continue
                }
            }
        }
        return Result(files: files, diagnostics: diagnostics)
    }

    static func path(_ components: [String]) -> String {
        ([folderName] + components).joined(separator: "/")
    }
}
