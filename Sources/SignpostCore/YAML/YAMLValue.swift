/// A YAML value exactly as written: every scalar is the text the author typed, never a
/// boolean, number or null guessed by YAML 1.1 rules (`NO` stays "NO", `010` stays "010").
public indirect enum YAMLValue: Sendable, Equatable {
    case scalar(String, YAMLPosition)
    case list([YAMLValue], YAMLPosition)
    case map([YAMLEntry], YAMLPosition)

    public var position: YAMLPosition {
        switch self {
        case .scalar(_, let position), .list(_, let position), .map(_, let position): position
        }
    }

    /// The text of a scalar, or nil for a list or map.
    public var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// A short description of the kind of value, for error messages.
    public var kindDescription: String {
        switch self {
        case .scalar: "a single value"
        case .list: "a list"
        case .map: "a set of fields"
        }
    }
}

/// One `key: value` pair of a YAML mapping, in source order.
public struct YAMLEntry: Sendable, Equatable {
    public var key: String
    public var keyPosition: YAMLPosition
    public var value: YAMLValue
}

/// A line and column in the file the YAML came from (already offset past any preceding lines).
public struct YAMLPosition: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}
