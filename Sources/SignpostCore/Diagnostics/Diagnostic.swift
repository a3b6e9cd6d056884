/// A place in a source file, 1-based, as editors count lines and columns.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path relative to the hub's root, with `/` separators (`content/training/bouverie.md`).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in a hub: where it is, how bad it is, and what to do about it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// A stable, kebab-case identifier (`unknown-term`), for tools and for `--format json`.
    public var code: String
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity = .error, code: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    public static func error(_ code: String, at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, code: code, at: location, message)
    }

    public static func warning(_ code: String, at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, code: code, at: location, message)
    }

    /// `content/a.md:3:13: error[unknown-term]: message`, the form compilers and editors understand.
    public var description: String { "\(location): \(severity.rawValue)[\(code)]: \(message)" }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in the order a reader expects: by file, then line, then column.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.code, $0.message) < ($1.location, $1.code, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Thrown when a stage found problems: every one of them, not only the first.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sortedByLocation()
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
