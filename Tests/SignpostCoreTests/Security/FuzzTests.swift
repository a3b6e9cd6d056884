import Foundation
import Testing
@testable import SignpostCore

/// Seeded fuzzing, a fixed number of cases per run so CI is repeatable: mutated page files through
/// front-matter splitting and parsing, and generated links through rendering and link rewriting.
/// A crash or a hang fails the run; so does a diagnostic without a place in the file, or output
/// that lets markup or a script URL through.
@Suite struct FuzzTests {
    /// Valid page files the mutations start from: every kind of field and the ways YAML writes them.
    static let seeds: [String] = [
        page("title: Bouverie Centre\nsummary: Family therapy training\naudience: [consumer-workers]\ntags: [family, training]\ndate: 2024-03-01"),
        page("title: \"Quoted: title\"\nsummary: >-\n  Folded\n  summary\nreviewed: 2025-01-31\nweight: 3\ndraft: false"),
        page("title: 'Single # quoted'\ntags:\n  - one\n  - two\ncontact:\n  organisation: Org\n  website: https://example.org/\n  phone: 1800 123 456\n  email: info@example.org\n  address: 1 Street, Town"),
        page("title: A\nslug: a-page\nregion: [wa]\nworkforce: consumer", body: "# Heading\n\nText [link](b.md#x).\n"),
        "\u{FEFF}---\r\ntitle: Windows\r\n---\r\nBody\r\n",
        "---\ntitle: |\n  Literal\n  block\n...\nBody\n",
        "No front matter at all\n",
    ]

    /// Pieces that mean something to the splitter, YAML or the field readers.
    static let tokens: [String] = [
        "---", "...", "\n", "\r\n", "\r", ":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!x ", "\"", "'",
        "\t", "#", "|", ">-", "%YAML 1.1\n", "@", "`", "?", "\u{0}", "\u{FEFF}", "\u{2028}", "\u{202E}", "é", "e\u{301}", "😀",
        "title", "slug", "tags", "contact", "date", "2024-02-30", "yes", "null", "~", "<script>", "</script>", "&#106;", "..",
        "/", "\\", "%2e", "javascript:", "  ", "<<: *a\n", String(repeating: "[", count: 40), String(repeating: "x", count: 300),
    ]

