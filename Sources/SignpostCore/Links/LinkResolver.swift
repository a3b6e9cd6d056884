import Foundation

/// Decides where every link in a page's Markdown points: the one place link policy lives.
///
/// - Relative links to `.md` files (and `_index.md`) become the target's URL, `#fragment` kept.
/// - Other relative links (images, PDFs beside the page) become the copied file's site path, since
///   a page's URL is one folder deeper than its source.
/// - `/about/` is taken from the site's root and given the base URL's path.
/// - `http(s)` links leave the site; `mailto:` and `tel:` stay; any other scheme is an error.
struct LinkResolver: Sendable {
    /// A page or section that links can point to.
    enum Target: Sendable, Hashable {
        case page(Int)
        case section(Int)
    }

    enum Resolution: Sendable, Equatable {
        case keep
        /// A place in the site; `target` and `fragment` are checked once every page has its heading ids.
        case local(url: String, target: Target?, fragment: String?)
        case external(ExternalURL)
        case problem(code: String, message: String)
    }

    let basePath: String
    /// Source path (`content/training/bouverie.md`) of every page and section index.
    let targets: [String: Target]
    let targetURLs: [Target: String]
    /// Section folders (`["training"]`), for links to a folder.
    let sectionsByFolders: [[String]: Int]
    /// Output paths of files copied from `content/` and `static/` (`training/chart.png`).
    let copiedFiles: Set<String>

    init(graph: ContentGraph, config: SiteConfig) {
        basePath = config.baseURL.path
        var targets: [String: Target] = [:]
        var urls: [Target: String] = [:]
        var folders: [[String]: Int] = [:]
        // By index: iterating the pages would copy each one.
        for index in graph.pages.indices {
            targets[graph.pages[index].source.path] = .page(index)
            urls[.page(index)] = graph.pages[index].url
        }
        for (index, section) in graph.sections.enumerated() {
            if let source = section.source { targets[source.path] = .section(index) }
            urls[.section(index)] = section.url
            folders[section.folders] = index
        }
        self.targets = targets
        targetURLs = urls
        sectionsByFolders = folders
        copiedFiles = Set(graph.assets.map { asset in
            (asset.kind == .staticFile ? asset.folders : asset.folders.map(URLPath.segment)).appending(asset.fileName).joined(separator: "/")
        })
    }

    func resolve(_ link: RenderedMarkdown.Link, from source: SourceFile, this: Target) -> Resolution {
        let destination = link.destination.trimmingWhitespace()
        if destination.isEmpty { return .keep }
        let bytes = destination.utf8
        let first = bytes.first
        let startsWithTwoSlashes = first == UInt8(ascii: "/") && bytes.dropFirst().first == UInt8(ascii: "/")
        if first == UInt8(ascii: "#") {
            return .local(url: String(destination), target: this, fragment: String(destination.dropFirst()).removingPercentEncodingSafely)
        }
        if startsWithTwoSlashes {
            return ExternalURL("https:" + destination).map(Resolution.external) ?? unsupported(String(destination))
        }
        if let scheme = Self.scheme(of: destination) {
            switch scheme {
            case "http", "https":
                guard let url = ExternalURL(String(destination)) else {
                    return .problem(code: "bad-link", message: "'\(destination)' is not a web address a reader can follow (no host, or a user name before @)")
                }
                return .external(url)
            case "mailto", "tel":
                return .keep
            case "data" where link.isImage && Self.safeDataImages.contains { destination.lowercased().hasPrefix($0) }:
                return .keep
            default:
                return unsupported(String(destination))
            }
        }
        if first == UInt8(ascii: "/") {
            return .local(url: basePath + destination.dropFirst(), target: nil, fragment: nil)
        }
        return resolveRelative(String(destination), from: source)
    }

