/// Keeps templates from turning off HTML escaping for values that come from authors, and finds
/// the partials each template needs.
///
/// Mustache escapes `{{value}}` but not `{{{value}}}` or `{{& value}}`. Only values the generator
/// has made safe HTML itself (rendered Markdown) may be inserted that way, and their names end in
/// `HTML` (`page.contentHTML`), so a template cannot insert a title or summary unescaped. Changing
/// the delimiters (`{{=<% %>=}}`) or the content type (`{{% CONTENT_TYPE: TEXT }}`) would hide such
/// an insertion from this check, so both are refused.
enum TemplateSafety {
    struct Report {
        var diagnostics: [Diagnostic] = []
        /// Names used as `{{> partial}}` or `{{< parent}}`.
        var references: [(name: String, location: SourceLocation)] = []
    }

    static func check(_ template: String, file: String) -> Report {
        var report = Report()
        let bytes = Array(template.utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        func location(_ offset: Int) -> SourceLocation {
            let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
            return SourceLocation(file: file, line: line, column: column)
        }
        func tag(from start: Int, closing: [UInt8]) -> (String, Int)? {
            var end = start
            while end + closing.count <= bytes.count {
                if Array(bytes[end..<end + closing.count]) == closing {
                    return (String(decoding: bytes[start..<end], as: UTF8.self).trimmingWhitespace().description, end + closing.count)
                }
                end += 1
            }
            return nil
        }
        let open: [UInt8] = Array("{{".utf8)
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard bytes[index] == open[0], bytes[index + 1] == open[1] else {
                index += 1
                continue
            }
            let here = location(index)
            var cursor = index + 2
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            let sigil = cursor < bytes.count ? bytes[cursor] : 0
            switch sigil {
            case UInt8(ascii: "{"):
                if let (name, _) = tag(from: cursor + 1, closing: Array("}}}".utf8)) { checkUnescaped(name, at: here, into: &report) }
            case UInt8(ascii: "&"):
                if let (name, _) = tag(from: cursor + 1, closing: Array("}}".utf8)) { checkUnescaped(name, at: here, into: &report) }
            case UInt8(ascii: "="):
                report.diagnostics.append(.error("unsafe-template", at: here,
                                                 "changing Mustache's delimiters ({{= =}}) is not allowed: it can hide unescaped values"))
            case UInt8(ascii: "%"):
                report.diagnostics.append(.error("unsafe-template", at: here,
                                                 "pragmas such as CONTENT_TYPE are not allowed: they can turn off HTML escaping"))
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                if let (name, _) = tag(from: cursor + 1, closing: Array("}}".utf8)), !name.hasPrefix("*") {
                    report.references.append((name, here))
                }
            default:
                break
            }
            index += 2
        }
        return report
    }

    private static func checkUnescaped(_ name: String, at location: SourceLocation, into report: inout Report) {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        if !last.hasSuffix("HTML") {
            report.diagnostics.append(.error("unsafe-template", at: location,
                                             "'\(name)' is inserted without HTML escaping; use {{\(name)}} (only values whose names end in HTML may use {{{ }}})"))
        }
    }
}
