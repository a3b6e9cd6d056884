/// Stage 5, render Markdown: every page body and section intro -> HTML, now that every URL is
/// known. Links are resolved on the syntax tree (`LinkResolver`), external ones pointed at their
/// leave-site notices, headings given ids; then every `#fragment` is checked against the ids of
/// the page it points to. Parallel per page; the checks and the notices are gathered afterwards.
public enum BodyRenderer {
    public struct Result: Sendable {
        public var graph: ContentGraph
        public var diagnostics: [Diagnostic]
        /// What each body's links found, kept so `serve` can re-render one body and redo only the
        /// checks and notices that depend on it.
        public var facts: Facts
    }

    /// Per body (pages by index, then sections by index): its link problems, the anchors it
    /// points at, and the addresses it leaves the site for.
    public struct Facts: Sendable {
        var pages: [Rendered]
        var sections: [Int: Rendered]
    }

    /// Ids the default theme uses on its pages; headings number around them, and links may point at them.
    public static let themeIDs: Set<String> = [
        "main", "contact-heading", "terms-heading", "related-heading", "toc-heading", "subsections-heading",
        "pages-heading", "browse-heading", "recent-heading", "ways-in-heading", "quick-exit", "quick-exit-status",
    ]

    /// What rendering one body found out, besides its HTML.
    struct Rendered: Sendable {
        var body: RenderedMarkdown
        var diagnostics: [Diagnostic]
        var anchorChecks: [(target: LinkResolver.Target, fragment: String, written: String, location: SourceLocation)]
        var externalLinks: [(url: ExternalURL, text: String, location: SourceLocation)]
        /// The start of the first paragraph, for a page whose front matter has no summary (nil for others).
        var excerpt: String?
    }

    /// Every body rendered into `graph`, before the checks that need all of them (`check`).
    public struct Rendering: Sendable {
        public var graph: ContentGraph
        public var facts: Facts
    }

    public static func render(_ graph: ContentGraph, config: SiteConfig, jobs: Int) async -> Result {
        check(await renderBodies(graph, config: config, jobs: jobs), config: config)
    }

    /// The `#fragment` checks against every body's headings, the link problems, and the leave-site
    /// notices (into the graph). Serial; it can run beside other work once the bodies are in.
    public static func check(_ rendering: Rendering, config: SiteConfig) -> Result {
        var graph = rendering.graph
        let (diagnostics, notices) = gather(rendering.facts, graph: graph, policy: LeavePolicy(config: config))
        graph.leaveNotices = notices
        return Result(graph: graph, diagnostics: diagnostics, facts: rendering.facts)
    }

    /// Renders every body in parallel and stores the HTML, plain text and headings in the graph.
    public static func renderBodies(_ graph: ContentGraph, config: SiteConfig, jobs: Int) async -> Rendering {
        let resolver = LinkResolver(graph: graph, config: config)
        let policy = LeavePolicy(config: config)
        let jobsList: [(target: LinkResolver.Target, source: SourceFile, markdown: String, firstLine: Int, wantsExcerpt: Bool)] =
            graph.pages.indices.map { index in
                let page = graph.pages[index]
                return (.page(index), page.source, page.markdown, page.bodyFirstLine, page.summary.isEmpty)
            }
            + graph.sections.enumerated().compactMap { index, section in
                section.source.map { (.section(index), $0, section.introMarkdown, section.introFirstLine, false) }
            }
        let rendered = await Parallel.map(jobsList, jobs: jobs) { job in
            renderBody(job.markdown, firstLine: job.firstLine, source: job.source, this: job.target,
                       resolver: resolver, policy: policy, wantsExcerpt: job.wantsExcerpt)
        }

        var graph = graph
        var facts = Facts(pages: [], sections: [:])
        facts.pages.reserveCapacity(graph.pages.count)
        for (job, result) in zip(jobsList, rendered) {
            store(result, for: job.target, in: &graph)
            var kept = result
            kept.body = .empty
            switch job.target {
            case .page: facts.pages.append(kept)
            case .section(let index): facts.sections[index] = kept
            }
        }
        return Rendering(graph: graph, facts: facts)
    }