    /// The inline images cmark's safe mode lets through (SVG can carry scripts).
    static let safeDataImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]

    private func unsupported(_ destination: String) -> Resolution {
        .problem(code: "unsafe-link", message: Self.unsupportedMessage(destination))
    }

    static func unsupportedMessage(_ destination: String) -> String {
        let shown = destination.count > 60 ? String(destination.prefix(60)) + "…" : destination
        return "links may point to pages, files, http(s) addresses, mailto: or tel:, not '\(shown)'"
    }

    /// Whether a link outside content (the crisis banner's) goes where `resolve` would let a body
    /// link go: a path on the site, or an http(s), mailto: or tel: address.
    static func isFollowable(_ destination: String) -> Bool {
        let trimmed = destination.trimmingWhitespace()
        guard !trimmed.isEmpty else { return false }
        guard let scheme = scheme(of: trimmed) else { return true }
        return ["http", "https", "mailto", "tel"].contains(scheme)
    }

    private func resolveRelative(_ destination: String, from source: SourceFile) -> Resolution {
        // Found among the UTF-8 bytes: `Substring.firstIndex(of:)` would step through Characters.
        var pathPart = Substring(destination)
        var fragment: String?
        if let hash = pathPart.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(pathPart[pathPart.utf8.index(after: hash)...]).removingPercentEncodingSafely
            pathPart = pathPart[..<hash]
        }
        var query = ""
        if let question = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(pathPart[question...])
            pathPart = pathPart[..<question]
        }
        let path = String(pathPart).removingPercentEncodingSafely
        let suffix = fragment.map { "#" + $0.addingPercentEncodingForFragment } ?? ""
        // Resolve against the source's folder (static files: the top), inside content/.
        let folder = source.kind == .staticFile ? ContentDiscovery.folderName
            : String(source.path[..<source.path.utf8.lastIndex(of: UInt8(ascii: "/"))!])
        guard let sourcePath = Self.joinedPath(path, inFolder: folder) else {
            return .problem(code: "broken-link", message: "'\(destination)' points outside content/")
        }
        let slash = sourcePath.utf8.lastIndex(of: UInt8(ascii: "/"))
        let last = slash.map { String(sourcePath[sourcePath.utf8.index(after: $0)...]) } ?? ""
        if SourceFile.isMarkdown(last) {
            guard let target = targets[sourcePath], let url = targetURLs[target] else {
                // Suggest a page in the same folder with a similar file name.
                let folder = String(sourcePath[...slash!])
                let names = targets.keys.filter { $0.hasPrefix(folder) && !$0.dropFirst(folder.count).contains("/") }
                    .map { String($0.dropFirst(folder.count)) }
                let hint = Suggestion.hint(for: last, in: names)
                return .problem(code: "broken-link", message: "'\(destination)' links to \(sourcePath), which is not a page\(hint)")
            }
            return .local(url: url + query + suffix, target: target, fragment: fragment)
        }
        let components = sourcePath.split(separator: "/").dropFirst().map(String.init)
        if path.hasSuffix("/") || path.isEmpty || sectionsByFolders[components] != nil {
            guard let section = sectionsByFolders[components], let url = targetURLs[.section(section)] else {
                return .problem(code: "broken-link", message: "'\(destination)' links to the folder \(sourcePath)/, which is not a section")
            }
            return .local(url: url + query + suffix, target: .section(section), fragment: fragment)
        }
        let output = (components.dropLast().map(URLPath.segment) + [components.last!]).joined(separator: "/")
        guard copiedFiles.contains(output) else {
            return .problem(code: "broken-link", message: "'\(destination)' links to \(sourcePath), which does not exist")
        }
        return .local(url: basePath + URLPath.percentEncoded(output) + query + suffix, target: nil, fragment: nil)
    }

    /// `path` resolved against `folder` (`content/training`), segment by segment on its bytes:
    /// `../networks/b.md` -> `content/networks/b.md`, `.` and empty segments skipped; nil if it
    /// climbs above the folder's first component (`content`).
    static func joinedPath(_ path: String, inFolder folder: String) -> String? {
        var result = Array(folder.utf8)
        let top = result.firstIndex(of: UInt8(ascii: "/")) ?? result.count
        for segment in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.elementsEqual([UInt8(ascii: ".")]) { continue }
            if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                guard result.count > top else { return nil }
                result.removeSubrange(result.lastIndex(of: UInt8(ascii: "/"))!...)
                continue
            }
            result.append(UInt8(ascii: "/"))
            result.append(contentsOf: segment)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The lower-cased scheme of `text` (`https` in `HTTPS://x`), or nil for a relative reference.
    static func scheme(of text: Substring) -> String? {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let candidate = bytes[..<colon]
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = candidate.first, isLetter(first), candidate.allSatisfy({ byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }) else { return nil }
        return Substring(candidate).lowercased()
    }
}

extension String {
    /// Percent-decoded, or unchanged when the text is not valid percent-encoding.
    var removingPercentEncodingSafely: String {
        // Foundation's decoder is slow on Linux, and most links have nothing to decode.
        guard containsByte(UInt8(ascii: "%")) else { return self }
        return removingPercentEncoding ?? self
    }

    /// Encoded for use after `#` in a URL.
    var addingPercentEncodingForFragment: String {
        addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? self
    }
}

private extension Array {
    func appending(_ element: Element) -> [Element] { self + [element] }
}
