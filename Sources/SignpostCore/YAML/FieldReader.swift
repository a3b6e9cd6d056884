import Foundation

/// Reads typed values out of `YAMLValue`s, collecting one diagnostic per problem instead of stopping
/// at the first. Shared by the site config and page front matter so both speak the same way.
struct FieldReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ code: String, at position: YAMLPosition, _ message: String) {
        diagnostics.append(.error(code, at: position.location(in: file), message))
    }

    /// The entries of a map by key, reporting a value that is not a map and every key not in `known`.
    mutating func fields(of value: YAMLValue, in context: String, known: [String]) -> [String: YAMLEntry]? {
        guard case .map(let entries, _) = value else {
            report("wrong-type", at: value.position, "\(context) must be a set of fields (`name: value` lines), not \(value.kindDescription)")
            return nil
        }
        var fields: [String: YAMLEntry] = [:]
        for entry in entries {
            if known.contains(entry.key) {
                fields[entry.key] = entry
            } else {
                report("unknown-field", at: entry.keyPosition,
                       "unknown field '\(entry.key)' in \(context)\(Suggestion.hint(for: entry.key, in: known))")
            }
        }
        return fields
    }

    /// A single value, as written.
    mutating func text(_ entry: YAMLEntry, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let text, let position) = entry.value else {
            report("wrong-type", at: entry.value.position, "'\(entry.key)' must be a single value, not \(entry.value.kindDescription)")
            return nil
        }
        if !allowEmpty, text.trimmingSpaces().isEmpty {
            // An empty plain value (`title:`) is placed by YAML on a later line; point at the key then.
            report("empty-value", at: position.line == entry.keyPosition.line ? position : entry.keyPosition,
                   "'\(entry.key)' must not be empty")
            return nil
        }
        return text
    }

    /// A list of single values; one value on its own counts as a list of one.
    mutating func list(_ entry: YAMLEntry) -> [(String, YAMLPosition)]? {
        switch entry.value {
        case .scalar(let text, let position):
            if text.isEmpty { return [] }
            return [(text, position)]
        case .list(let items, _):
            var values: [(String, YAMLPosition)] = []
            var ok = true
            for item in items {
                if case .scalar(let text, let position) = item {
                    values.append((text, position))
                } else {
                    report("wrong-type", at: item.position, "each item of '\(entry.key)' must be a single value, not \(item.kindDescription)")
                    ok = false
                }
            }
            return ok ? values : nil
        case .map(_, let position):
            report("wrong-type", at: position, "'\(entry.key)' must be a list or a single value, not a set of fields")
            return nil
        }
    }

    /// `true` or `false`, exactly; YAML 1.1 spellings such as `yes` or `off` are refused, not guessed.
    mutating func bool(_ entry: YAMLEntry) -> Bool? {
        guard let text = text(entry) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            report("wrong-type", at: entry.value.position, "'\(entry.key)' must be true or false, not '\(text)'")
            return nil
        }
    }

    /// A whole number written in decimal digits (with an optional minus sign).
    mutating func int(_ entry: YAMLEntry, minimum: Int? = nil) -> Int? {
        guard let text = text(entry) else { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            report("wrong-type", at: entry.value.position, "'\(entry.key)' must be a whole number, not '\(text)'")
            return nil
        }
        if let minimum, value < minimum {
            report("out-of-range", at: entry.value.position, "'\(entry.key)' must be at least \(minimum), not \(value)")
            return nil
        }
        return value
    }

    /// A calendar date written `YYYY-MM-DD`.
    mutating func date(_ entry: YAMLEntry) -> CalendarDate? {
        guard let text = text(entry) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            report("invalid-date", at: entry.value.position,
                   "'\(entry.key)' must be a date written YYYY-MM-DD (such as 2026-03-01), not '\(text)'")
            return nil
        }
        return date
    }
}
