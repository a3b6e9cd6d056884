import Foundation

/// Stage 7, render: one planned file -> its bytes. Holds only immutable values, so one renderer
/// serves every parallel task.
public struct SiteRenderer: Sendable {
    let graph: ContentGraph
    let config: SiteConfig
    let theme: Theme
    let site: SiteView
    /// Top-level sections, in display order, for the main navigation.
    let navigation: [Int]
    let leavePolicy: LeavePolicy
    let search: SearchIndex
    /// Every page as lists show it (title, link, summary, section, regions, date), made once:
    /// a page appears in a dozen lists.
    let listItems: [ListItemView]
    /// Those list items as each kind of list renders them, kept while this renderer lives.
    let lists = TemplateCache()

    /// `previous`: a renderer for the same pages with the same front matter (only bodies changed);
    /// its list items are kept where the title and summary still match.
    public init(graph: ContentGraph, config: SiteConfig, theme: Theme, search: SearchIndex, sameListsAs previous: SiteRenderer? = nil) {
        self.graph = graph
        self.search = search
        self.config = config
        self.theme = theme
        let base = config.baseURL.path
        self.site = SiteView(
            title: config.title, language: config.language, basePath: base,
            crisisHTML: config.crisisText.flatMap { MarkdownRenderer.renderInline($0, linkingPhoneNumbers: true) },
            acknowledgement: config.acknowledgement,
            alphabeticalURL: base + "a-z/", searchURL: base + "search/",
            quickExit: config.quickExit.enabled ? QuickExitView(url: config.quickExit.url, helpURL: base + "browsing-safely/") : nil,
            scriptURL: base + "assets/signpost.js")
        self.navigation = graph.home.subsections
        self.leavePolicy = LeavePolicy(config: config)
        let regions = config.taxonomy(named: "region")
        func item(_ page: Page) -> ListItemView {
            let section = graph.sections[page.section]
            let labels = (page.frontMatter.terms["region"] ?? []).compactMap { regions?.label(for: $0) }
            return ListItemView(
                title: page.title, url: page.url, summary: page.summary.isEmpty ? nil : page.summary,
                sectionTitle: section.isHome ? nil : section.title, sectionURL: section.isHome ? nil : section.url,
                regions: labels.isEmpty ? nil : labels.joined(separator: ", "),
                updated: page.updated.map(DateView.init), isPageItem: true)
        }
        if let previous, previous.listItems.count == graph.pages.count {
            // Only a body changed, and with it perhaps a summary taken from the body.
            self.listItems = zip(previous.listItems, graph.pages).map { old, page in
                old.title == page.title && old.summary == (page.summary.isEmpty ? nil : page.summary) ? old : item(page)
            }
        } else {
            self.listItems = graph.pages.indices.map { item(graph.pages[$0]) }
        }
    }

    /// The bytes of `file`. Reads the source for copied assets.
    public func render(_ file: PlannedFile) throws -> [UInt8] {
        switch file.kind {
        case .page(let index):
            return try renderPage(index)
        case .sectionList(let section, let number, let count):
            return try renderSection(section, number: number, count: count)
        case .taxonomy(let index):
            return try renderTaxonomy(index)
        case .term(let taxonomy, let term, let number, let count):
            return try renderTerm(taxonomy: taxonomy, term: term, number: number, count: count)
        case .alphabetical:
            return try renderAlphabetical()
        case .leaveNotice(let index):
            return try renderLeaveNotice(index)
        case .browsingSafely:
            return try renderBrowsingSafely()
        case .notFound:
            return try renderNotFound()
        case .searchPage:
            return try renderSearchPage()
        case .searchIndex:
            return search.json()
        case .sitemap:
            return Array(sitemap().utf8)
        case .feed:
            return Array(feed().utf8)
        case .robots:
            return Array(robots().utf8)
        case .headers:
            return Array(headers().utf8)
        case .themeAsset(.embedded(let text)):
            return Array(text.utf8)
        case .themeAsset(.file(let url)), .copy(let url):
            return [UInt8](try Data(contentsOf: url))
        }
    }

    func renderPage(_ index: Int) throws -> [UInt8] {
        let page = graph.pages[index]
        let groups = termGroups(page)
        let related = graph.related.indices.contains(index) ? graph.related[index].map { listItems[$0] } : []
        let view = PageView(
            title: page.title,
            summary: page.summary.isEmpty ? nil : page.summary,
            reviewed: page.frontMatter.reviewed.map(DateView.init),
            date: page.frontMatter.date.map(DateView.init),
            contentHTML: page.body.htmlBytes,
            contact: page.frontMatter.contact.map(contactView),
            hasTerms: !groups.isEmpty,
            taxonomies: groups,
            hasRelated: !related.isEmpty,
            related: related,
            toc: page.body.headings.count >= 3
                ? page.body.headings.filter { $0.level <= 3 }.map { TOCEntry(id: $0.id, text: $0.text, level: $0.level) } : [],
            structuredDataHTML: page.frontMatter.contact.map { StructuredData.contactPage(page, contact: $0, config: config) })
        var context = context(title: "\(page.title) – \(config.title)", description: view.summary, url: page.url,
                              currentSection: topSection(of: page.section), exact: false)
        context.breadcrumbs = trail(to: page.section, includingSection: true) + [Crumb(title: page.title, url: nil)]
        context.page = view
        return try theme.library.render(context, template: "page", reusing: lists) ?? []
    }

