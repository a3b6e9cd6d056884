import Foundation

/// Stage 4, assemble: parsed pages -> `ContentGraph`. Pure: decides URLs, builds the section tree,
/// drops drafts, sorts lists and finds two sources claiming one URL.
public enum ContentAssembler {
    public struct Result: Sendable {
        public var graph: ContentGraph
        public var diagnostics: [Diagnostic]
    }

    public static func assemble(_ parsed: [ParsedPage], assets: [SourceFile], config: SiteConfig, includeDrafts: Bool) -> Result {
        var diagnostics: [Diagnostic] = []
        let basePath = config.baseURL.path

        // Sections hidden by a draft `_index.md` hide everything beneath them.
        let draftFolders = parsed
            .filter { $0.source.kind == .sectionIndex && $0.frontMatter.draft && !includeDrafts }
            .map(\.source.folders)
        func isHidden(_ folders: [String]) -> Bool {
            draftFolders.contains { folders.starts(with: $0) }
        }

        // Folder names become URL segments; check each folder once.
        var checkedFolders = Set<[String]>()
        func folderProblems(_ folders: [String]) {
            for depth in folders.indices {
                let prefix = Array(folders[...depth])
                guard checkedFolders.insert(prefix).inserted else { continue }
                if let problem = PathSafety.problem(inSegment: URLPath.segment(prefix[depth])) {
                    diagnostics.append(.error("unsafe-path", at: SourceLocation(file: ContentDiscovery.path(prefix)),
                                              "this folder name cannot be part of a URL: \(problem)"))
                }
            }
        }

        // Pages by their place in `parsed` (copying a parsed page copies all its front matter).
        var indexes: [[String]: Int] = [:]
        var regular: [(page: Int, folders: [String])] = []
        var lastFolders: [String]?
        for index in parsed.indices {
            let folders = parsed[index].source.folders
            guard !isHidden(folders) else { continue }
            // Pages come sorted by path, so a folder's pages are together: check it once.
            if folders != lastFolders {
                folderProblems(folders)
                lastFolders = folders
            }
            if parsed[index].source.kind == .sectionIndex {
                indexes[folders] = index
            } else if includeDrafts || !parsed[index].frontMatter.draft {
                regular.append((index, folders))
            }
        }

        regular.sort { parsed[$0.page].source.path < parsed[$1.page].source.path }

        // Every folder holding a published page or an `_index.md` is a section, and so are its ancestors.
        var folderSet: Set<[String]> = [[]]
        lastFolders = nil
        for folders in Array(indexes.keys) + regular.map(\.folders) where folders != lastFolders {
            lastFolders = folders
            for depth in 0...folders.count { folderSet.insert(Array(folders.prefix(depth))) }
        }
        let folderList = folderSet.sorted { $0.lexicographicallyPrecedes($1) }
        var sectionIndex: [[String]: Int] = [:]
        var sections: [Section] = []
        for folders in folderList {
            let index = indexes[folders].map { parsed[$0] }
            let segments = folders.map(URLPath.segment)
            let outputFolder = segments.isEmpty ? "" : segments.joined(separator: "/") + "/"
            let written = index.map(\.frontMatter.title).flatMap { $0.isEmpty ? nil : $0 }
            let title = written ?? (folders.isEmpty ? config.title : Taxonomy.label(derivedFrom: folders.last!))
            sectionIndex[folders] = sections.count
            sections.append(Section(
                folders: folders, source: index?.source, title: title, summary: index?.frontMatter.summary,
                introMarkdown: index?.markdown ?? "", introFirstLine: index?.bodyFirstLine ?? 1, weight: index?.frontMatter.weight,
                url: basePath + URLPath.percentEncoded(outputFolder), outputFolder: outputFolder,
                parent: folders.isEmpty ? nil : sectionIndex[Array(folders.dropLast())],
                subsections: [], pages: [], lintIgnore: index?.frontMatter.lintIgnore ?? []))
        }

        var pages: [Page] = []
        pages.reserveCapacity(regular.count)
        for (page, folders) in regular {
            let parsedPage = parsed[page]
            if parsedPage.frontMatter.slug == nil, parsedPage.source.stem.lowercased() == "index" {
                diagnostics.append(.error("index-page", at: SourceLocation(file: parsedPage.source.path),
                                          "this page would be published at /\((folders.map(URLPath.segment) + ["index"]).joined(separator: "/"))/; to describe the folder's section, name it _index.md"))
                continue
            }
            let last = parsedPage.frontMatter.slug ?? URLPath.segment(parsedPage.source.stem)
            if parsedPage.frontMatter.slug == nil, let problem = PathSafety.problem(inSegment: last) {
                diagnostics.append(.error("unsafe-path", at: SourceLocation(file: parsedPage.source.path),
                                          "this file name cannot be part of a URL: \(problem)"))
                continue
            }
            // The section's folder is already segmented and encoded; encoding goes character by character.
            let section = sectionIndex[folders]!
            pages.append(Page(
                source: parsedPage.source, frontMatter: parsedPage.frontMatter,
                markdown: parsedPage.markdown, bodyFirstLine: parsedPage.bodyFirstLine,
                url: sections[section].url + URLPath.percentEncoded(last + "/"), outputFolder: sections[section].outputFolder + last + "/",
                section: section, summary: parsedPage.frontMatter.summary ?? "", titleKey: parsedPage.titleKey))
        }

        let (collisionDiagnostics, rejected) = collisions(pages: pages, sections: sections, config: config)
        diagnostics += collisionDiagnostics
        if !rejected.isEmpty { pages = pages.enumerated().filter { !rejected.contains($0.offset) }.map(\.element) }

        for index in pages.indices {
            sections[pages[index].section].pages.append(index)
        }
        for index in sections.indices.dropFirst() {
            sections[sections[index].parent!].subsections.append(index)
        }
        let pageKeys = pages.indices.map {
            DisplayOrder(weight: pages[$0].frontMatter.weight, foldedTitle: pages[$0].titleKey, path: pages[$0].source.path)
        }
        let sectionKeys = sections.map { DisplayOrder(weight: $0.weight, title: $0.title, path: $0.outputFolder) }
        for index in sections.indices {
            sections[index].pages.sort { pageKeys[$0] < pageKeys[$1] }
            sections[index].subsections.sort { sectionKeys[$0] < sectionKeys[$1] }
        }
        var visibleAssets: [SourceFile] = []
        for asset in assets where asset.kind == .staticFile || !isHidden(asset.folders) {
            if let problem = asset.components.lazy.compactMap({ PathSafety.problem(inSegment: $0) }).first {
                diagnostics.append(.error("unsafe-path", at: SourceLocation(file: asset.path), "this file cannot be published at a URL: \(problem)"))
            } else if asset.path.lowercased().hasSuffix(".svg"), case let found = svgProblems(asset), !found.isEmpty {
                diagnostics += found
            } else {
                visibleAssets.append(asset)
            }
        }
        return Result(graph: ContentGraph(pages: pages, sections: sections, assets: visibleAssets), diagnostics: diagnostics)
    }


