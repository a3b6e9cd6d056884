/// The ways in besides sections: the home page's blocks, taxonomy and term lists, A–Z and 404.
extension SiteRenderer {
    /// How many pages "Recently updated" on the home page lists.
    static let recentLimit = 8

    func homeView() -> HomeView {
        HomeView(browse: browseBlocks(), recent: graph.recentlyUpdated.prefix(Self.recentLimit).map { listItems[$0] })
    }

    /// A block of linked terms with counts for each closed taxonomy that pages use (open ones such
    /// as tags can run to hundreds of values; they have their own page).
    func browseBlocks() -> [TaxonomyView] {
        graph.taxonomies.filter { !$0.taxonomy.isOpen && !$0.terms.isEmpty }.map { taxonomyView($0, terms: termLinks($0)) }
    }

    func taxonomyView(_ index: TaxonomyIndex, terms: [TermLinkView]) -> TaxonomyView {
        TaxonomyView(name: index.taxonomy.name, title: index.taxonomy.title, url: index.url, terms: terms)
    }

    func termLinks(_ index: TaxonomyIndex) -> [TermLinkView] {
        index.terms.map { TermLinkView(key: $0.key, label: $0.label, url: $0.url, count: $0.pages.count) }
    }

    func renderTaxonomy(_ taxonomyIndex: Int) throws -> [UInt8] {
        let index = graph.taxonomies[taxonomyIndex]
        var context = context(title: "\(index.taxonomy.title) – \(config.title)", description: nil, url: index.url,
                              currentSection: nil, exact: false)
        context.breadcrumbs = trail(to: 0, includingSection: true) + [Crumb(title: index.taxonomy.title, url: nil)]
        context.taxonomy = taxonomyView(index, terms: termLinks(index))
        return try theme.library.render(context, template: "taxonomy", reusing: lists) ?? []
    }

    func renderTerm(taxonomy taxonomyIndex: Int, term termIndex: Int, number: Int, count: Int) throws -> [UInt8] {
        let index = graph.taxonomies[taxonomyIndex]
        let term = index.terms[termIndex]
        let slice = term.pages.dropFirst((number - 1) * config.paginate).prefix(config.paginate)
        let suffix = number > 1 ? " (page \(number) of \(count))" : ""
        var context = context(title: "\(index.taxonomy.title): \(term.label)\(suffix) – \(config.title)", description: nil,
                              url: listURL(term.outputFolder, number: number), currentSection: nil, exact: false)
        context.breadcrumbs = trail(to: 0, includingSection: true)
            + [Crumb(title: index.taxonomy.title, url: index.url), Crumb(title: term.label + suffix, url: nil)]
        context.term = TermView(label: term.label, taxonomyTitle: index.taxonomy.title, taxonomyURL: index.url,
                                count: term.pages.count, pages: slice.map { listItems[$0] })
        context.pagination = pagination(term.outputFolder, number: number, count: count)
        return try theme.library.render(context, template: "term", reusing: lists) ?? []
    }

    func renderAlphabetical() throws -> [UInt8] {
        var context = context(title: "A–Z of pages – \(config.title)", description: nil, url: site.alphabeticalURL,
                              currentSection: nil, exact: false)
        context.breadcrumbs = trail(to: 0, includingSection: true) + [Crumb(title: "A–Z", url: nil)]
        context.alphabetical = AlphabeticalView(groups: graph.alphabetical.map { group in
            LetterGroupView(letter: group.letter, anchor: Self.anchor(forLetter: group.letter), pages: group.pages.map { listItems[$0] })
        })
        return try theme.library.render(context, template: "a-z", reusing: lists) ?? []
    }

    /// `A` -> `letter-a`; letters outside ASCII by their code points, so ids stay plain.
    static func anchor(forLetter letter: String) -> String {
        if letter == LetterGroup.digits { return "digits" }
        if letter == LetterGroup.other { return "other" }
        let ascii = letter.lowercased().unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
        return "letter-" + (ascii ? letter.lowercased() : letter.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "-"))
    }

    func renderNotFound() throws -> [UInt8] {
        var context = context(title: "Page not found – \(config.title)", description: nil, url: site.basePath + "404.html",
                              currentSection: nil, exact: false)
        context.notFound = NotFoundView(
            sections: graph.home.subsections.map { ListItemView(title: graph.sections[$0].title, url: graph.sections[$0].url, summary: graph.sections[$0].summary) },
            browse: browseBlocks())
        return try theme.library.render(context, template: "404", reusing: lists) ?? []
    }

    func renderSearchPage() throws -> [UInt8] {
        var context = context(title: "Search – \(config.title)", description: "Search the pages of \(config.title).",
                              url: site.searchURL, currentSection: nil, exact: false)
        context.breadcrumbs = trail(to: 0, includingSection: true) + [Crumb(title: "Search", url: nil)]
        context.search = SearchView(indexURL: site.basePath + "search.json", scriptURL: site.basePath + "assets/search.js",
                                    browse: browseBlocks())
        return try theme.library.render(context, template: "search", reusing: lists) ?? []
    }
}

/// Pages about leaving: the notice before an external link, and what quick exit does.
extension SiteRenderer {
    func renderLeaveNotice(_ index: Int) throws -> [UInt8] {
        let notice = graph.leaveNotices[index]
        var context = context(title: "You are about to leave \(config.title)", description: nil, url: notice.url,
                              currentSection: nil, exact: false)
        context.head.noindex = true
        context.leave = LeaveView(host: notice.destination.host, destination: notice.destination.normalized,
                                  destinationHref: URLSafety.hrefEncoded(notice.destination.normalized),
                                  linkText: notice.linkText.isEmpty ? nil : notice.linkText)
        return try theme.library.render(context, template: "leave", reusing: lists) ?? []
    }

    func renderBrowsingSafely() throws -> [UInt8] {
        let url = site.basePath + "browsing-safely/"
        var context = context(title: "Browsing safely – \(config.title)", description: "What the quick exit button does, and what it cannot do.",
                              url: url, currentSection: nil, exact: false)
        context.breadcrumbs = trail(to: 0, includingSection: true) + [Crumb(title: "Browsing safely", url: nil)]
        let exit = ExternalURL(config.quickExit.url)
        context.browsingSafely = BrowsingSafelyView(quickExitURL: config.quickExit.url, quickExitHost: exit?.host ?? config.quickExit.url)
        return try theme.library.render(context, template: "browsing-safely", reusing: lists) ?? []
    }
}
