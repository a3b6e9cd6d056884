import Foundation

/// Loads a hub's theme: `themes/NAME/` in the hub, following `theme.yml`'s `extends`, over the
/// default theme built into the binary.
public enum ThemeLoader {
    static let builtInPrefix = "(built-in default theme)"

    /// The theme, and warnings about what was skipped (symbolic links).
    public struct Loaded: Sendable {
        public var theme: Theme
        public var warnings: [Diagnostic]
    }

    public static func load(name: String, root: URL) throws(DiagnosticsError) -> Loaded {
        var diagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var layers: [(name: String, files: [String: ThemeFile])] = []
        var visited: [String] = []
        var next: String? = name
        while let current = next {
            if visited.contains(current) {
                diagnostics.append(.error("theme-cycle", at: SourceLocation(file: "themes/\(current)/theme.yml"),
                                          "themes extend each other in a circle: \((visited + [current]).joined(separator: " -> "))"))
                break
            }
            visited.append(current)
            let folder = root.appendingPathComponent("themes/\(current)", isDirectory: true)
            var info = stat()
            if lstat(folder.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                // A theme folder that is a link is not read at all, like any other link.
                warnings.append(FolderListing.skippedLink(at: "themes/\(current)", in: "themes/"))
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                if current != "default" {
                    let available = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("themes").path)) ?? []
                    diagnostics.append(.error("unknown-theme", at: SourceLocation(file: visited.count == 1 ? ConfigLoader.fileName : "themes/\(visited[visited.count - 2])/theme.yml"),
                                              "no theme '\(current)' in themes/\(Suggestion.hint(for: current, in: available + ["default"]))"))
                }
                break
            }
            let found = files(in: folder, displayPrefix: "themes/\(current)")
            layers.append((current, found.files))
            warnings += found.warnings
            if lstat(folder.appendingPathComponent("theme.yml").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                warnings.append(FolderListing.skippedLink(at: "themes/\(current)/theme.yml", in: "themes/\(current)/"))
                next = current == "default" ? nil : "default"
                continue
            }
            switch parent(of: folder, displayPath: "themes/\(current)/theme.yml") {
            case .success(let parent): next = parent ?? (current == "default" ? nil : "default")
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                next = nil
            }
        }
        var builtIn: [String: ThemeFile] = [:]
        for (path, text) in DefaultThemeFiles.files {
            builtIn[path] = ThemeFile(text: text, url: nil, displayPath: "\(builtInPrefix)/\(path)")
        }
        layers.append(("default (built in)", builtIn))

        // Nearest layer wins, file by file.
        var merged: [String: ThemeFile] = [:]
        for layer in layers.reversed() {
            merged.merge(layer.files) { _, nearer in nearer }
        }

        // `templates/partials/card.mustache` is the template `partials/card`.
        let templateFiles = merged
            .filter { $0.key.hasPrefix("templates/") && $0.key.hasSuffix(".mustache") }
            .map { (name: String($0.key.dropFirst("templates/".count).dropLast(".mustache".count)), file: $0.value) }
            .sorted { $0.name < $1.name }
        let templateNames = templateFiles.map(\.name)
        var templates: [String: Template] = [:]
        var references: [(name: String, location: SourceLocation)] = []
        for (name, file) in templateFiles {
            guard let text = file.text ?? file.url.flatMap({ try? String(contentsOf: $0, encoding: .utf8) }) else {
                diagnostics.append(.error("unreadable", at: SourceLocation(file: file.displayPath), "cannot read this template as UTF-8 text"))
                continue
            }
            let parsed = TemplateParser.parse(text, file: file.displayPath)
            diagnostics += parsed.diagnostics
            references += parsed.references
            templates[name] = parsed.template
        }
        for required in Theme.requiredTemplates where !templateNames.contains(required) {
            diagnostics.append(.error("missing-template", at: SourceLocation(file: "themes/\(name)"),
                                      "the theme has no templates/\(required).mustache, and no theme it extends has one"))
        }
        // A missing partial would otherwise render as nothing, silently.
        for reference in references where !templateNames.contains(reference.name) {
            diagnostics.append(.error("missing-template", at: reference.location,
                                      "no template '\(reference.name)' in this theme or the themes it extends\(Suggestion.hint(for: reference.name, in: templateNames))"))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics + warnings) }

        let assets: [(String, Theme.AssetSource)] = merged
            .filter { $0.key.hasPrefix("assets/") }
            .sorted { $0.key < $1.key }
            .map { path, file in
                let relative = String(path.dropFirst("assets/".count))
                if let url = file.url { return (relative, .file(url)) }
                return (relative, .embedded(file.text ?? ""))
            }
        return Loaded(theme: Theme(library: TemplateLibrary(templates: templates), assets: assets), warnings: warnings)
    }

    /// Every file under a theme folder's `templates/` and `assets/`, by path relative to the folder.
    /// Hidden files are skipped; symbolic links are skipped with a warning, never followed.
    private static func files(in folder: URL, displayPrefix: String) -> (files: [String: ThemeFile], warnings: [Diagnostic]) {
        var result: [String: ThemeFile] = [:]
        var warnings: [Diagnostic] = []
        var pending = ["templates", "assets"]
        let base = folder.path
        while let relative = pending.popLast() {
            guard let entries = FolderListing.entries(of: base + "/" + relative) else { continue }
            for entry in entries where !entry.name.hasPrefix(".") {
                let path = relative + "/" + entry.name
                switch entry.kind {
                case .file:
                    result[path] = ThemeFile(text: nil, url: folder.appendingPathComponent(path),
                                             displayPath: "\(displayPrefix)/\(path)")
                case .folder: pending.append(path)
                case .link: warnings.append(FolderListing.skippedLink(at: "\(displayPrefix)/\(path)", in: "\(displayPrefix)/"))
                case .other: continue
                }
            }
        }
        return (result, warnings)
    }

    /// The theme named by `extends:` in `theme.yml`, if there is one.
    private static func parent(of folder: URL, displayPath: String) -> Result<String?, Diagnostic> {
        let url = folder.appendingPathComponent("theme.yml")
        guard let data = FileManager.default.contents(atPath: url.path) else { return .success(nil) }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(.error("not-utf8", at: SourceLocation(file: displayPath), "theme.yml is not UTF-8 text"))
        }
        switch YAMLReader.read(text, file: displayPath) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(nil): return .success(nil)
        case .success(let value?):
            var reader = FieldReader(file: displayPath)
            let fields = reader.fields(of: value, in: "theme.yml", known: ["name", "extends", "description"]) ?? [:]
            var parent: String?
            if let entry = fields["extends"], let name = reader.text(entry) {
                if let problem = PathSafety.problem(inSegment: name) {
                    reader.report("invalid-theme", at: entry.value.position, "'extends' must name a folder in themes/, not '\(name)': \(problem)")
                } else {
                    parent = name
                }
            }
            if let first = reader.diagnostics.first { return .failure(first) }
            return .success(parent)
        }
    }
}
