import Foundation

/// Stage 1, load config: `signpost.yml` -> `SiteConfig`, with every problem reported at once.
public enum ConfigLoader {
    public static let fileName = "signpost.yml"

    static let knownKeys = [
        "title", "base_url", "language", "theme", "paginate", "leave_notice", "quick_exit",
        "crisis", "acknowledgement", "review", "taxonomies", "lint",
    ]

    /// The taxonomies every hub has unless its config redefines them.
    public static let defaultTaxonomies: [Taxonomy] = [
        Taxonomy(name: "audience", title: "Audience", isOpen: false, terms: [
            .init(key: "consumer-workers", label: "Consumer lived experience workers"),
            .init(key: "carer-workers", label: "Family and carer lived experience workers"),
            .init(key: "managers", label: "Managers and coordinators"),
            .init(key: "colleagues", label: "Colleagues in the wider workforce"),
        ]),
        Taxonomy(name: "workforce", title: "Workforce", isOpen: false, terms: [
            .init(key: "consumer", label: "Consumer lived experience"),
            .init(key: "family-carer", label: "Family and carer lived experience"),
        ]),
        Taxonomy(name: "region", title: "Region", isOpen: false, terms: [
            .init(key: "act", label: "Australian Capital Territory"),
            .init(key: "nsw", label: "New South Wales"),
            .init(key: "nt", label: "Northern Territory"),
            .init(key: "qld", label: "Queensland"),
            .init(key: "sa", label: "South Australia"),
            .init(key: "tas", label: "Tasmania"),
            .init(key: "vic", label: "Victoria"),
            .init(key: "wa", label: "Western Australia"),
            .init(key: "national", label: "National"),
            .init(key: "international", label: "International"),
        ]),
        Taxonomy(name: "tags", title: "Topics", isOpen: true, terms: []),
    ]

    /// A config with every valid setting (defaults for the rest) and a diagnostic for each problem,
    /// so a build can go on to find the content's problems in the same run.
    public struct Loaded: Sendable {
        public var config: SiteConfig
        public var diagnostics: [Diagnostic]
    }

    /// Reads `signpost.yml` in `root`. `baseURLOverride` (from `--base-url`) replaces `base_url`.
    /// Throws only when there is no usable config at all (missing, not UTF-8, not YAML).
    public static func load(root: URL, baseURLOverride: String? = nil) throws(DiagnosticsError) -> Loaded {
        let url = root.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticsError([.error("missing-config", at: SourceLocation(file: fileName),
                                           "no \(fileName) in \(root.path); every hub needs one (see README.md, 'Quick start')")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticsError([.error("not-utf8", at: SourceLocation(file: fileName), "\(fileName) is not UTF-8 text; save it as UTF-8")])
        }
        return try read(text, baseURLOverride: baseURLOverride)
    }

    /// Parses config text, failing on any problem; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String = fileName, baseURLOverride: String? = nil) throws(DiagnosticsError) -> SiteConfig {
        let loaded = try read(text, file: file, baseURLOverride: baseURLOverride)
        if !loaded.diagnostics.isEmpty { throw DiagnosticsError(loaded.diagnostics) }
        return loaded.config
    }

