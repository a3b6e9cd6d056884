/// Reads Mustache text into a `Template`, following the spec's whitespace rules: a line holding
/// only a section, inverted section, closing, comment, partial, parent or block tag (and
/// whitespace) leaves nothing in the output, and a standalone partial indents every line it
/// renders by the tag's indentation.
///
/// Also keeps author-supplied values escaped: `{{{ }}}` and `{{& }}` are allowed only for names
/// whose last part ends in `HTML` (values Signpost makes itself from Markdown), and delimiter
/// changes (`{{= =}}`) and pragmas (`{{% }}`) are refused, since either could hide an unescaped
/// insertion from that check.
struct TemplateParser {
    struct Result {
        var template: Template?
        var diagnostics: [Diagnostic] = []
        /// Names used as `{{> partial}}` or `{{< parent}}`, where they are used.
        var references: [(name: String, location: SourceLocation)] = []
    }

    static func parse(_ text: String, file: String) -> Result {
        var parser = TemplateParser(bytes: Array(text.utf8), file: file)
        var result = Result()
        do {
            result.template = Template(nodes: try parser.parse(State()))
        } catch {
            result.diagnostics.append(.error("template-syntax", at: parser.location(error.offset),
                                             "this template cannot be read: \(error.message)"))
        }
        result.diagnostics = parser.diagnostics + result.diagnostics
        result.references = parser.references
        return result
    }

    private struct SyntaxError: Error {
        var message: String
        var offset: Int
    }

    /// Where the parser is in terms of lines and enclosing tags. A value, so a nested section's
    /// changes do not leak back out, as in the spec's reference parsers.
    private struct State {
        var sectionName: String?
        var sectionPosition: Template.ListPosition?
        /// Nothing but spaces and tabs since the last line break.
        var newLine = true
        /// Inside `{{< parent}}...{{/parent}}`.
        var inParent = false
        /// Directly inside `{{< parent}}`, where `{{$name}}` defines an override.
        var atParentTopLevel = false
        /// Inside an override: the indentation of its first line, removed from every line.
        var overrideIndent: Int?

        func enteringSection(_ name: Template.Name, raw: String, standalone: Bool) -> State {
            var state = self
            state.sectionName = raw
            state.sectionPosition = name.position
            state.atParentTopLevel = false
            if !standalone { state.newLine = false }
            return state
        }