    /// Renders page `index` again from `markdown` (its body as now written), in a graph whose
    /// pages, sections and files are otherwise unchanged and had no link errors. Redoes only what
    /// depends on this body: its own links, the `#fragment` links from anywhere into it, and the
    /// notices of the addresses it linked to before or links to now.
    static func rerender(page index: Int, markdown: String, in graph: ContentGraph, facts: Facts,
                         config: SiteConfig, resolver: LinkResolver) -> Result {
        let policy = LeavePolicy(config: config)
        var graph = graph
        var facts = facts
        let page = graph.pages[index]
        let old = facts.pages[index]
        graph.pages[index].summary = page.frontMatter.summary ?? ""
        let result = renderBody(markdown, firstLine: page.bodyFirstLine, source: page.source, this: .page(index),
                                resolver: resolver, policy: policy, wantsExcerpt: graph.pages[index].summary.isEmpty)
        store(result, for: .page(index), in: &graph)
        var kept = result
        kept.body = .empty
        facts.pages[index] = kept

        var diagnostics = result.diagnostics
        var checks = result.anchorChecks
        let target = LinkResolver.Target.page(index)
        for (other, rendered) in facts.pages.enumerated() where other != index {
            for check in rendered.anchorChecks where check.target == target { checks.append(check) }
        }
        for rendered in facts.sections.values {
            for check in rendered.anchorChecks where check.target == target { checks.append(check) }
        }
        diagnostics += checkAnchors(checks, graph: graph)

        let affected = Set(old.externalLinks.map(\.url) + result.externalLinks.map(\.url))
        if !affected.isEmpty {
            var links: [(url: ExternalURL, text: String, location: SourceLocation)] = []
            func collect(_ rendered: Rendered) {
                for link in rendered.externalLinks where affected.contains(link.url) { links.append(link) }
            }
            facts.pages.forEach(collect)
            facts.sections.values.forEach(collect)
            links += contactLinks(graph, policy: policy).filter { affected.contains($0.url) }
            graph.leaveNotices = (graph.leaveNotices.filter { !affected.contains($0.destination) } + notices([links], policy: policy))
                .sorted { $0.id < $1.id }
        }
        return Result(graph: graph, diagnostics: diagnostics, facts: facts)
    }

    private static func store(_ result: Rendered, for target: LinkResolver.Target, in graph: inout ContentGraph) {
        switch target {
        case .page(let index):
            graph.pages[index].body = result.body
            graph.pages[index].markdown = ""
            if graph.pages[index].summary.isEmpty {
                graph.pages[index].summary = result.excerpt ?? ""
            }
        case .section(let index):
            graph.sections[index].introHTML = result.body.html
            graph.sections[index].anchors = result.body.headings.map(\.id)
            var introFacts = result.body
            introFacts.html = ""
            introFacts.plainText = ""
            graph.sections[index].introFacts = introFacts
            graph.sections[index].introMarkdown = ""
        }
    }

    /// Every body's link problems, the anchor checks against the headings now known, and one leave
    /// notice per address.
    private static func gather(_ facts: Facts, graph: ContentGraph, policy: LeavePolicy) -> ([Diagnostic], [LeaveNotice]) {
        var diagnostics: [Diagnostic] = []
        var checks: [(target: LinkResolver.Target, fragment: String, written: String, location: SourceLocation)] = []
        // Each body's lists are read where they are (joining them would copy every link).
        let sections = facts.sections.keys.sorted().map { facts.sections[$0]! }
        for index in facts.pages.indices where !facts.pages[index].diagnostics.isEmpty || !facts.pages[index].anchorChecks.isEmpty {
            diagnostics += facts.pages[index].diagnostics
            checks += facts.pages[index].anchorChecks
        }
        for result in sections {
            diagnostics += result.diagnostics
            checks += result.anchorChecks
        }
        diagnostics += checkAnchors(checks, graph: graph)
        let external = facts.pages.map(\.externalLinks) + sections.map(\.externalLinks) + [contactLinks(graph, policy: policy)]
        return (diagnostics, notices(external, policy: policy))
    }

