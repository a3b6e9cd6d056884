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

    public init(graph: ContentGraph, config: SiteConfig, theme: Theme) {
        self.graph = graph
        self.config = config
        self.theme = theme
        self.site = SiteView(
            title: config.title, language: config.language, basePath: config.baseURL.path,
            crisisHTML: config.crisisText.flatMap(MarkdownRenderer.renderInline),
            acknowledgement: config.acknowledgement)
        self.navigation = graph.home.subsections
    }

    /// The bytes of `file`. Reads the source for copied assets.
    public func render(_ file: PlannedFile) throws -> Data {
        switch file.kind {
        case .page(let index):
            return Data(renderPage(index).utf8)
        case .sectionList(let section, let number, let count):
            return Data(renderSection(section, number: number, count: count).utf8)
        case .themeAsset(.embedded(let text)):
            return Data(text.utf8)
        case .themeAsset(.file(let url)), .copy(let url):
            return try Data(contentsOf: url)
        }
    }

    func renderPage(_ index: Int) -> String {
        let page = graph.pages[index]
        let groups = termGroups(page)
        let view = PageView(
            title: page.title,
            summary: page.summary.isEmpty ? nil : page.summary,
            reviewed: page.frontMatter.reviewed.map(DateView.init),
            date: page.frontMatter.date.map(DateView.init),
            contentHTML: page.body.html,
            contact: page.frontMatter.contact.map(contactView),
            hasTerms: !groups.isEmpty,
            taxonomies: groups)
        let context = RenderContext(
            site: site,
            head: HeadView(title: "\(page.title) – \(config.title)", description: view.summary, canonical: config.baseURL.absolute(page.url)),
            navigation: navigationItems(current: topSection(of: page.section), exact: false),
            hasNavigation: !navigation.isEmpty, page: view, section: nil, pagination: nil)
        return theme.library.render(context, withTemplate: "page") ?? ""
    }

    func renderSection(_ index: Int, number: Int, count: Int) -> String {
        let section = graph.sections[index]
        let perPage = config.paginate
        let pageSlice = section.pages.dropFirst((number - 1) * perPage).prefix(perPage)
        let subsections = number == 1 ? section.subsections.map { graph.sections[$0] } : []
        let view = SectionView(
            title: section.title,
            summary: section.summary,
            introHTML: number == 1 && !section.introHTML.isEmpty ? section.introHTML : nil,
            hasSubsections: !subsections.isEmpty,
            subsectionsHeading: section.isHome ? "Browse the hub" : "In this section",
            subsections: subsections.map { ListItemView(title: $0.title, url: $0.url, summary: $0.summary) },
            hasPages: !pageSlice.isEmpty,
            pagesHeading: section.isHome ? "Pages" : (subsections.isEmpty ? "Pages in this section" : "More in \(section.title)"),
            pages: pageSlice.map { ListItemView(title: graph.pages[$0].title, url: graph.pages[$0].url,
                                                summary: graph.pages[$0].summary.isEmpty ? nil : graph.pages[$0].summary) })
        func listURL(_ n: Int) -> String {
            config.baseURL.path + URLPath.percentEncoded(OutputPlanner.sectionListFolder(section.outputFolder, number: n))
        }
        let pagination = count > 1 ? PaginationView(
            number: number, count: count,
            previousURL: number > 1 ? listURL(number - 1) : nil,
            nextURL: number < count ? listURL(number + 1) : nil) : nil
        let pageTitle = section.isHome ? config.title : section.title
        let suffix = number > 1 ? " (page \(number) of \(count))" : ""
        let context = RenderContext(
            site: site,
            head: HeadView(title: section.isHome && number == 1 ? config.title : "\(pageTitle)\(suffix) – \(config.title)",
                           description: section.summary, canonical: config.baseURL.absolute(listURL(number))),
            navigation: navigationItems(current: section.isHome ? nil : topSection(of: index), exact: number == 1 && topSection(of: index) == index),
            hasNavigation: !navigation.isEmpty, page: nil, section: view, pagination: pagination)
        return theme.library.render(context, withTemplate: section.isHome ? "home" : "section") ?? ""
    }

    private func termGroups(_ page: Page) -> [TaxonomyTermsView] {
        config.taxonomies.compactMap { taxonomy in
            guard let keys = page.frontMatter.terms[taxonomy.name], !keys.isEmpty else { return nil }
            return TaxonomyTermsView(name: taxonomy.name, title: taxonomy.title,
                                     terms: keys.map { TermView(key: $0, label: taxonomy.label(for: $0)) })
        }
    }

    private func contactView(_ contact: Contact) -> ContactView {
        ContactView(
            organisation: contact.organisation,
            website: contact.website.map { LinkView(href: $0, text: Self.displayText(forWebsite: $0)) },
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
    private func topSection(of section: Int) -> Int? {
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
