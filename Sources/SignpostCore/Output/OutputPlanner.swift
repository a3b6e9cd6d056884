/// Stage 6, plan: the content graph and theme -> every file to write. Pure; finds two things
/// claiming one output file.
public enum OutputPlanner {
    public static func plan(_ graph: ContentGraph, theme: Theme, config: SiteConfig) -> (OutputPlan, [Diagnostic]) {
        var files: [PlannedFile] = []
        for (index, section) in graph.sections.enumerated() {
            let count = pageCount(section.pages.count, config.paginate)
            let origin = section.source?.path ?? ContentDiscovery.path(section.folders)
            for number in 1...count {
                files.append(PlannedFile(path: listFolder(section.outputFolder, number: number) + "index.html",
                                         kind: .sectionList(section: index, number: number, count: count), origin: origin))
            }
        }
        for (taxonomyIndex, taxonomy) in graph.taxonomies.enumerated() where !taxonomy.terms.isEmpty {
            let origin = "taxonomy '\(taxonomy.taxonomy.name)' in \(ConfigLoader.fileName)"
            files.append(PlannedFile(path: taxonomy.outputFolder + "index.html", kind: .taxonomy(taxonomyIndex), origin: origin))
            for (termIndex, term) in taxonomy.terms.enumerated() {
                let count = pageCount(term.pages.count, config.paginate)
                for number in 1...count {
                    files.append(PlannedFile(path: listFolder(term.outputFolder, number: number) + "index.html",
                                             kind: .term(taxonomy: taxonomyIndex, term: termIndex, number: number, count: count), origin: origin))
                }
            }
        }
        for (index, notice) in graph.leaveNotices.enumerated() {
            files.append(PlannedFile(path: notice.outputFolder + "index.html", kind: .leaveNotice(index),
                                     origin: "the leave-site notice for \(notice.destination.normalized)"))
        }
        var generated: [(String, PlannedFile.Kind)] = [
            ("a-z/index.html", .alphabetical), ("404.html", .notFound), ("sitemap.xml", .sitemap),
            ("feed.xml", .feed), ("robots.txt", .robots), ("_headers", .headers),
            ("search/index.html", .searchPage), ("search.json", .searchIndex),
        ]
        if config.quickExit.enabled { generated.append(("browsing-safely/index.html", .browsingSafely)) }
        for (path, kind) in generated {
            files.append(PlannedFile(path: path, kind: kind, origin: "the generated \(path)"))
        }
        for (index, page) in graph.pages.enumerated() {
            files.append(PlannedFile(path: page.outputFolder + "index.html", kind: .page(index), origin: page.source.path))
        }
        for asset in graph.assets {
            // Content files sit beside their pages, whose folders are lower-cased; static files keep their paths.
            let folders = asset.kind == .staticFile ? asset.folders : asset.folders.map(URLPath.segment)
            files.append(PlannedFile(path: (folders + [asset.fileName]).joined(separator: "/"), kind: .copy(asset.url), origin: asset.path))
        }
        for (path, source) in theme.assets {
            files.append(PlannedFile(path: "assets/" + path, kind: .themeAsset(source), origin: "theme asset assets/\(path)"))
        }

        var diagnostics: [Diagnostic] = []
        var seen: [String: String] = [:]
        var unique: [PlannedFile] = []
        for file in files {
            if let other = seen[file.path] {
                diagnostics.append(.error("duplicate-output", at: SourceLocation(file: file.origin),
                                          "this would write \(file.path), which \(other) also writes; rename one of them"))
            } else {
                seen[file.path] = file.origin
                unique.append(file)
            }
        }
        unique.sort { $0.path < $1.path }
        // A file where another file needs a folder (`guide` copied from static/, `guide/index.html`
        // from guide.md) cannot be written either way; say so before writing anything. In path
        // order, the paths starting with `guide` follow it directly.
        var clashing = Set<Int>()
        for index in unique.indices {
            let path = unique[index].path.utf8
            for other in unique[(index + 1)...] {
                let otherPath = other.path.utf8
                guard otherPath.count > path.count, otherPath.starts(with: path) else { break }
                guard otherPath[otherPath.index(otherPath.startIndex, offsetBy: path.count)] == UInt8(ascii: "/") else { continue }
                diagnostics.append(.error("duplicate-output", at: SourceLocation(file: unique[index].origin),
                                          "this would write the file \(unique[index].path), where \(other.origin) needs a folder of that name; rename one of them"))
                clashing.insert(index)
                break
            }
        }
        if !clashing.isEmpty { unique = unique.indices.filter { !clashing.contains($0) }.map { unique[$0] } }
        return (OutputPlan(files: unique), diagnostics)
    }

    /// `training/` page 1 -> `training/`; page 3 -> `training/page/3/`.
    public static func listFolder(_ folder: String, number: Int) -> String {
        number == 1 ? folder : "\(folder)page/\(number)/"
    }

    /// How many pages a list of `items` takes, at least one.
    static func pageCount(_ items: Int, _ perPage: Int) -> Int {
        max(1, (items + perPage - 1) / perPage)
    }
}