    func renderSection(_ index: Int, number: Int, count: Int) throws -> [UInt8] {
        let section = graph.sections[index]
        let perPage = config.paginate
        let pageSlice = section.pages.dropFirst((number - 1) * perPage).prefix(perPage)
        let subsections = number == 1 ? section.subsections.map { graph.sections[$0] } : []
        let view = SectionView(
            title: section.title,
            summary: section.summary,
            introHTML: number == 1 && !section.introHTML.isEmpty ? section.introHTML : nil,
            hasSubsections: !subsections.isEmpty,
            subsectionsHeading: section.isHome ? "Browse by section" : "In this section",
            subsections: subsections.map { ListItemView(title: $0.title, url: $0.url, summary: $0.summary) },
            hasPages: !pageSlice.isEmpty,
            pagesHeading: section.isHome ? "Pages" : (subsections.isEmpty ? "Pages in this section" : "More in \(section.title)"),
            pages: pageSlice.map { listItems[$0] })
        let url = listURL(section.outputFolder, number: number)
        let suffix = number > 1 ? " (page \(number) of \(count))" : ""
        let top = section.isHome ? nil : topSection(of: index)
        var context = context(
            title: section.isHome && number == 1 ? config.title : "\(section.isHome ? config.title : section.title)\(suffix) – \(config.title)",
            description: section.summary, url: url, currentSection: top, exact: number == 1 && top == index)
        context.section = view
        context.pagination = pagination(section.outputFolder, number: number, count: count)
        if section.isHome {
            if number == 1 { context.home = homeView() }
        } else {
            context.breadcrumbs = trail(to: index, includingSection: false) + [Crumb(title: section.title + suffix, url: nil)]
        }
        return try theme.library.render(context, template: section.isHome ? "home" : "section", reusing: lists) ?? []
    }

    // MARK: Shared pieces

    /// The context every page starts from: site, head and navigation.
    func context(title: String, description: String?, url: String, currentSection: Int?, exact: Bool) -> RenderContext {
        RenderContext(site: site, head: HeadView(title: title, description: description, canonical: config.baseURL.absolute(url)),
                      navigation: navigationItems(current: currentSection, exact: exact))
    }

    /// Home, then each section above `section` (and `section` itself when `includingSection`), linked.
    func trail(to section: Int, includingSection: Bool) -> [Crumb] {
        var chain: [Int] = []
        var current: Int? = includingSection ? section : graph.sections[section].parent
        while let index = current {
            chain.append(index)
            current = graph.sections[index].parent
        }
        return chain.reversed().map { index in
            let section = graph.sections[index]
            return Crumb(title: section.isHome ? "Home" : section.title, url: section.url)
        }
    }

    /// The site path of page `number` of the list at `folder`.
    func listURL(_ folder: String, number: Int) -> String {
        config.baseURL.path + URLPath.percentEncoded(OutputPlanner.listFolder(folder, number: number))
    }

    func pagination(_ folder: String, number: Int, count: Int) -> PaginationView? {
        guard count > 1 else { return nil }
        return PaginationView(number: number, count: count,
                              previousURL: number > 1 ? listURL(folder, number: number - 1) : nil,
                              nextURL: number < count ? listURL(folder, number: number + 1) : nil)
    }

    /// A page's terms, grouped by taxonomy in the config's order, each linked to its term page.
    private func termGroups(_ page: Page) -> [TaxonomyView] {
        graph.taxonomies.compactMap { index in
            guard let keys = page.frontMatter.terms[index.taxonomy.name], !keys.isEmpty else { return nil }
            let links = keys.compactMap { key in
                index.term(key).map { TermLinkView(key: key, label: $0.label, url: $0.url, count: $0.pages.count) }
            }
            return taxonomyView(index, terms: links)
        }
    }

    private func contactView(_ contact: Contact) -> ContactView {
        ContactView(
            organisation: contact.organisation,
            website: contact.website.map { website in
                let href = URLSafety.hrefEncoded(ExternalURL(website).map { leavePolicy.href(for: $0, written: website) } ?? website)
                return LinkView(href: href, text: Self.displayText(forWebsite: website))
            },
            phone: contact.phone.map { LinkView(href: URLSafety.telURL(for: $0), text: $0) },
            email: contact.email.map { LinkView(href: "mailto:" + $0, text: $0) },
            address: contact.address)
    }

    /// `https://www.example.org/` -> `www.example.org`: what a reader needs to recognise the site.
    static func displayText(forWebsite url: String) -> String {
        var text = url
        for prefix in ["https://", "http://"] where text.lowercased().hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        if text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The top-level section that `section` sits in, for marking the current navigation item.
    func topSection(of section: Int) -> Int? {
        var current = section
        while let parent = graph.sections[current].parent {
            if parent == 0 { return current }
            current = parent
        }
        return nil
    }

    /// `exact` when the page being rendered is the navigation item's own page (`aria-current="page"`);
    /// otherwise the item only contains it (`aria-current="true"`).
    private func navigationItems(current: Int?, exact: Bool) -> [NavigationItem] {
        navigation.map {
            NavigationItem(title: graph.sections[$0].title, url: graph.sections[$0].url,
                           current: $0 == current ? (exact ? "page" : "true") : nil)
        }
    }
}
