import Foundation

/// Prints diagnostics as compilers do: `file:line:col: error[code]: message`, then the source line
/// and a caret under the column, and a summary line; or, for tools, one JSON object per line.
public struct DiagnosticFormatter {
    /// The hub's root, to read the lines that diagnostics point at.
    public var root: URL
    /// ANSI colours, for a terminal only.
    public var colour: Bool
    private var cache: [String: [Substring]] = [:]

    public init(root: URL, colour: Bool = false) {
        self.root = root
        self.colour = colour
    }

    public mutating func format(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity == .error ? paint("error", "1;31") : paint("warning", "1;33")
        var text = "\(paint(Self.printable(diagnostic.location.description), "1")): \(severity)\(paint("[\(diagnostic.code)]", diagnostic.severity == .error ? "1;31" : "1;33")): \(Self.printable(diagnostic.message))"
        if let line = sourceLine(diagnostic.location) {
            let caretColumn = min(diagnostic.location.column, line.count + 1)
            let padding = line.prefix(caretColumn - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n    \(line)\n    \(padding)\(paint("^", "1;32"))"
        }
        return text
    }

    /// Every diagnostic, by file, line and column, then a summary line: `3 errors, 5 warnings in
    /// 42 files` when `filesChecked` is known.
    public mutating func format(_ diagnostics: [Diagnostic], filesChecked: Int? = nil) -> String {
        var parts = diagnostics.sortedByLocation().map { format($0) }
        parts.append(Self.summary(diagnostics, filesChecked: filesChecked))
        return parts.joined(separator: "\n")
    }

    public static func summary(_ diagnostics: [Diagnostic], filesChecked: Int? = nil) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var counts: [String] = []
        if errors > 0 { counts.append(count(errors, "error")) }
        if warnings > 0 { counts.append(count(warnings, "warning")) }
        let found = counts.isEmpty ? "No problems" : counts.joined(separator: ", ")
        return filesChecked.map { "\(found) in \(count($0, "file"))" } ?? found
    }

    /// One JSON object per line (`file`, `line`, `column`, `severity`, `code`, `message`), the form
    /// CI systems turn into annotations.
    public static func jsonLines(_ diagnostics: [Diagnostic]) -> String {
        var out = JSONWriter()
        for diagnostic in diagnostics.sortedByLocation() {
            out.raw("{\"file\":")
            out.string(diagnostic.location.file)
            out.raw(",\"line\":")
            out.bytes += Array(String(diagnostic.location.line).utf8)
            out.raw(",\"column\":")
            out.bytes += Array(String(diagnostic.location.column).utf8)
            out.raw(",\"severity\":")
            out.string(diagnostic.severity.rawValue)
            out.raw(",\"code\":")
            out.string(diagnostic.code)
            out.raw(",\"message\":")
            out.string(diagnostic.message)
            out.raw("}\n")
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `text` with control characters and bidirectional overrides written as `\u{1B}`: file names
    /// and front matter values reach messages, and printed raw they would drive the contributor's
    /// terminal, split an error's one line, or reorder what it shows.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnprintable(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private mutating func sourceLine(_ location: SourceLocation) -> String? {
        if cache[location.file] == nil {
            let url = root.appendingPathComponent(location.file)
            // Only the hub's own files are quoted: never what a symbolic link points to.
            var info = stat()
            guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            guard let data = FileManager.default.contents(atPath: url.path), data.count < 4_000_000,
                  let text = String(validating: data, as: UTF8.self) else { return nil }
            // Lines as cmark and the YAML parser count them: ended by \n, \r\n or \r, and not by
            // U+2028 or form feeds, which `isNewline` would also split at. ("\r\n" is one Character.)
            cache[location.file] = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        }
        guard let lines = cache[location.file], location.line <= lines.count else { return nil }
        let line = lines[location.line - 1]
        guard line.count <= 300, !line.unicodeScalars.contains(where: { $0 != "\t" && Self.isUnprintable($0) }) else { return nil }
        return String(line)
    }
}
