import Foundation

/// Prints diagnostics as compilers do: `file:line:col: error: message`, then the source line and a caret.
public struct DiagnosticFormatter {
    /// The hub's root, to read the lines that diagnostics point at.
    public var root: URL
    private var cache: [String: [Substring]] = [:]

    public init(root: URL) {
        self.root = root
    }

    public mutating func format(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description
        if let line = sourceLine(diagnostic.location) {
            let caretColumn = min(diagnostic.location.column, line.count + 1)
            let padding = line.prefix(caretColumn - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n    \(line)\n    \(padding)^"
        }
        return text
    }

    public mutating func format(_ diagnostics: [Diagnostic]) -> String {
        var parts = diagnostics.sortedByLocation().map { format($0) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var summary: [String] = []
        if errors > 0 { summary.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { summary.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if !summary.isEmpty { parts.append(summary.joined(separator: " and ") + ".") }
        return parts.joined(separator: "\n")
    }

    private mutating func sourceLine(_ location: SourceLocation) -> String? {
        if cache[location.file] == nil {
            let url = root.appendingPathComponent(location.file)
            guard let data = FileManager.default.contents(atPath: url.path), data.count < 4_000_000,
                  let text = String(validating: data, as: UTF8.self) else { return nil }
            // `isNewline` also splits "\r\n", which Swift counts as one character.
            cache[location.file] = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        }
        guard let lines = cache[location.file], location.line <= lines.count else { return nil }
        let line = lines[location.line - 1]
        guard line.count <= 300 else { return nil }
        return String(line)
    }
}
