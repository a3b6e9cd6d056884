import Foundation

/// Stage 3, parse: Markdown sources -> `ParsedPage`s, in parallel, with every file's problems collected.
public enum ContentParser {
    public struct Result: Sendable {
        /// In the order of the sources given; files with errors are left out.
        public var pages: [ParsedPage]
        public var diagnostics: [Diagnostic]
    }

    /// Parses every `.page` and `.sectionIndex` source in `files`, `jobs` at a time.
    public static func parse(_ files: [SourceFile], config: SiteConfig, jobs: Int) async -> Result {
        let markdown = files.filter { $0.kind != .asset }
        let outcomes = await Parallel.map(markdown, jobs: jobs) { file in
            parse(file, config: config)
        }
        var result = Result(pages: [], diagnostics: [])
        for outcome in outcomes {
            switch outcome {
            case .success(let page): result.pages.append(page)
            case .failure(let error): result.diagnostics += error.diagnostics
            }
        }
        return result
    }

    /// Reads and parses one source file.
    public static func parse(_ file: SourceFile, config: SiteConfig) -> Swift.Result<ParsedPage, DiagnosticsError> {
        guard let data = FileManager.default.contents(atPath: file.url.path) else {
            return .failure(DiagnosticsError([.error("unreadable", at: SourceLocation(file: file.path), "cannot read this file")]))
        }
        return parse(data, file: file, config: config)
    }

    /// Parses the bytes of one source file.
    public static func parse(_ data: Data, file: SourceFile, config: SiteConfig) -> Swift.Result<ParsedPage, DiagnosticsError> {
        guard var text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: data)
            return .failure(DiagnosticsError([.error("not-utf8", at: SourceLocation(file: file.path, line: line, column: column),
                                                     "this file is not UTF-8 text; save it as UTF-8 (most editors offer this under 'Save As' or 'Encoding')")]))
        }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        let split: FrontMatterParser.Split
        switch FrontMatterParser.split(text, file: file.path) {
        case .success(let value): split = value
        case .failure(let diagnostic): return .failure(DiagnosticsError([diagnostic]))
        }
        let fallback = file.kind == .sectionIndex ? sectionTitle(fromFolders: file.folders) : nil
        switch FrontMatterParser.parse(split.yaml, file: file.path, config: config, titleFallback: fallback) {
        case .failure(let error):
            return .failure(error)
        case .success(let frontMatter):
            let body = MarkdownRenderer.render(split.body, firstLine: split.bodyFirstLine)
            return .success(ParsedPage(source: file, frontMatter: frontMatter, body: body))
        }
    }

    /// `peer-support-training` -> `Peer support training`; the home section is untitled here.
    static func sectionTitle(fromFolders folders: [String]) -> String? {
        guard let name = folders.last else { return nil }
        return Taxonomy.label(derivedFrom: name)
    }

    /// The line and column of the first byte that is not valid UTF-8, for an error that points at it.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int) {
        let bytes = [UInt8](data)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid = length > 0 && index + length <= bytes.count
                && String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            if !valid {
                let column = (String(validating: bytes[lineStart..<index], as: UTF8.self)?.count ?? 0) + 1
                return (line, column)
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, 1)
    }
}
