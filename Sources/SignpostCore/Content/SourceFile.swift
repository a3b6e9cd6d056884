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
    public var url: URL

    /// The folders between `content/` and the file: `["training"]`.
    public var folders: [String] { Array(components.dropLast()) }
    public var fileName: String { components.last ?? "" }
    /// The file name without `.md`.
    public var stem: String {
        fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
    }
}
