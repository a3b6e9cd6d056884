/// The check stage of `signpost check`: the validated graph -> content warnings (SPEC §12), each at
/// the file, line and column a contributor needs to fix, without those the page or hub silences.
/// Reads only what earlier stages kept (front matter, headings, links, unsupported syntax), so it
/// costs next to nothing beside the build's own validation.
public enum ContentLinter {
    public static func lint(_ graph: ContentGraph, config: SiteConfig, today: CalendarDate) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let hubIgnores = Set(config.lintIgnore)
        for page in graph.pages {
            let ignored = hubIgnores.union(page.frontMatter.lintIgnore)
            var found = markdownWarnings(page.body, file: page.source.path)
            found += frontMatterWarnings(page, config: config, today: today)
            warnings += found.filter { !ignored.contains($0.code) }
        }
        for section in graph.sections {
            guard let source = section.source else { continue }
            let ignored = hubIgnores.union(section.lintIgnore)
            warnings += markdownWarnings(section.introFacts, file: source.path).filter { !ignored.contains($0.code) }
        }
        return warnings
    }

    static func warning(_ rule: LintRule, _ file: String, _ line: Int, _ column: Int, _ message: String) -> Diagnostic {
        Diagnostic(.warning, code: rule.rawValue, at: SourceLocation(file: file, line: line, column: column), message)
    }

    // MARK: Markdown

    static func markdownWarnings(_ body: RenderedMarkdown, file: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for link in body.links {
            let text = link.text.trimmingWhitespace()
            if link.isImage {
                if text.isEmpty {
                    warnings.append(warning(.imageAlt, file, link.line, link.column,
                                            "this image has no alt text: write what it shows between the brackets, ![like this](\(link.destination)); for a purely decorative image, say so in lint: { ignore: [image-alt] }"))
                }
            } else if LintRule.vagueLinkTexts.contains(normalizedLinkText(text)) {
                warnings.append(warning(.vagueLinkText, file, link.line, link.column,
                                        "the link text '\(text)' does not say where the link goes: use words that make sense on their own, such as the page's or organisation's name"))
            }
        }

        // The page's title is its level-1 heading, so the body starts at level 2.
        var previous = 1
        for heading in body.headings {
            if heading.level == 1 {
                warnings.append(warning(.multipleH1, file, heading.line, heading.column,
                                        "'\(heading.text)' is a level-1 heading, but the page's title already is one: use ## for the body's top headings"))
            } else if heading.level > previous + 1 {
                let written = String(repeating: "#", count: heading.level)
                let expected = String(repeating: "#", count: previous + 1)
                warnings.append(warning(.headingSkip, file, heading.line, heading.column,
                                        "'\(heading.text)' jumps from level \(previous) to level \(heading.level) (\(written)): use \(expected) so screen-reader users can follow the outline"))
            }
            previous = heading.level
        }

        for syntax in body.unsupportedSyntax {
            switch syntax.kind {
            case .pipeTable:
                warnings.append(warning(.pipeTable, file, syntax.line, syntax.column,
                                        "tables are not supported and would show as lines of | characters: use a list, or a heading per row"))
            case .strikethrough:
                warnings.append(warning(.strikethrough, file, syntax.line, syntax.column,
                                        "~~strikethrough~~ is not supported and would show the tildes: remove the text, or say in words that it has changed"))
            case .taskList:
                warnings.append(warning(.taskList, file, syntax.line, syntax.column,
                                        "task boxes are not supported and would show as [ ] or [x]: write the item as plain text"))
            case .bareURL(let url):
                warnings.append(warning(.bareURL, file, syntax.line, syntax.column,
                                        "'\(url)' is not a link: write it as <\(url.hasPrefix("www.") ? "https://" + url : url)> or [a description](\(url.hasPrefix("www.") ? "https://" + url : url))"))
            }
        }
        return warnings
    }

    /// `Click here!` -> `click here`
    static func normalizedLinkText(_ text: Substring) -> String {
        let lowered = text.lowercased()
        let words = lowered.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }
        return words.joined(separator: " ")
    }

    // MARK: Front matter

    static func frontMatterWarnings(_ page: Page, config: SiteConfig, today: CalendarDate) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let file = page.source.path
        if let reviewed = page.frontMatter.reviewed {
            let due = reviewed.addingMonths(config.review.maxAgeMonths)
            if today > due {
                let months = (today.year - reviewed.year) * 12 + (today.month - reviewed.month) - (today.day < reviewed.day ? 1 : 0)
                let position = page.frontMatter.positions["reviewed"] ?? YAMLPosition(line: 1, column: 1)
                warnings.append(warning(.reviewOverdue, file, position.line, position.column,
                                        "this page was last reviewed on \(reviewed.iso), \(months) months ago, and was due for review on \(due.iso) (every \(config.review.maxAgeMonths) months): check its facts, then set reviewed: \(today.iso)"))
            }
        } else {
            warnings.append(warning(.reviewMissing, file, 1, 1,
                                    "this page has no reviewed date: once its facts are checked, add reviewed: \(today.iso) to the front matter"))
        }
        if config.taxonomy(named: "audience") != nil, (page.frontMatter.terms["audience"] ?? []).isEmpty {
            let choices = config.taxonomy(named: "audience")?.terms.map(\.key).joined(separator: ", ") ?? ""
            let position = page.frontMatter.positions["audience"] ?? YAMLPosition(line: 1, column: 1)
            warnings.append(warning(.audienceMissing, file, position.line, position.column,
                                    "this page has no audience, so it appears under no 'browse by audience' list: add audience: [...] with one or more of: \(choices)"))
        }
        return warnings
    }
}
