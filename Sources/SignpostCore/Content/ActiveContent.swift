import Foundation

/// SVG images are XML documents that can run script when opened on their own (a reader following
/// a link to `chart.svg`) and can load other files; the default theme's Content-Security-Policy
/// allows scripts from the site itself, and not every host sends it. So an SVG under `content/` or
/// `static/` with anything active in it is an error, at the line and column of what was found.
///
/// A scan of the markup rather than an XML parser: what matters is whether a browser could find
/// something active, and a browser reads broken XML too; the scan errs towards refusing.
enum ActiveContent {
    /// Elements that run script, embed other documents or react to events.
    static let activeElements: Set<String> = [
        "script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "applet", "frame", "frameset", "meta", "base",
    ]
    /// Attributes whose value is a URL a browser follows or an animation sets.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "from", "to", "values", "by", "style"]

    /// The problems in `bytes`, an SVG file shown as `file`.
    static func problems(inSVG bytes: [UInt8], file: String) -> [Diagnostic] {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        var problems: [Diagnostic] = []
        // Problems are found in the order of the file, so its lines are counted once, however many
        // problems a hostile file holds.
        var counted = (offset: 0, line: 1, lineStart: 0)
        func report(_ offset: Int, _ what: String) {
            if offset < counted.offset { counted = (0, 1, 0) }
            while counted.offset < offset {
                if scalars[counted.offset] == "\n" { counted.line += 1; counted.lineStart = counted.offset + 1 }
                counted.offset += 1
            }
            let (line, column) = (counted.line, offset - counted.lineStart + 1)
            problems.append(.error("active-content", at: SourceLocation(file: file, line: line, column: column),
                                   "this SVG file has \(what), which could run when a reader opens it; remove it, or export the image again as a plain SVG or a PNG"))
        }
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            let start = index
            index += 1
            if matches(scalars, at: index, "!--") {
                index = find(scalars, "-->", from: index) ?? scalars.count
                continue
            }
            if matches(scalars, at: index, "![CDATA[") {
                index = find(scalars, "]]>", from: index) ?? scalars.count
                continue
            }
            if matches(scalars, at: index, "!ENTITY", caseInsensitive: true) || matches(scalars, at: index, "?xml-stylesheet", caseInsensitive: true) {
                report(start, matches(scalars, at: index, "!") ? "an entity declaration" : "a style sheet instruction")
            }
            // Declarations and processing instructions have no attributes; a DOCTYPE's internal
            // subset holds further declarations, so the scan goes on inside it.
            if matches(scalars, at: index, "!") || matches(scalars, at: index, "?") { continue }
            // The element's name, without a namespace prefix (`svg:script` is a script).
            var nameEnd = index
            while nameEnd < scalars.count, !isSpace(scalars[nameEnd]), scalars[nameEnd] != ">", scalars[nameEnd] != "/" { nameEnd += 1 }
            let name = localName(String(String.UnicodeScalarView(scalars[index..<nameEnd])))
            if activeElements.contains(name) { report(start, "a <\(name)> element") }
            index = nameEnd
            // Attributes, until the tag ends.
            while index < scalars.count, scalars[index] != ">" {
                if isSpace(scalars[index]) || scalars[index] == "/" { index += 1; continue }
                let attributeStart = index
                while index < scalars.count, !isSpace(scalars[index]), scalars[index] != "=", scalars[index] != ">" { index += 1 }
                let attribute = localName(String(String.UnicodeScalarView(scalars[attributeStart..<index])))
                while index < scalars.count, isSpace(scalars[index]) { index += 1 }
                var value = ""
                if index < scalars.count, scalars[index] == "=" {
                    index += 1
                    while index < scalars.count, isSpace(scalars[index]) { index += 1 }
                    if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                        let quote = scalars[index]
                        let valueEnd = scalars[(index + 1)...].firstIndex(of: quote) ?? scalars.count
                        value = String(String.UnicodeScalarView(scalars[(index + 1)..<valueEnd]))
                        index = min(valueEnd + 1, scalars.count)
                    } else {
                        let valueStart = index
                        while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">" { index += 1 }
                        value = String(String.UnicodeScalarView(scalars[valueStart..<index]))
                    }
                }
                if attribute.hasPrefix("on") {
                    report(attributeStart, "an event handler (\(attribute))")
                } else if urlAttributes.contains(attribute), let scheme = activeScheme(in: value) {
                    report(attributeStart, "a \(scheme) address in '\(attribute)'")
                }
            }
        }
        // Text and style sheets can name script addresses too (`url(javascript:...)`).
        let folded = decodeReferences(text).lowercased().unicodeScalars.filter { !isSpace($0) && $0.value >= 0x20 }
        let compact = String(String.UnicodeScalarView(folded))
        if problems.isEmpty, let scheme = ["javascript:", "vbscript:", "data:text/html"].first(where: compact.contains) {
            problems.append(.error("active-content", at: SourceLocation(file: file),
                                   "this SVG file mentions a \(scheme.dropLast(scheme.hasSuffix(":") ? 1 : 0)) address, which could run when a reader opens it; remove it, or export the image again as a plain SVG or a PNG"))
        }
        return problems
    }

    /// `javascript`, `vbscript` or a `data:` document type when `value` (entities decoded, spaces,
    /// tabs and line breaks removed as browsers do) starts with one, or names one inside `url(...)`.
    static func activeScheme(in value: String) -> String? {
        let cleaned = String(String.UnicodeScalarView(decodeReferences(value).lowercased().unicodeScalars.filter { !isSpace($0) && $0.value >= 0x20 }))
        for scheme in ["javascript:", "vbscript:", "data:text/html", "data:image/svg", "data:application", "data:text/xml"] where cleaned.contains(scheme) {
            return scheme.hasPrefix("data:") ? "data: document" : String(scheme.dropLast())
        }
        return nil
    }

    /// Character references (`&#106;`, `&#x6A;`) and the five XML entities, decoded.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let semicolon = scalars[index...].prefix(12).firstIndex(of: ";") {
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<semicolon])).lowercased()
                let named: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n"]
                var decoded: Unicode.Scalar?
                if let scalar = named[name] {
                    decoded = scalar
                } else if name.hasPrefix("#x"), let value = UInt32(name.dropFirst(2), radix: 16) {
                    decoded = Unicode.Scalar(value)
                } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()) {
                    decoded = Unicode.Scalar(value)
                }
                if let decoded {
                    out.append(decoded)
                    index = semicolon + 1
                    continue
                }
            }
            out.append(scalars[index])
            index += 1
        }
        return String(out)
    }

    private static func localName(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.split(separator: ":").last.map(String.init) ?? lower
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{C}"
    }

    private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ word: String, caseInsensitive: Bool = false) -> Bool {
        let wanted = Array(word.unicodeScalars)
        guard index + wanted.count <= scalars.count else { return false }
        for (offset, scalar) in wanted.enumerated() {
            let found = scalars[index + offset]
            if caseInsensitive ? String(found).lowercased() != String(scalar).lowercased() : found != scalar { return false }
        }
        return true
    }

    private static func find(_ scalars: [Unicode.Scalar], _ word: String, from index: Int) -> Int? {
        var position = index
        let length = word.unicodeScalars.count
        while position + length <= scalars.count {
            if matches(scalars, at: position, word) { return position + length }
            position += 1
        }
        return nil
    }
}