        func enteringParent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionPosition = nil
            state.newLine = true
            state.inParent = true
            state.atParentTopLevel = true
            return state
        }
    }

    private let bytes: [UInt8]
    private let file: String
    private var offset = 0
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var references: [(name: String, location: SourceLocation)] = []

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: Structure

    private mutating func parse(_ initial: State) throws(SyntaxError) -> [Template.Node] {
        var nodes: [Template.Node] = []
        var state = initial
        var whitespaceBefore: [UInt8] = []
        while offset < bytes.count {
            if state.newLine {
                let whitespace = readSpacesAndTabs()
                if state.inParent, !state.atParentTopLevel {
                    if let indent = state.overrideIndent {
                        whitespaceBefore = Array(whitespace.dropFirst(indent))
                    } else {
                        state.overrideIndent = whitespace.count
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let (text, foundTag) = readUntilTagOrNewline()
            let newline = foundTag ? 0 : newlineLength(at: offset, crlfOnly: true)
            if newline > 0 {
                nodes.append(.text(whitespaceBefore + text + bytes[offset..<offset + newline]))
                offset += newline
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = []
                state.newLine = false
            }
            if !foundTag { break }
            let tagStart = offset - 2
            guard offset < bytes.count else {
                throw SyntaxError(message: "a tag is not closed with }}", offset: tagStart)
            }
            var standalone = false
            func flushWhitespace() {
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                    whitespaceBefore = []
                }
            }
            switch bytes[offset] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[offset] == UInt8(ascii: "^")
                offset += 1
                let (name, raw) = try readName(at: tagStart)
                standalone = isStandalone(state)
                if !standalone { flushWhitespace() }
                let children = try parse(state.enteringSection(name, raw: raw, standalone: standalone))
                nodes.append(.section(name, children, inverted: inverted))

            case UInt8(ascii: "/"):
                offset += 1
                // A parent is closed by its template name, which may name a folder (`partials/base`).
                let position: Template.ListPosition?
                let raw: String
                if state.atParentTopLevel {
                    (position, raw) = (nil, try readTemplateName(at: tagStart))
                } else {
                    let (name, written) = try readName(at: tagStart)
                    (position, raw) = (name.position, written)
                }
                guard raw == state.sectionName, position == state.sectionPosition else {
                    if let open = state.sectionName {
                        throw SyntaxError(message: "'{{/\(raw)}}' is closed with a different name than its section was opened with ('\(open)')",
                                          offset: tagStart)
                    }
                    throw SyntaxError(message: "'{{/\(raw)}}' closes a section that was never opened", offset: tagStart)
                }
                if !isStandalone(state) { flushWhitespace() }
                return nodes

            case UInt8(ascii: "!"):
                offset += 1
                guard let end = find(Self.close, from: offset) else {
                    throw SyntaxError(message: "a comment is not closed with }}", offset: tagStart)
                }
                offset = end + Self.close.count
                standalone = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[offset] == UInt8(ascii: "{")
                flushWhitespace()
                offset += 1
                let (name, raw) = try readName(at: tagStart, closing: triple ? Self.tripleClose : Self.close)
                checkUnescaped(raw, name: name, at: tagStart)
                nodes.append(.variable(name, escaped: false))

            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                let isParent = bytes[offset] == UInt8(ascii: "<")
                offset += 1
                let name = try readTemplateName(at: tagStart)
                references.append((name, location(tagStart)))
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                standalone = isStandalone(state)
                guard isParent else {
                    nodes.append(.partial(name, indentation: standalone ? whitespaceBefore : nil, overrides: nil))
                    whitespaceBefore = []
                    break
                }
                let children = try parse(state.enteringParent(name))
                var overrides: [String: [Template.Node]] = [:]
                for child in children {
                    switch child {
                    case .override(let block, let replacement):
                        overrides[block] = replacement
                    case .text:
                        break
                    default:
                        throw SyntaxError(message: "inside '{{<\(name)}}' only '{{$block}}' overrides may appear", offset: tagStart)
                    }
                }
                nodes.append(.partial(name, indentation: whitespaceBefore, overrides: overrides))
                whitespaceBefore = []

            case UInt8(ascii: "$"):
                offset += 1
                let (name, raw) = try readName(at: tagStart)
                guard name.position == nil, !name.currentOnly else {
                    throw SyntaxError(message: "'{{$\(raw)}}' must be a plain block name", offset: tagStart)
                }
                if state.atParentTopLevel {
                    standalone = isStandalone(state)
                    let children = try parse(state.enteringSection(name, raw: raw, standalone: standalone))
                    nodes.append(.override(raw, children))
                } else {
                    if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                    standalone = isStandalone(state)
                    let children = try parse(state.enteringSection(name, raw: raw, standalone: standalone))
                    nodes.append(.block(raw, defaultNodes: children, indentation: whitespaceBefore))
                    whitespaceBefore = []
                }

            case UInt8(ascii: "="), UInt8(ascii: "%"):
                // Reported, then skipped like a comment so the rest of the template is still checked.
                diagnostics.append(.error("unsafe-template", at: location(tagStart), bytes[offset] == UInt8(ascii: "=")
                    ? "changing Mustache's delimiters ({{= =}}) is not allowed: it can hide unescaped values"
                    : "pragmas such as {{% CONTENT_TYPE }} are not allowed: they can turn off HTML escaping"))
                guard let end = find(Self.close, from: offset) else {
                    throw SyntaxError(message: "a tag is not closed with }}", offset: tagStart)
                }
                offset = end + Self.close.count
                standalone = isStandalone(state)

            default:
                flushWhitespace()
                let (name, _) = try readName(at: tagStart)
                nodes.append(.variable(name, escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.sectionName {
            throw SyntaxError(message: "'\(open)' is opened but never closed with {{/\(open)}}", offset: bytes.count)
        }
        return nodes
    }

    private mutating func checkUnescaped(_ raw: String, name: Template.Name, at tagStart: Int) {
        guard name.parts.last?.hasSuffix("HTML") != true else { return }
        diagnostics.append(.error("unsafe-template", at: location(tagStart),
                                  "'\(raw)' is inserted without HTML escaping; use {{\(raw)}} (only values whose names end in HTML may use {{{ }}})"))
    }

    // MARK: Lines

    /// After a tag: is the tag alone on its line? If so, the rest of the line (spaces, tabs and the
    /// line break) is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if offset >= bytes.count { return true }
        var cursor = offset
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        let newline = newlineLength(at: cursor, crlfOnly: false)
        guard newline > 0 else { return false }
        offset = cursor + newline
        return true
    }

    /// The length of the line break at `index`, or 0. Text runs end only at `\n` and `\r\n`; after a
    /// tag, any Unicode line break ends the line.
    private func newlineLength(at index: Int, crlfOnly: Bool) -> Int {
        guard index < bytes.count else { return 0 }
        switch bytes[index] {
        case 0x0A: return 1
        case 0x0D:
            if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return 2 }
            return crlfOnly ? 0 : 1
        case 0x0B, 0x0C: return crlfOnly ? 0 : 1
        case 0xC2 where !crlfOnly && index + 1 < bytes.count && bytes[index + 1] == 0x85: return 2
        case 0xE2 where !crlfOnly && index + 2 < bytes.count && bytes[index + 1] == 0x80
            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): return 3
        default: return 0
        }
    }

    private mutating func readSpacesAndTabs() -> [UInt8] {
        let start = offset
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
        return Array(bytes[start..<offset])
    }

    /// Text up to a line break (left unread), `{{` (consumed; `foundTag`) or the end.
    private mutating func readUntilTagOrNewline() -> (text: [UInt8], foundTag: Bool) {
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x0A || (byte == 0x0D && newlineLength(at: offset, crlfOnly: true) == 2) {
                return (Array(bytes[start..<offset]), false)
            }
            if byte == UInt8(ascii: "{"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "{") {
                let text = Array(bytes[start..<offset])
                offset += 2
                return (text, true)
            }
            offset += 1
        }
        return (Array(bytes[start..<offset]), false)
    }

    // MARK: Names

    private static let close = Array("}}".utf8)
    private static let tripleClose = Array("}}}".utf8)

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"),
             UInt8(ascii: "("), UInt8(ascii: ")"):
            true
        default:
            false
        }
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(bytes[offset]) { offset += 1 }
    }

    /// A tag's name up to its closing braces: `page.title`, `.`, `first()`.
    private mutating func readName(at tagStart: Int, closing: [UInt8] = close) throws(SyntaxError) -> (Template.Name, String) {
        skipWhitespace()
        let start = offset
        while offset < bytes.count, Self.isNameByte(bytes[offset]) { offset += 1 }
        let raw = String(decoding: bytes[start..<offset], as: UTF8.self)
        skipWhitespace()
        guard matches(closing, at: offset) else {
            throw SyntaxError(message: "a tag is not closed with \(String(decoding: closing, as: UTF8.self)), or its name has characters names cannot have",
                              offset: tagStart)
        }
        offset += closing.count
        guard !raw.isEmpty else { throw SyntaxError(message: "a tag has no name", offset: tagStart) }

        if raw.hasSuffix("()") {
            let function = String(raw.dropLast(2))
            guard let position = Template.ListPosition(rawValue: function) else {
                throw SyntaxError(message: "'\(raw)' is not something templates can use; a list item's position is first(), last(), index(), even() or odd()",
                                  offset: start)
            }
            return (Template.Name(parts: [], currentOnly: false, position: position), raw)
        }
        if raw.contains("(") || raw.contains(")") {
            throw SyntaxError(message: "'\(raw)': template functions are not supported (only first(), last(), index(), even() and odd())",
                              offset: start)
        }
        if raw == "." { return (Template.Name(parts: [], currentOnly: true, position: nil), raw) }
        let currentOnly = raw.hasPrefix(".")
        let parts = raw.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { throw SyntaxError(message: "'\(raw)' is not a name", offset: start) }
        return (Template.Name(parts: parts, currentOnly: currentOnly, position: nil), raw)
    }

    /// The name in `{{> name}}`, `{{< name}}` or a parent's `{{/name}}`, which may include `/` for
    /// templates in folders.
    private mutating func readTemplateName(at tagStart: Int) throws(SyntaxError) -> String {
        skipWhitespace()
        let start = offset
        while offset < bytes.count, Self.isNameByte(bytes[offset]) || bytes[offset] == UInt8(ascii: "/") { offset += 1 }
        let name = String(decoding: bytes[start..<offset], as: UTF8.self)
        skipWhitespace()
        guard matches(Self.close, at: offset) else {
            throw SyntaxError(message: "a tag is not closed with }}, or its name has characters names cannot have", offset: tagStart)
        }
        offset += Self.close.count
        guard !name.isEmpty else { throw SyntaxError(message: "a partial tag has no name", offset: tagStart) }
        guard !name.hasPrefix("*") else {
            throw SyntaxError(message: "dynamic partials ('\(name)') are not supported: name the template", offset: start)
        }
        return name
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for (i, byte) in needle.enumerated() where bytes[index + i] != byte { return false }
        return true
    }

    private func find(_ needle: [UInt8], from index: Int) -> Int? {
        var cursor = index
        while cursor + needle.count <= bytes.count {
            if matches(needle, at: cursor) { return cursor }
            cursor += 1
        }
        return nil
    }

    /// Line and column (in characters) of a byte offset.
    func location(_ index: Int) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for i in 0..<min(index, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }
}