    /// Contact cards' websites leave the site too, named by the organisation.
    private static func contactLinks(_ graph: ContentGraph, policy: LeavePolicy) -> [(url: ExternalURL, text: String, location: SourceLocation)] {
        graph.pages.indices.compactMap { index in
            guard let contact = graph.pages[index].frontMatter.contact, let website = contact.website,
                  let url = ExternalURL(website), !policy.isSameSite(url) else { return nil }
            return (url, contact.organisation ?? url.host, SourceLocation(file: graph.pages[index].source.path))
        }
    }

    private static func renderBody(_ markdown: String, firstLine: Int, source: SourceFile, this: LinkResolver.Target,
                                   resolver: LinkResolver, policy: LeavePolicy, wantsExcerpt: Bool) -> Rendered {
        // The rewrite runs during `render`, once per link in the order of `body.links`; keeping
        // its resolutions spares the findings below resolving every link a second time.
        var resolutions: [LinkResolver.Resolution] = []
        let body = MarkdownRenderer.render(markdown, options: MarkdownOptions(firstLine: firstLine, reservedIDs: themeIDs)) { link in
            let resolution = resolver.resolve(link, from: source, this: this)
            resolutions.append(resolution)
            switch resolution {
            case .keep, .problem: return .keep
            case .local(let url, _, _): return url == link.destination ? .keep : .replace(url)
            case .external(let url):
                if policy.isSameSite(url) { return .keep }
                return link.isImage ? .keep : .replaceLeavingSite(policy.href(for: url, written: link.destination))
            }
        }
        var result = Rendered(body: body, diagnostics: [], anchorChecks: [], externalLinks: [],
                              excerpt: wantsExcerpt ? Summary.excerpt(from: body.firstParagraph ?? "") : nil)
        for (link, resolution) in zip(body.links, resolutions) {
            let location = SourceLocation(file: source.path, line: link.line, column: link.column)
            switch resolution {
            case .keep:
                break
            case .problem(let code, let message):
                result.diagnostics.append(.error(code, at: location, message))
            case .local(_, let target, let fragment):
                if let target, let fragment, !fragment.isEmpty {
                    result.anchorChecks.append((target, fragment, link.destination, location))
                }
            case .external(let url):
                if !link.isImage, !policy.isSameSite(url) { result.externalLinks.append((url, link.text, location)) }
            }
        }
        return result
    }

    /// Every `#fragment` must name a heading (or a theme landmark) on the page it points to.
    private static func checkAnchors(_ checks: [(target: LinkResolver.Target, fragment: String, written: String, location: SourceLocation)],
                                     graph: ContentGraph) -> [Diagnostic] {
        checks.compactMap { check in
            let anchors: [String]
            let name: String
            switch check.target {
            case .page(let index):
                anchors = graph.pages[index].body.headings.map(\.id)
                name = graph.pages[index].source.path
            case .section(let index):
                anchors = graph.sections[index].anchors
                name = graph.sections[index].source?.path ?? "the section"
            }
            if anchors.contains(check.fragment) || themeIDs.contains(check.fragment) { return nil }
            let hint = Suggestion.hint(for: check.fragment, in: anchors)
            let available = hint.isEmpty && !anchors.isEmpty ? "; its headings are #" + anchors.prefix(8).joined(separator: ", #") : ""
            return .error("broken-anchor", at: check.location,
                          "'\(check.written)' points to #\(check.fragment), which is not a heading in \(name)\(hint)\(available)")
        }
    }

    /// One notice per distinct address that needs one, named by the text of its first link (by file,
    /// line and column), sorted by id so the list is the same on every build.
    private static func notices(_ groups: [[(url: ExternalURL, text: String, location: SourceLocation)]], policy: LeavePolicy) -> [LeaveNotice] {
        var first: [ExternalURL: (text: String, location: SourceLocation)] = [:]
        for links in groups {
            for link in links where policy.needsNotice(link.url) {
                if let existing = first[link.url], existing.location <= link.location { continue }
                first[link.url] = (link.text, link.location)
            }
        }
        return first.map { url, link in
            let id = url.noticeID
            return LeaveNotice(id: id, destination: url, linkText: link.text.trimmingWhitespace().description,
                               url: policy.noticeURL(for: url)!, outputFolder: "leave/\(id)/")
        }.sorted { $0.id < $1.id }
    }
}