    static func mutate(_ text: String, _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let at = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1: bytes.insert(contentsOf: tokens.randomElement(using: &random)!.utf8, at: at)
            case 2: if at < bytes.count { bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &random))) }
            case 3: if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &random) } // possibly not UTF-8
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...40, using: &random))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            default:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                if lines.count > 2 { lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random)) }
                bytes = Array(lines.joined(separator: [0x0A]))
            }
        }
        return bytes
    }

    static let frontMatterCases = 100_000

    @Test func mutatedPagesParseOrGivePlacedErrors() throws {
        let config = try ConfigLoader.parse(TestHub.minimalConfig)

        let file = SourceFile(kind: .page, path: "content/a.md", components: ["a.md"], url: URL(fileURLWithPath: "/nonexistent"))
        var random = SeededGenerator(state: 2026)
        var parsed = 0, refused = 0, corpusBytes = 0
        let start = ContinuousClock.now
        for index in 0..<Self.frontMatterCases {
            let bytes = Self.mutate(Self.seeds[index % Self.seeds.count], &random)
            corpusBytes += bytes.count
            let result = ContentParser.parse(Data(bytes), file: file, config: config)
            let lines = bytes.count { $0 == 0x0A || $0 == 0x0D } + 2
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.file == "content/a.md")
                #expect((1...lines).contains(diagnostic.location.line), "\(diagnostic) in \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                #expect(!diagnostic.message.isEmpty)
            }
            if result.diagnostics.hasErrors {
                refused += 1 // the page may be there, partly read, for `check`; the build stops
            } else if let page = result.page {
                #expect(!page.frontMatter.title.isEmpty)
                if let slug = page.frontMatter.slug { #expect(PathSafety.problem(inSegment: slug) == nil, "\(slug)") }
                parsed += 1
            } else {
                Issue.record("no page and no error for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
        let elapsed = ContinuousClock.now - start
        print("fuzz, front matter: \(Self.frontMatterCases) cases (\(corpusBytes / 1024) KB), \(parsed) parsed, \(refused) refused with errors, in \(elapsed)")
        #expect(elapsed < .seconds(300))
    }

    // MARK: Links

    static let linkTokens: [String] = [
        "javascript:", "JaVaScRiPt:", "java\tscript:", "java\u{0}script:", " javascript:", "&#106;avascript:", "javascript&colon;",
        "&#x6A;avascript:", "%6Aavascript:", "vbscript:", "data:text/html,", "data:image/svg+xml,", "file:", "http:", "https:",
        "//", "mailto:", "tel:", "other.md", "../other.md", "./", "..", "#top", "#", "?q=", "alert(1)", "<", ">", "\"", "'", "(", ")",
        "\\", " ", "%20", "&", "&amp;", "&quot;", "<script>", "onerror=", "\n", "é", "\u{202E}", "x", "/",
    ]

    static func linkText(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 1...5, using: &random)).map { _ in linkTokens.randomElement(using: &random)! }.joined()
    }

    static func linkMarkdown(_ random: inout SeededGenerator) -> String {
        let destination = linkText(&random), title = linkText(&random), text = linkText(&random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return "[\(text)](\(destination))"
        case 1: return "[\(text)](\(destination) \"\(title)\")"
        case 2: return "![\(text)](\(destination) '\(title)')"
        case 3: return "[\(text)](<\(destination)>)"
        case 4: return "<\(destination)>"
        case 5: return "[\(text)][r\(Int.random(in: 0..<3, using: &random))]\n\n[r\(Int.random(in: 0..<3, using: &random))]: \(destination) \"\(title)\""
        default: return "```\(text)\n\(destination)\n```"
        }
    }

    static let linkPages = 40, linksPerPage = 25, linkHubs = 40

    @Test func generatedLinksAreRewrittenSafely() async throws {
        var random = SeededGenerator(state: 9)
        var links = 0, checkedAttributes = 0, refusedPages = 0
        for _ in 0..<Self.linkHubs {
            var files = ["content/_index.md": page("title: Home"), "content/other.md": page("title: Other", body: "# Top\n")]
            for index in 0..<Self.linkPages {
                let body = (0..<Self.linksPerPage).map { _ in Self.linkMarkdown(&random) }.joined(separator: "\n\n")
                files["content/p\(index).md"] = page("title: P\(index)", body: body)
                links += Self.linksPerPage
            }
            let hub = try TestHub(files)
            defer { hub.remove() }
            // Links to missing pages are errors; the rendered bodies are there either way.
            let validated = try await Builder.validate(hub.options())
            let filesWithErrors = Set(validated.diagnostics.filter { $0.severity == .error }.map(\.location.file))
            for page in validated.graph.pages {
                let (markup, urls) = MarkupCheck.problems(inFragment: page.body.html)
                #expect(markup.isEmpty, "\(page.source.path): \(markup)\n\(page.markdown)")
                // A link no reader may follow is rendered, but it is an error: the build stops.
                #expect(urls.isEmpty || filesWithErrors.contains(page.source.path), "\(page.source.path): \(urls)\n\(page.markdown)")
                if !urls.isEmpty { refusedPages += 1 }
                checkedAttributes += MarkupCheck.urls(in: page.body.html).count
            }
        }
        print("fuzz, links: \(links) generated links on \(Self.linkHubs * Self.linkPages) pages, \(checkedAttributes) href/src values checked, \(refusedPages) pages with a link no reader may follow, each refused with an error")
        #expect(checkedAttributes > links / 4)
    }
}

/// Reads HTML that Signpost wrote (double-quoted attributes, escaped text) and lists what must
/// never be in it: script or other active elements, `on*` attributes, and URLs that are not
/// http(s), mailto, tel or relative. A quote or `<` that escaped escaping shows up here as an odd
/// attribute or an element.
enum MarkupCheck {
    static let activeElements: Set<String> = ["script", "iframe", "object", "embed", "form", "style", "link", "meta", "base", "svg", "math", "frame", "frameset", "template"]

