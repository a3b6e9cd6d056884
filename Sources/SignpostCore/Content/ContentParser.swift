import Foundation

/// Stage 3, parse: Markdown sources -> `ParsedPage`s (front matter validated, body kept as
/// Markdown), in parallel, with every file's problems collected.
public enum ContentParser {
    public struct Result: Sendable {
        /// In the order of the sources given. Pages whose front matter has mistakes are included
        /// (with every valid field), so later stages can find their problems too.
        public var pages: [ParsedPage]
        public var diagnostics: [Diagnostic]
    }

    /// One file's outcome: the page, if its front matter could be read at all, and its problems.
    public struct FileResult: Sendable {
        public var page: ParsedPage?
        public var diagnostics: [Diagnostic]
    }

    /// Parses every `.page` and `.sectionIndex` source in `files`, `jobs` at a time.
    public static func parse(_ files: [SourceFile], config: SiteConfig, jobs: Int) async -> Result {
        let markdown = files.filter { $0.kind == .page || $0.kind == .sectionIndex }
        let outcomes = await Parallel.map(markdown, jobs: jobs) { file in
            parse(file, config: config)
        }
        let result = Result(pages: outcomes.compactMap(\.page), diagnostics: outcomes.flatMap(\.diagnostics))
        releaseInBackground(outcomes)
        return result
    }

    /// Reads and parses one source file.
    public static func parse(_ file: SourceFile, config: SiteConfig) -> FileResult {
        guard let data = readFile(file.fullPath) else {
            return FileResult(page: nil, diagnostics: [.error("unreadable", at: SourceLocation(file: file.path), "cannot read this file")])
        }
        return parse(data, file: file, config: config)
    }

    /// The file's bytes with one `open`, `fstat` and `read` (FileManager's reading does more work
    /// per file, which shows over thousands of small files). Nil if it cannot be read.
    static func readFile(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var data = Data(count: Int(info.st_size))
        var total = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while total < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return count == 0 }
                total += count
            }
            return true
        }
        guard complete else { return nil }
        // A file that shrank while being read is what it now is (one being saved as the build
        // reads it is read again by the next build, or by `serve` when the save ends).
        if total < data.count { data.removeSubrange(total...) }
        return data
    }

    /// Parses the bytes of one source file.
    public static func parse(_ data: Data, file: SourceFile, config: SiteConfig) -> FileResult {
        guard var text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: data)
            return FileResult(page: nil, diagnostics: [.error("not-utf8", at: SourceLocation(file: file.path, line: line, column: column),
                                                              "this file is not UTF-8 text; save it as UTF-8 (most editors offer this under 'Save As' or 'Encoding')")])
        }
        text = text.normalizingLineBreaks()
        let split: FrontMatterParser.Split
        switch FrontMatterParser.split(text, file: file.path) {
        case .success(let value): split = value
        case .failure(let diagnostic): return FileResult(page: nil, diagnostics: [diagnostic])
        }
        let outcome = FrontMatterParser.read(split.yaml, file: file.path, config: config, isSection: file.kind == .sectionIndex)
        guard let frontMatter = outcome.frontMatter else { return FileResult(page: nil, diagnostics: outcome.diagnostics) }
        return FileResult(page: ParsedPage(source: file, frontMatter: frontMatter, markdown: split.body, bodyFirstLine: split.bodyFirstLine),
                          diagnostics: outcome.diagnostics)
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
