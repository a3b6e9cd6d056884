import Foundation

/// `signpost new` and `signpost init`: files a contributor starts from, complete enough that the
/// build and `signpost check` accept them at once, with the choices written out in comments.
public enum Scaffold {
    // MARK: signpost new

    /// Writes a new page (or a section's `_index.md`) at `path`, which is relative to the hub's
    /// `content/` folder (a leading `content/` is allowed, `.md` is added when missing). Never
    /// overwrites. Returns the file's path relative to the hub.
    public static func createPage(root: URL, path: String, title: String?, today: CalendarDate) throws(DiagnosticsError) -> String {
        let config = try ConfigLoader.load(root: root).config
        let relative = try contentPath(path)
        let display = "content/" + relative.joined(separator: "/")
        let file = relative.reduce(root.appendingPathComponent("content", isDirectory: true)) { $0.appendingPathComponent($1) }
        if FileManager.default.fileExists(atPath: file.path) {
            throw DiagnosticsError([.error("file-exists", at: SourceLocation(file: display),
                                           "this file already exists; signpost new never overwrites: choose another name, or edit it")])
        }
        let stem = String(relative.last!.dropLast(3))
        let isSection = stem == "_index"
        let name = isSection ? (relative.count > 1 ? relative[relative.count - 2] : config.title) : stem
        let pageTitle = title ?? Taxonomy.label(derivedFrom: name)
        let text = isSection ? sectionText(title: pageTitle) : pageText(title: pageTitle, config: config, today: today)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `.withoutOverwriting`: a file that appeared since the check above is still not replaced.
            try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw DiagnosticsError([.error("write-failed", at: SourceLocation(file: display), "could not write the page: \(error.localizedDescription)")])
        }
        return display
    }

    /// `training/new-course` -> `["training", "new-course.md"]`, refusing anything that would
    /// land outside `content/` or could not be part of a URL.
    static func contentPath(_ path: String) throws(DiagnosticsError) -> [String] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.first == "content" { parts.removeFirst() }
        func refuse(_ why: String) -> DiagnosticsError {
            DiagnosticsError([.error("unsafe-path", at: SourceLocation(file: path), "cannot create a page here: \(why)")])
        }
        guard !path.hasPrefix("/"), !parts.isEmpty else { throw refuse("give a path inside content/, such as training/new-course.md") }
        if !parts[parts.count - 1].lowercased().hasSuffix(".md") { parts[parts.count - 1] += ".md" }
        for (index, part) in parts.enumerated() {
            let segment = index == parts.count - 1 ? String(part.dropLast(3)) : part
            if segment == "_index", index == parts.count - 1 { continue }
            if let problem = PathSafety.problem(inSegment: segment) { throw refuse("'\(part)': \(problem)") }
        }
        return parts
    }

    static func pageText(title: String, config: SiteConfig, today: CalendarDate) -> String {
        var lines = [
            "---",
            "title: \(yamlString(title))",
            "# One or two sentences for lists and search results. Leave empty to use the first paragraph.",
            "summary: \"\"",
        ]
        for taxonomy in config.taxonomies {
            lines.append("")
            if taxonomy.isOpen {
                lines.append("# \(taxonomy.title): any words, as a list, for example [supervision, peer-support].")
            } else {
                lines.append("# \(taxonomy.title): one or more of these (the part before the colon):")
                for term in taxonomy.terms { lines.append("#   \(term.key): \(term.label)") }
            }
            lines.append("\(taxonomy.name): []")
        }
        lines += [
            "",
            "# When the page was first published (YYYY-MM-DD).",
            "date: \(today.iso)",
            "# When someone last checked its facts: add this once you have (signpost check reminds you).",
            "# reviewed: \(today.iso)",
            "",
            "# Optional:",
            "# draft: true          # keeps the page out of the site until you remove this line",
            "# weight: 10           # lower numbers come first in the section's list",
            "# slug: other-name     # the last part of the page's address, instead of the file name",
            "# contact:             # a contact card for the organisation the page describes",
            "#   organisation: Name of the organisation",
            "#   website: https://www.example.org/",
            "#   phone: \"(03) 9000 0000\"",
            "#   email: info@example.org",
            "#   address: 1 Example Street, Suburb VIC 3000",
            "---",
            "Start with what the resource offers and who it is for.",
            "",
            "## How to take part",
            "",
            "Say how to join, book or get in touch.",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    static func sectionText(title: String) -> String {
        """
        ---
        title: \(yamlString(title))
        # One sentence about what this section holds, shown on its page and in lists.
        summary: ""
        # weight: 10    # lower numbers come first among sections
        ---
        An introduction to the section, shown above its list of pages.

        """
    }

    /// A YAML double-quoted scalar.
    static func yamlString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: signpost init

    /// Creates a new hub in `folder` (made if missing; refused if it has anything in it).
    /// Returns the files written, relative to `folder`.
    public static func createHub(at folder: URL, today: CalendarDate) throws(DiagnosticsError) -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DiagnosticsError([.error("not-empty", at: SourceLocation(file: folder.path), "this is a file, not a folder: choose a new folder for the hub")])
            }
            let entries = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
            if !entries.isEmpty {
                throw DiagnosticsError([.error("not-empty", at: SourceLocation(file: folder.path),
                                               "this folder is not empty (it has \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", ..." : "")); signpost init only creates a hub in a new or empty folder")])
            }
        }
        let files = hubFiles(today: today)
        do {
            for (path, text) in files {
                let url = folder.appendingPathComponent(path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw DiagnosticsError([.error("write-failed", at: SourceLocation(file: folder.path), "could not create the hub: \(error.localizedDescription)")])
        }
        return files.map(\.path)
    }

    static func hubFiles(today: CalendarDate) -> [(path: String, text: String)] {
        [
            (ConfigLoader.fileName, configText),
            ("content/_index.md", """
                ---
                title: Lived Experience Workforce Hub
                summary: Training, supervision, networks and resources for lived experience workers.
                ---
                Welcome. This hub points consumer and family/carer lived experience workers, their
                managers and colleagues to training, supervision, networks and resources.

                """),
            ("content/training/_index.md", sectionText(title: "Training").replacingOccurrences(
                of: "summary: \"\"", with: "summary: Courses and workshops for lived experience workers.")),
            ("content/training/example-course.md", """
                ---
                title: An example course
                summary: A short description of the course, shown in lists and search results.
                audience: [consumer-workers, carer-workers]
                workforce: [consumer, family-carer]
                region: national
                tags: [training]
                date: \(today.iso)
                reviewed: \(today.iso)
                ---
                Replace this page with a real resource, or run `signpost new training/my-course.md`
                for a page with every field explained.

                ## Who it is for

                Peer workers who are new to the role.

                ## How to take part

                Say how to book, what it costs and who to contact.

                """),
        ]
    }

    static let configText = """
        # The hub's settings. After a change, run `signpost check` to see that all is well.

        # The hub's name, shown on every page.
        title: Lived Experience Workforce Hub
        # Where the site will be published: every link and the sitemap are made from it.
        base_url: https://hub.example.org/
        # The language of the pages, for screen readers and search engines.
        language: en-AU
        theme: default
        # How many pages each section and topic list shows before "Next page".
        paginate: 20

        # Links to other websites go through a page that says the reader is leaving.
        leave_notice:
          enabled: true
          # Sites that are part of this one (their links go straight there).
          exempt_hosts: []

        # A "Quick exit" button on every page, and Shift pressed three times, leave for this address.
        quick_exit:
          enabled: true
          url: https://www.bom.gov.au/

        # A banner on every page. Phone numbers become links that call.
        crisis:
          text: "If you need urgent help, call Lifeline on 13 11 14 (24 hours) or 000 in an emergency."

        # Shown in every page's footer.
        acknowledgement: "We acknowledge the Traditional Custodians of the lands on which we live and work, and pay our respects to Elders past and present."

        # `signpost check` warns about pages not reviewed for this many months.
        review:
          max_age_months: 24

        # How readers browse the hub. Pages choose from these in their front matter.
        taxonomies:
          audience:
            title: Audience
            terms:
              consumer-workers: Consumer lived experience workers
              carer-workers: Family and carer lived experience workers
              managers: Managers and coordinators
              colleagues: Colleagues in the wider workforce
          workforce:
            title: Workforce
            terms:
              consumer: Consumer lived experience
              family-carer: Family and carer lived experience
          region:
            title: Region
            terms:
              national: National
              wa: Western Australia
              vic: Victoria
              nsw: New South Wales
              qld: Queensland
              sa: South Australia
              tas: Tasmania
              act: Australian Capital Territory
              nt: Northern Territory
          tags:
            title: Topics
            open: true

        # Checks that `signpost check` should skip for the whole hub, for example [review-missing].
        # lint:
        #   ignore: []

        """
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
