import Foundation

/// Keeps templates from turning off HTML escaping for values that come from authors.
///
/// Mustache escapes `{{value}}` but not `{{{value}}}` or `{{& value}}`. Only values the generator
/// has made safe HTML itself (rendered Markdown) may be inserted that way, and their names end in
/// `HTML` (`page.contentHTML`), so a template cannot insert a title or summary unescaped.
enum TemplateSafety {
    static func check(_ template: String, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            var searchStart = line.startIndex
            while let open = line[searchStart...].range(of: "{{") {
                let afterOpen = open.upperBound
                var name: Substring?
                if line[afterOpen...].hasPrefix("{"), let close = line[afterOpen...].range(of: "}}}") {
                    name = line[line.index(after: afterOpen)..<close.lowerBound]
                } else if line[afterOpen...].hasPrefix("&"), let close = line[afterOpen...].range(of: "}}") {
                    name = line[line.index(after: afterOpen)..<close.lowerBound]
                } else if line[afterOpen...].drop(while: { $0 == " " }).hasPrefix("%") {
                    diagnostics.append(.error("unsafe-template", at: SourceLocation(file: file, line: lineIndex + 1, column: line.distance(from: line.startIndex, to: open.lowerBound) + 1),
                                              "pragmas such as CONTENT_TYPE are not allowed: they can turn off HTML escaping"))
                }
                if let name {
                    let trimmed = name.trimmingCharacters(in: .whitespaces)
                    let last = trimmed.split(separator: ".").last.map(String.init) ?? trimmed
                    if !last.hasSuffix("HTML") {
                        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                        diagnostics.append(.error("unsafe-template", at: SourceLocation(file: file, line: lineIndex + 1, column: column),
                                                  "'\(trimmed)' is inserted without HTML escaping; use {{\(trimmed)}} (only values whose names end in HTML may use {{{ }}})"))
                    }
                }
                searchStart = afterOpen
            }
        }
        return diagnostics
    }
}