    struct Tag { var name: String; var attributes: [(name: String, value: String)] }

    static func tags(in html: String) -> [Tag] {
        var tags: [Tag] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "!" }
            guard let close = rest.firstIndex(of: ">") else { break }
            var inside = rest[rest.index(rest.startIndex, offsetBy: name.count)..<close]
            rest = rest[rest.index(after: close)...]
            var attributes: [(String, String)] = []
            while true {
                inside = inside.drop { $0 == " " || $0 == "\n" || $0 == "/" }
                guard !inside.isEmpty else { break }
                let attribute = inside.prefix { $0 != "=" && $0 != " " && $0 != "\n" && $0 != ">" }
                inside = inside.dropFirst(attribute.count)
                var value = ""
                if inside.first == "=" {
                    inside = inside.dropFirst()
                    if inside.first == "\"" {
                        inside = inside.dropFirst()
                        value = String(inside.prefix { $0 != "\"" })
                        inside = inside.dropFirst(value.count + 1)
                    } else {
                        value = String(inside.prefix { $0 != " " })
                        inside = inside.dropFirst(value.count)
                        attributes.append(("unquoted:" + attribute, value))
                        continue
                    }
                }
                attributes.append((String(attribute), value))
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
        }
        return tags
    }

    static func decodeEntities(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";"), rest.distance(from: amp, to: semi) < 12 else { out += "&"; rest = rest.dropFirst(); continue }
            let entity = rest[rest.index(after: amp)..<semi]
            rest = rest[rest.index(after: semi)...]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "#39", "#x27": out += "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                    out.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "&" + entity + ";"
                }
            }
        }
        return out + rest
    }

    /// The URL attributes (`href`, `src`, `action`, `formaction`, `xlink:href`), decoded as a browser would.
    static func urls(in html: String) -> [String] {
        tags(in: html).flatMap { tag in
            tag.attributes.filter { ["href", "src", "action", "formaction", "xlink:href", "poster", "srcset"].contains($0.name.lowercased()) }
                .map { decodeEntities($0.value) }
        }
    }

    /// Whether a browser would treat `url` as http(s), mailto, tel or a relative URL.
    static func isSafeURL(_ url: String) -> Bool {
        // Browsers drop leading and trailing spaces and control characters, and tabs and newlines anywhere.
        let cleaned = String(url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.map(Character.init))
            .trimmingCharacters(in: CharacterSet(charactersIn: "\u{0}"..."\u{20}"))
        // A scheme is a letter and then letters, digits, '+', '-' or '.', before the first ':';
        // anything else makes the URL relative (`%6Aavascript:x` is a path).
        guard let colon = cleaned.firstIndex(of: ":"), let first = cleaned.unicodeScalars.first,
              first.isASCII, first.properties.isAlphabetic,
              cleaned[..<colon].unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return true }
        return ["http", "https", "mailto", "tel"].contains(cleaned[..<colon].lowercased())
    }

    /// Markup that must never be in a body, and URLs that must never be published (a page with
    /// one must have an error that stops the build): `(markup, urls)`.
    static func problems(inFragment html: String) -> (markup: [String], urls: [String]) {
        var problems: [String] = [], urls: [String] = []
        for tag in tags(in: html) {
            if activeElements.contains(tag.name) { problems.append("<\(tag.name)> element") }
            for (name, value) in tag.attributes {
                let lower = name.lowercased()
                if lower.hasPrefix("on") || lower.hasPrefix("unquoted:") || lower.contains("\"") || lower.contains("'") || lower.contains("<") {
                    problems.append("attribute \(name)=\(value)")
                }
                if ["href", "src", "action", "formaction", "xlink:href", "poster"].contains(lower), !isSafeURL(decodeEntities(value)) {
                    urls.append("\(name)=\"\(value)\"")
                }
            }
        }
        return (problems, urls)
    }
}
