import Yams

/// Reads a YAML document into `YAMLValue`s through Yams' composed node tree, which keeps what was
/// written and where. Yams' untyped `load` is never used: it applies YAML 1.1 conversions and
/// expands aliases without limit.
public enum YAMLReader {
    /// Most values a document may expand to through aliases; far more than any front matter needs,
    /// far fewer than an alias bomb asks for.
    public static let expansionLimit = 10_000

    /// Reads `text`, whose first line is line `firstLine` of `file`.
    /// Returns nil for an empty document.
    public static func read(_ text: String, file: String, firstLine: Int = 1) -> Result<YAMLValue?, Diagnostic> {
        let lineOffset = firstLine - 1
        let text = text.normalizingLineBreaks()
        // The parser owns the anchors, which nodes reference weakly: keep it alive while converting,
        // so aliases can be recognised and counted.
        let parser: Parser
        let root: Node?
        do {
            // `Resolver.basic` leaves every scalar a string (no YAML 1.1 guessing, and none of the
            // regular expressions that guessing runs); an explicit encoding skips an environment
            // lookup. Nodes are read here, never turned into Swift values by Yams, so its
            // constructor gets no maps (the default one builds three dictionaries for every file).
            parser = try Parser(yaml: text, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, text: text, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error("invalid-yaml", at: SourceLocation(file: file, line: firstLine), "could not read YAML: \(error)"))
        }
        guard let root else { return .success(nil) }
        var converter = Converter(file: file, lineOffset: lineOffset)
        return withExtendedLifetime(parser) { () -> Result<YAMLValue?, Diagnostic> in
            do throws(ConversionFailure) {
                return .success(try converter.convert(root, usedAt: nil, heldAt: YAMLPosition(line: firstLine, column: 1)))
            } catch {
                return .failure(error.diagnostic)
            }
        }
    }

    private struct ConversionFailure: Error {
        var diagnostic: Diagnostic
    }

    /// Walks the composed tree, counting every value visited. Aliases share nodes in the tree,
    /// so a bomb is small until walked; the count stops the walk at `expansionLimit`.
    private struct Converter {
        let file: String
        let lineOffset: Int
        var visited = 0
        var seenAnchors = Set<ObjectIdentifier>()

        init(file: String, lineOffset: Int) {
            self.file = file
            self.lineOffset = lineOffset
        }

        func position(_ mark: Mark?) -> YAMLPosition {
            YAMLPosition(line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }

        /// `usedAt` is where an alias currently being expanded was used: the nodes inside it carry
        /// the marks of the anchor's definition, which is not where the problem is. `heldAt` is
        /// the place of the key or list holding `node`, which is where an alias to it was written.
        mutating func convert(_ node: Node, usedAt: YAMLPosition?, heldAt: YAMLPosition) throws(ConversionFailure) -> YAMLValue {
            var usedAt = usedAt
            if let anchor = node.anchor {
                let id = ObjectIdentifier(anchor)
                if seenAnchors.contains(id) {
                    usedAt = usedAt ?? heldAt
                } else {
                    seenAnchors.insert(id)
                }
            }
            visited += 1
            if visited > YAMLReader.expansionLimit {
                let place = usedAt ?? position(node.mark)
                throw ConversionFailure(diagnostic: .error(
                    "yaml-aliases", at: place.location(in: file),
                    "this YAML expands to more than \(YAMLReader.expansionLimit) values through aliases (*name); write the values out instead"))
            }
            switch node {
            case .scalar(let scalar):
                return .scalar(scalar.string, usedAt ?? position(scalar.mark))
            case .alias(let alias):
                throw ConversionFailure(diagnostic: .error(
                    "yaml-aliases", at: position(alias.mark).location(in: file), "undefined alias '*\(alias.anchor.rawValue)'"))
            case .sequence(let sequence):
                let here = usedAt ?? position(sequence.mark)
                var items: [YAMLValue] = []
                items.reserveCapacity(sequence.count)
                for item in sequence {
                    items.append(try convert(item, usedAt: usedAt, heldAt: here))
                }
                return .list(items, here)
            case .mapping(let mapping):
                var entries: [YAMLEntry] = []
                entries.reserveCapacity(mapping.count)
                for (key, value) in mapping {
                    guard case .scalar(let keyScalar) = key else {
                        throw ConversionFailure(diagnostic: .error(
                            "invalid-yaml", at: (usedAt ?? position(key.mark)).location(in: file),
                            "a field name must be plain text, not \(key.isSequence ? "a list" : "a set of fields")"))
                    }
                    let keyPosition = usedAt ?? position(keyScalar.mark)
                    entries.append(YAMLEntry(key: keyScalar.string, keyPosition: keyPosition,
                                            value: try convert(value, usedAt: usedAt, heldAt: keyPosition)))
                }
                return .map(entries, usedAt ?? position(mapping.mark))
            }
        }
    }

    private static func diagnostic(for error: YamlError, text: String, file: String, lineOffset: Int) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            location(YAMLPosition(line: mark.line, column: mark.column))
        }
        func location(_ position: YAMLPosition) -> SourceLocation {
            SourceLocation(file: file, line: position.line + lineOffset, column: position.column)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error("invalid-yaml", at: location(mark), "invalid YAML: \(problem)\(hint(for: problem))")
        case .reader(let problem, let offset, _, _):
            let place = offset.map { Self.position(ofUTF8Offset: $0, in: text) } ?? YAMLPosition(line: 1, column: 1)
            return .error("invalid-yaml", at: location(place), "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = YAMLPosition(line: context.mark.line, column: context.mark.column)
            let second = secondOccurrence(ofKey: key, after: first, in: text) ?? first
            return .error("duplicate-key", at: location(second),
                          "duplicate field '\(key)' (first set on line \(first.line + lineOffset)); give each field once")
        default:
            return .error("invalid-yaml", at: SourceLocation(file: file, line: 1 + lineOffset), "invalid YAML: \(error)")
        }
    }

    private static func hint(for problem: String) -> String {
        if problem.contains("mapping values are not allowed") {
            return " (a value containing ': ' must be in quotes)"
        }
        if problem.contains("found character that cannot start any token") {
            return " (a value starting with a special character such as @, ` or % must be in quotes)"
        }
        return ""
    }

    /// Yams reports a duplicate key at its first occurrence; editors want the second one.
    private static func secondOccurrence(ofKey key: String, after first: YAMLPosition, in text: String) -> YAMLPosition? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let prefixes = [key, "\"\(key)\"", "'\(key)'"]
        for index in first.line..<lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            guard indent + 1 == first.column else { continue }
            let rest = line.dropFirst(indent)
            for prefix in prefixes where rest.hasPrefix(prefix) {
                if rest.dropFirst(prefix.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return YAMLPosition(line: index + 1, column: indent + 1)
                }
            }
        }
        return nil
    }

    private static func position(ofUTF8Offset offset: Int, in text: String) -> YAMLPosition {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return YAMLPosition(line: line, column: column)
    }
}

private extension Node {
    var isSequence: Bool {
        if case .sequence = self { return true }
        return false
    }
}