    static func read(_ text: String, file: String = fileName, baseURLOverride: String? = nil) throws(DiagnosticsError) -> Loaded {
        let root: YAMLValue
        switch YAMLReader.read(text, file: file) {
        case .failure(let diagnostic): throw DiagnosticsError([diagnostic])
        case .success(nil): root = .map([], YAMLPosition(line: 1, column: 1))
        case .success(let value?): root = value
        }
        var reader = FieldReader(file: file)
        let fields = reader.fields(of: root, in: file, known: knownKeys) ?? [:]
        let start = YAMLPosition(line: 1, column: 1)

        var title = ""
        if let entry = fields["title"] {
            title = reader.text(entry) ?? ""
        } else {
            reader.report("missing-field", at: start, "\(file) needs a 'title' (the hub's name)")
        }

        var baseURL = BaseURL(scheme: "https", authority: "example.org", host: "example.org", path: "/")
        if let override = baseURLOverride {
            switch BaseURL.parse(override) {
            case .success(let parsed): baseURL = parsed
            case .failure(let error):
                reader.report("invalid-base-url", at: start, "--base-url \(error.message), not '\(override)'")
            }
        } else if let entry = fields["base_url"] {
            if let text = reader.text(entry) {
                switch BaseURL.parse(text) {
                case .success(let parsed): baseURL = parsed
                case .failure(let error):
                    reader.report("invalid-base-url", at: entry.value.position, "'base_url' \(error.message), not '\(text)'")
                }
            }
        } else {
            reader.report("missing-field", at: start, "\(file) needs a 'base_url', the address the hub is published at (such as https://hub.example.org/)")
        }

        var language = "en"
        if let entry = fields["language"], let text = reader.text(entry) {
            if isLanguageTag(text) {
                language = text
            } else {
                reader.report("invalid-language", at: entry.value.position, "'language' must be a language tag such as en-AU, not '\(text)'")
            }
        }

        var theme = "default"
        if let entry = fields["theme"], let text = reader.text(entry) {
            if PathSafety.problem(inSegment: text) == nil {
                theme = text
            } else {
                reader.report("invalid-theme", at: entry.value.position, "'theme' must be the name of a folder in themes/, not '\(text)'")
            }
        }

        var paginate = 20
        if let entry = fields["paginate"], let value = reader.int(entry, minimum: 1) {
            paginate = value
        }

        var leaveNotice = LeaveNoticeSettings()
        if let entry = fields["leave_notice"], let sub = reader.fields(of: entry.value, in: "leave_notice", known: ["enabled", "exempt_hosts"]) {
            if let enabled = sub["enabled"].flatMap({ reader.bool($0) }) { leaveNotice.enabled = enabled }
            if let hosts = sub["exempt_hosts"].flatMap({ reader.list($0) }) {
                for (host, position) in hosts {
                    if isHostName(host) {
                        leaveNotice.exemptHosts.append(host.lowercased())
                    } else {
                        reader.report("invalid-host", at: position, "exempt host must be a host name such as www.example.org, not '\(host)'")
                    }
                }
            }
        }

        var quickExit = QuickExitSettings()
        if let entry = fields["quick_exit"], let sub = reader.fields(of: entry.value, in: "quick_exit", known: ["enabled", "url"]) {
            if let enabled = sub["enabled"].flatMap({ reader.bool($0) }) { quickExit.enabled = enabled }
            if let urlEntry = sub["url"], let url = reader.text(urlEntry) {
                if URLSafety.isWebURL(url) {
                    quickExit.url = url
                } else {
                    reader.report("invalid-url", at: urlEntry.value.position, "'quick_exit.url' must be an https:// or http:// address, not '\(url)'")
                }
            }
        }

        var crisisText: String?
        if let entry = fields["crisis"], let sub = reader.fields(of: entry.value, in: "crisis", known: ["text"]) {
            if let entry = sub["text"], let text = reader.text(entry) {
                let destinations = MarkdownRenderer.inlineLinkDestinations(text)
                if destinations == nil {
                    reader.report("invalid-crisis-text", at: entry.value.position,
                                  "'crisis.text' must be one paragraph of text (**bold** and [links](https://...) are fine; headings, lists and blank lines are not)")
                } else if let unsafe = destinations?.first(where: { !LinkResolver.isFollowable($0) }) {
                    // cmark would print such a link with an empty href: a dead link in the one
                    // place a reader in crisis looks for help.
                    reader.report("unsafe-link", at: entry.value.position, "in 'crisis.text': " + LinkResolver.unsupportedMessage(unsafe))
                } else {
                    crisisText = text
                }
            }
        }

        let acknowledgement = fields["acknowledgement"].flatMap { reader.text($0) }

        var review = ReviewSettings()
        if let entry = fields["review"], let sub = reader.fields(of: entry.value, in: "review", known: ["max_age_months"]) {
            if let months = sub["max_age_months"].flatMap({ reader.int($0, minimum: 1) }) { review.maxAgeMonths = months }
        }

        var taxonomies = defaultTaxonomies
        if let entry = fields["taxonomies"] {
            readTaxonomies(entry.value, into: &taxonomies, reader: &reader)
        }

        var config = SiteConfig(
            title: title, baseURL: baseURL, language: language, theme: theme, paginate: paginate,
            leaveNotice: leaveNotice, quickExit: quickExit, crisisText: crisisText,
            acknowledgement: acknowledgement, review: review, taxonomies: taxonomies)
        if let entry = fields["lint"] {
            config.lintIgnore = FrontMatterParser.lintIgnore(entry, reader: &reader)
        }
        return Loaded(config: config, diagnostics: reader.diagnostics)
    }

    /// Names a taxonomy cannot take: page fields, and paths the generator writes itself.
    static let reservedTaxonomyNames = Set(FrontMatterParser.fixedFields).union(URLPath.generatedTopLevel.keys)

    private static func readTaxonomies(_ value: YAMLValue, into taxonomies: inout [Taxonomy], reader: inout FieldReader) {
        guard case .map(let entries, _) = value else {
            reader.report("wrong-type", at: value.position, "'taxonomies' must be a set of fields, one per taxonomy")
            return
        }
        for entry in entries {
            let name = entry.key
            if reservedTaxonomyNames.contains(name) || !isSlug(name) {
                reader.report("invalid-taxonomy", at: entry.keyPosition,
                              "'\(name)' cannot name a taxonomy: use lower-case letters, digits and hyphens, and not a page field or a reserved path")
                continue
            }
            guard let sub = reader.fields(of: entry.value, in: "taxonomy '\(name)'", known: ["title", "terms", "open"]) else { continue }
            let existing = taxonomies.firstIndex { $0.name == name }
            var taxonomy = existing.map { taxonomies[$0] }
                ?? Taxonomy(name: name, title: Taxonomy.label(derivedFrom: name), isOpen: false, terms: [])
            if let title = sub["title"].flatMap({ reader.text($0) }) { taxonomy.title = title }
            if let open = sub["open"].flatMap({ reader.bool($0) }) { taxonomy.isOpen = open }
            if let termsEntry = sub["terms"] {
                taxonomy.terms = []
                if case .map(let termEntries, _) = termsEntry.value {
                    for term in termEntries {
                        guard isSlug(term.key) else {
                            reader.report("invalid-term", at: term.keyPosition,
                                          "term key '\(term.key)' must use lower-case letters, digits and hyphens (it becomes part of a URL)")
                            continue
                        }
                        if let label = reader.text(term) { taxonomy.terms.append(.init(key: term.key, label: label)) }
                    }
                } else {
                    reader.report("wrong-type", at: termsEntry.value.position,
                                  "'terms' must map each term key to its label, such as `vic: Victoria`")
                }
            } else if existing == nil && !taxonomy.isOpen {
                reader.report("missing-field", at: entry.keyPosition,
                              "taxonomy '\(name)' needs 'terms' (the values pages may use) or `open: true`")
            }
            if let existing { taxonomies[existing] = taxonomy } else { taxonomies.append(taxonomy) }
        }
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
    }

    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func isHostName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
