import Foundation

/// Splits a Markdown file into front matter and body, and validates the front matter.
public enum FrontMatterParser {
    /// The page fields every hub accepts, besides one per taxonomy.
    public static let fixedFields = ["title", "summary", "date", "reviewed", "draft", "weight", "slug", "contact", "lint"]
    /// The fields a section's `_index.md` uses; its URL is its folder's and it lists pages rather than describing one.
    public static let sectionFields = ["title", "summary", "date", "reviewed", "draft", "weight", "lint"]
    static let contactFields = ["organisation", "website", "phone", "email", "address"]

    public struct Split: Sendable, Equatable {
        /// The YAML between the `---` lines, or nil if the file has none.
        public var yaml: String?
        public var body: String
        /// The file line the body starts on.
        public var bodyFirstLine: Int
    }

    /// Separates `---`-delimited front matter from the body. Fails only when an opening `---` is never closed.
    public static func split(_ text: String, file: String) -> Result<Split, Diagnostic> {
        // On UTF-8 bytes: `---` and line breaks are ASCII, and every file comes through here.
        let utf8 = text.utf8
        var start = utf8.startIndex
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = utf8.index(start, offsetBy: 3) }
        func isFence(_ line: Substring.UTF8View, _ marker: UInt8) -> Bool {
            var rest = line
            for _ in 0..<3 {
                guard rest.first == marker else { return false }
                rest = rest.dropFirst()
            }
            return rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
        let all = Substring(text)[start...].utf8
        guard let firstLineEnd = all.firstIndex(of: 0x0A), isFence(all[..<firstLineEnd], UInt8(ascii: "-")) else {
            if isFence(all, UInt8(ascii: "-")) {
                return .failure(.error("unclosed-front-matter", at: SourceLocation(file: file), "front matter starts here but is never closed with a line of ---"))
            }
            return .success(Split(yaml: nil, body: String(Substring(all)), bodyFirstLine: 1))
        }
        var line = 2
        var lineStart = utf8.index(after: firstLineEnd)
        while lineStart < utf8.endIndex {
            let lineEnd = all[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let content = all[lineStart..<lineEnd]
            if isFence(content, UInt8(ascii: "-")) || isFence(content, UInt8(ascii: ".")) {
                let yaml = String(Substring(all[utf8.index(after: firstLineEnd)..<lineStart]))
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(Split(yaml: yaml, body: String(Substring(all[bodyStart...])), bodyFirstLine: line + 1))
            }
            line += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return .failure(.error("unclosed-front-matter", at: SourceLocation(file: file),
                               "front matter starts here but is never closed with a line of ---"))
    }

    /// Validates front matter YAML (which starts on line 2 of `file`) against `config`.
    /// A section's `_index.md` (`isSection`) may leave out its title: its folder names it.
    public static func parse(_ yaml: String?, file: String, config: SiteConfig, isSection: Bool = false) -> Result<FrontMatter, DiagnosticsError> {
        let outcome = read(yaml, file: file, config: config, isSection: isSection)
        if let frontMatter = outcome.frontMatter, outcome.diagnostics.isEmpty { return .success(frontMatter) }
        return .failure(DiagnosticsError(outcome.diagnostics))
    }

    /// Front matter with every valid field, and a diagnostic for each invalid one. A page with
    /// mistakes still takes part in the rest of validation (its URL can still clash with another's).
    public struct Outcome: Sendable {
        /// Nil only when the YAML could not be read at all.
        public var frontMatter: FrontMatter?
        public var diagnostics: [Diagnostic]
    }

    public static func read(_ yaml: String?, file: String, config: SiteConfig, isSection: Bool = false) -> Outcome {
        var root: YAMLValue = .map([], YAMLPosition(line: 1, column: 1))
        if let yaml {
            switch YAMLReader.read(yaml, file: file, firstLine: 2) {
            case .failure(let diagnostic): return Outcome(frontMatter: nil, diagnostics: [diagnostic])
            case .success(let value?): root = value
            case .success(nil): break
            }
        }
        var reader = FieldReader(file: file)
        let known = isSection ? sectionFields : fixedFields + config.taxonomies.map(\.name)
        guard let fields = reader.fields(of: root, in: isSection ? "a section's _index.md" : "front matter", known: known) else {
            return Outcome(frontMatter: nil, diagnostics: reader.diagnostics)
        }

        var title = ""
        if let entry = fields["title"] {
            if let text = reader.text(entry) { title = text.trimmingSpaces() }
        } else if !isSection {
            reader.report("missing-title", at: yaml == nil ? YAMLPosition(line: 1, column: 1) : root.position,
                          yaml == nil ? "a page needs front matter with a title: start the file with ---, title: ..., ---"
                                      : "a page needs a 'title'")
        }
        var frontMatter = FrontMatter(title: title)
        for (name, entry) in fields { frontMatter.positions[name] = entry.value.position }
        if let entry = fields["lint"] { frontMatter.lintIgnore = lintIgnore(entry, reader: &reader) }
        if let entry = fields["summary"] { frontMatter.summary = reader.text(entry, allowEmpty: true).flatMap { $0.isEmpty ? nil : $0 } }
        if let entry = fields["date"] { frontMatter.date = reader.date(entry) }
        if let entry = fields["reviewed"] { frontMatter.reviewed = reader.date(entry) }
        if let entry = fields["draft"] { frontMatter.draft = reader.bool(entry) ?? false }
        if let entry = fields["weight"] { frontMatter.weight = reader.int(entry) }
        if let entry = fields["slug"], let slug = reader.text(entry, allowEmpty: true) {
            // Written the way file names become URLs: lower case, spaces as hyphens.
            let segment = URLPath.segment(slug)
            if let problem = PathSafety.problem(inSegment: slug.trimmingWhitespace().isEmpty ? slug : segment) {
                reader.report("unsafe-slug", at: entry.value.position, "'slug' cannot be used as part of a URL: \(problem)")
            } else {
                frontMatter.slug = segment
            }
        }
        if let entry = fields["contact"] {
            frontMatter.contact = contact(entry, reader: &reader)
        }
        for taxonomy in config.taxonomies {
            guard let entry = fields[taxonomy.name], let values = reader.list(entry) else { continue }
            var keys: [String] = []
            for (value, position) in values {
                let key: String
                if taxonomy.isOpen {
                    key = termKey(forOpenValue: value)
                    if let problem = PathSafety.problem(inSegment: key) {
                        reader.report("invalid-term", at: position, "'\(value)' cannot be a \(taxonomy.name) value: \(problem)")
                        continue
                    }
                } else {
                    guard taxonomy.terms.contains(where: { $0.key == value }) else {
                        let keysList = taxonomy.terms.map(\.key)
                        let hint = Suggestion.hint(for: value, in: keysList)
                        let known = hint.isEmpty ? "; \(signpostYAML) allows: \(keysList.joined(separator: ", "))" : ""
                        reader.report("unknown-term", at: position, "unknown \(taxonomy.name) '\(value)'\(hint)\(known)")
                        continue
                    }
                    key = value
                }
                if !keys.contains(key) {
                    keys.append(key)
                    if taxonomy.isOpen { frontMatter.spellings[taxonomy.name, default: [:]][key] = value }
                }
            }
            frontMatter.terms[taxonomy.name] = keys
        }
        return Outcome(frontMatter: frontMatter, diagnostics: reader.diagnostics)
    }

    private static let signpostYAML = ConfigLoader.fileName

    /// `lint: { ignore: [code, ...] }`, each code one that `signpost check` knows.
    static func lintIgnore(_ entry: YAMLEntry, reader: inout FieldReader) -> [String] {
        guard let fields = reader.fields(of: entry.value, in: "lint", known: ["ignore"]),
              let ignore = fields["ignore"], let values = reader.list(ignore) else { return [] }
        var codes: [String] = []
        for (code, position) in values {
            guard LintRule(rawValue: code) != nil else {
                let all = LintRule.allCases.map(\.rawValue)
                let hint = Suggestion.hint(for: code, in: all)
                reader.report("unknown-lint", at: position,
                              "'\(code)' is not a check that can be silenced\(hint.isEmpty ? "; the checks are: " + all.joined(separator: ", ") : hint)")
                continue
            }
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// `Peer Support` -> `peer-support`: the URL key of a value in an open taxonomy.
    public static func termKey(forOpenValue value: String) -> String {
        // Most values are keys already: lower-case ASCII letters and digits joined by single hyphens.
        let bytes = value.utf8
        func isKeyByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        if let first = bytes.first, let last = bytes.last, isKeyByte(first), isKeyByte(last),
           bytes.allSatisfy({ isKeyByte($0) || $0 == UInt8(ascii: "-") }),
           !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "-") && $1 == UInt8(ascii: "-") }) {
            return value
        }
        var key = ""
        var pendingHyphen = false
        for character in value.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !key.isEmpty { key.append("-") }
                key.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return key
    }

    private static func contact(_ entry: YAMLEntry, reader: inout FieldReader) -> Contact? {
        guard let fields = reader.fields(of: entry.value, in: "contact", known: contactFields) else { return nil }
        var contact = Contact()
        contact.organisation = fields["organisation"].flatMap { reader.text($0) }
        contact.address = fields["address"].flatMap { reader.text($0) }
        if let field = fields["website"], let website = reader.text(field) {
            if URLSafety.isWebURL(website) {
                contact.website = website
            } else {
                reader.report("invalid-url", at: field.value.position, "contact 'website' must be an https:// or http:// address, not '\(website)'")
            }
        }
        if let field = fields["email"], let email = reader.text(field) {
            if URLSafety.isEmailAddress(email) {
                contact.email = email
            } else {
                reader.report("invalid-email", at: field.value.position, "contact 'email' must be an address such as info@example.org, not '\(email)'")
            }
        }
        if let field = fields["phone"], let phone = reader.text(field) {
            if URLSafety.isPhoneNumber(phone) {
                contact.phone = phone
            } else {
                reader.report("invalid-phone", at: field.value.position,
                              "contact 'phone' must be a phone number (digits, spaces, +, - and brackets), not '\(phone)'")
            }
        }
        return contact
    }
}
