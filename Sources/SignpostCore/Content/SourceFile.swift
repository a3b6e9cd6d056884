import Foundation

/// A file found under `content/`, before it is read.
public struct SourceFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A Markdown page (`training/bouverie.md`).
        case page
        /// A section's `_index.md` (the home page's is `content/_index.md`).
        case sectionIndex
        /// Any other file in `content/` (an image, a PDF), copied beside its pages.
        case asset
        /// A file in `static/`, copied to the same path under the site's root.
        case staticFile
    }

    public var kind: Kind
    /// Relative to the hub's root, with `/` separators: `content/training/bouverie.md`.
    public var path: String
    /// Relative to `content/` (or `static/`): `["training", "bouverie.md"]`.
    public var components: [String]
    /// The file's path on disk.
    public var fullPath: String
    public var url: URL { URL(fileURLWithPath: fullPath, isDirectory: false) }

    public init(kind: Kind, path: String, components: [String], url: URL) {
        self.init(kind: kind, path: path, components: components, fullPath: url.path)
    }

    init(kind: Kind, path: String, components: [String], fullPath: String) {
        self.kind = kind
        self.path = path
        self.components = components
        self.fullPath = fullPath
    }

    /// The folders between `content/` and the file: `["training"]`.
    public var folders: [String] { Array(components.dropLast()) }
    public var fileName: String { components.last ?? "" }
    /// The file name without its Markdown extension.
    public var stem: String {
        let lower = fileName.lowercased()
        for suffix in SourceFile.markdownExtensions where lower.hasSuffix(suffix) {
            return String(fileName.dropLast(suffix.count))
        }
        return fileName
    }

    /// Markdown files are pages whatever the case of their extension (`.MD` is never copied as source).
    static let markdownExtensions = [".md", ".markdown"]

    static func isMarkdown(_ name: String) -> Bool {
        let lower = name.lowercased()
        return markdownExtensions.contains { lower.hasSuffix($0) }
    }
}
