import Foundation

/// Stage 2, discover: the hub's `content/` folder -> every source file, sorted by path.
public enum ContentDiscovery {
    public static let folderName = "content"

    public struct Result: Sendable {
        public var files: [SourceFile]
        public var diagnostics: [Diagnostic]
    }

    /// Walks `content/` under `root`. Hidden files and folders (`.git`, `.DS_Store`) are skipped;
    /// symbolic links are refused, so nothing outside the hub can be published by accident.
    public static func discover(root: URL) -> Result {
        let contentURL = root.appendingPathComponent(folderName, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Result(files: [], diagnostics: [.error("missing-content", at: SourceLocation(file: folderName),
                                                          "no content/ folder in \(root.path): pages live in content/ as Markdown files")])
        }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        var pending: [[String]] = [[]]
        while let folder = pending.popLast() {
            let folderURL = folder.reduce(contentURL) { $0.appendingPathComponent($1, isDirectory: true) }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folderURL.path)
            } catch {
                diagnostics.append(.error("unreadable", at: SourceLocation(file: path(folder)), "cannot read this folder: \(error.localizedDescription)"))
                continue
            }
            for name in names where !name.hasPrefix(".") {
                let components = folder + [name]
                let url = folderURL.appendingPathComponent(name)
                let relative = path(components)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                      let type = attributes[.type] as? FileAttributeType else { continue }
                switch type {
                case .typeSymbolicLink:
                    diagnostics.append(.error("symlink", at: SourceLocation(file: relative),
                                              "symbolic links are not followed; copy the file into content/ instead"))
                case .typeDirectory:
                    pending.append(components)
                case .typeRegular:
                    let kind: SourceFile.Kind = name == "_index.md" ? .sectionIndex : name.hasSuffix(".md") ? .page : .asset
                    files.append(SourceFile(kind: kind, path: relative, components: components, url: url))
                default:
                    continue
                }
            }
        }
        files.sort { $0.path < $1.path }
        return Result(files: files, diagnostics: diagnostics)
    }

    static func path(_ components: [String]) -> String {
        ([folderName] + components).joined(separator: "/")
    }
}