    /// What `ActiveContent` finds in an SVG file (which could run script when opened on its own).
    private static func svgProblems(_ asset: SourceFile) -> [Diagnostic] {
        guard let data = ContentParser.readFile(asset.fullPath) else {
            return [.error("unreadable", at: SourceLocation(file: asset.path), "cannot read this file")]
        }
        return ActiveContent.problems(inSVG: [UInt8](data), file: asset.path)
    }

    /// Two sources with one URL, or a source on a path the generator itself needs, are errors naming
    /// both. Returns the diagnostics and the pages to leave out, so each clash is reported once.
    static func collisions(pages: [Page], sections: [Section], config: SiteConfig) -> ([Diagnostic], Set<Int>) {
        var diagnostics: [Diagnostic] = []
        var rejected = Set<Int>()
        var claimed: [String: String] = [:]
        let reserved = URLPath.reservedTopLevel(config: config)
        func claim(_ folder: String, by source: String) -> Bool {
            let top = String(folder[..<(folder.utf8.firstIndex(of: UInt8(ascii: "/")) ?? folder.endIndex)])
            if let purpose = reserved[top] {
                diagnostics.append(.error("reserved-url", at: SourceLocation(file: source),
                                          "the URL /\(folder) is reserved for \(purpose); rename this file or folder, or give the page another slug"))
                return false
            }
            if let other = claimed[folder] {
                diagnostics.append(.error("duplicate-url", at: SourceLocation(file: source),
                                          "this page has the same URL (/\(folder)) as \(other); rename one of them or give one a different slug"))
                return false
            }
            claimed[folder] = source
            return true
        }
        for section in sections where !section.isHome {
            _ = claim(section.outputFolder, by: section.source?.path ?? ContentDiscovery.path(section.folders))
        }
        for index in pages.indices where !claim(pages[index].outputFolder, by: pages[index].source.path) {
            rejected.insert(index)
        }
        return (diagnostics, rejected)
    }
}
