/// What templates see. Separate from the model so templates depend on a small, stable shape, and
/// every value here is either plain text (escaped by Mustache) or HTML the generator made (`...HTML`).
struct RenderContext {
    var site: SiteView
    var head: HeadView
    var navigation: [NavigationItem]
    var hasNavigation: Bool { !navigation.isEmpty }
    var breadcrumbs: [Crumb] = []
    var hasBreadcrumbs: Bool { !breadcrumbs.isEmpty }
    var page: PageView?
    var section: SectionView?
    var pagination: PaginationView?
    var home: HomeView?
    var taxonomy: TaxonomyView?
    var term: TermView?
    var alphabetical: AlphabeticalView?
    var notFound: NotFoundView?
    var leave: LeaveView?
    var browsingSafely: BrowsingSafelyView?
    var search: SearchView?
}

// The views templates look into most often are classes: a lookup hands templates a reference
// instead of boxing a copy of every field (a struct this size does not fit in an existential).

final class SiteView: Sendable {
    let title: String
    let language: String
    /// `/` or `/hub/`: prefix for every site link.
    let basePath: String
    let crisisHTML: String?
    let acknowledgement: String?
    /// `/hub/a-z/`
    let alphabeticalURL: String
    /// `/hub/search/`
    let searchURL: String
    let quickExit: QuickExitView?
    /// `/hub/assets/signpost.js`
    let scriptURL: String

    init(title: String, language: String, basePath: String, crisisHTML: String?, acknowledgement: String?,
         alphabeticalURL: String, searchURL: String, quickExit: QuickExitView?, scriptURL: String) {
        self.title = title
        self.language = language
        self.basePath = basePath
        self.crisisHTML = crisisHTML
        self.acknowledgement = acknowledgement
        self.alphabeticalURL = alphabeticalURL
        self.searchURL = searchURL
        self.quickExit = quickExit
        self.scriptURL = scriptURL
    }
}

final class QuickExitView: Sendable {
    let url: String
    /// `/hub/browsing-safely/`
    let helpURL: String

    init(url: String, helpURL: String) {
        self.url = url
        self.helpURL = helpURL
    }
}

final class HeadView {
    let title: String
    let description: String?
    let canonical: String
    /// Pages search engines should not list (leave-site notices).
    var noindex = false

    init(title: String, description: String?, canonical: String) {
        self.title = title
        self.description = description
        self.canonical = canonical
    }
}

struct NavigationItem {
    var title: String
    var url: String
    /// `page`, `true` or nil: the value of `aria-current`.
    var current: String?
}

/// One step of a breadcrumb trail; the last, the page itself, has no link.
struct Crumb {
    var title: String
    var url: String?
}

final class PageView {
    let title: String
    let summary: String?
    let reviewed: DateView?
    let date: DateView?
    let contentHTML: [UInt8]
    let contact: ContactView?
    let hasTerms: Bool
    let taxonomies: [TaxonomyView]
    let hasRelated: Bool
    let related: [ListItemView]
    /// The headings, on pages with three or more.
    let toc: [TOCEntry]
    var hasTOC: Bool { !toc.isEmpty }
    /// schema.org JSON-LD for the contact card, made safe to sit inside a script element.
    let structuredDataHTML: String?

    init(title: String, summary: String?, reviewed: DateView?, date: DateView?, contentHTML: [UInt8], contact: ContactView?,
         hasTerms: Bool, taxonomies: [TaxonomyView], hasRelated: Bool, related: [ListItemView], toc: [TOCEntry],
         structuredDataHTML: String?) {
        self.title = title
        self.summary = summary
        self.reviewed = reviewed
        self.date = date
        self.contentHTML = contentHTML
        self.contact = contact
        self.hasTerms = hasTerms
        self.taxonomies = taxonomies
        self.hasRelated = hasRelated
        self.related = related
        self.toc = toc
        self.structuredDataHTML = structuredDataHTML
    }
}

struct TOCEntry {
    var id: String
    var text: String
    var level: Int
    var isSubheading: Bool { level > 2 }
}

struct LeaveView {
    var host: String
    /// The address as a reader would recognise it.
    var destination: String
    /// The same address, percent-encoded where a link needs it.
    var destinationHref: String
    var linkText: String?
}

struct BrowsingSafelyView {
    var quickExitURL: String
    var quickExitHost: String
}

final class DateView: Sendable {
    let iso: String
    let longForm: String

    init(_ date: CalendarDate) {
        iso = date.iso
        longForm = date.longForm
    }
}

struct LinkView {
    var href: String
    var text: String
}

struct ContactView {
    var organisation: String?
    var website: LinkView?
    var phone: LinkView?
    var email: LinkView?
    var address: String?
}

/// A taxonomy and some of its terms, each linked to its term page: all of them on the taxonomy's
/// own page and in browse blocks, a page's own on that page.
struct TaxonomyView {
    var name: String
    var title: String
    /// `/hub/audience/`
    var url: String
    var terms: [TermLinkView]
}

struct TermLinkView {
    var key: String
    var label: String
    var url: String
    /// How many pages have the term (on taxonomy lists and the home page's browse blocks).
    var count: Int
    var isSingle: Bool { count == 1 }
}

struct SectionView {
    var title: String
    var summary: String?
    var introHTML: String?
    var hasSubsections: Bool
    var subsectionsHeading: String
    var subsections: [ListItemView]
    var hasPages: Bool
    var pagesHeading: String
    var pages: [ListItemView]
}

/// A page or section in a list: always a title and link, and for pages what helps a reader choose.
/// A class, like the views above: a page appears in a dozen lists, and each is one reference.
final class ListItemView: Sendable {
    let title: String
    let url: String
    let summary: String?
    let sectionTitle: String?
    let sectionURL: String?
    /// `Victoria, National`
    let regions: String?
    let updated: DateView?
    /// Made once per page for every list it appears in (see `SiteRenderer.listItems`).
    let isPageItem: Bool

    init(title: String, url: String, summary: String?, sectionTitle: String? = nil, sectionURL: String? = nil,
         regions: String? = nil, updated: DateView? = nil, isPageItem: Bool = false) {
        self.title = title
        self.url = url
        self.summary = summary
        self.sectionTitle = sectionTitle
        self.sectionURL = sectionURL
        self.regions = regions
        self.updated = updated
        self.isPageItem = isPageItem
    }
}

struct PaginationView {
    var number: Int
    var count: Int
    var previousURL: String?
    var nextURL: String?
}

struct HomeView {
    /// One block per closed taxonomy that pages use.
    var browse: [TaxonomyView]
    var hasBrowse: Bool { !browse.isEmpty }
    var recent: [ListItemView]
    var hasRecent: Bool { !recent.isEmpty }
}

struct TermView {
    var label: String
    var taxonomyTitle: String
    var taxonomyURL: String
    var count: Int
    var isSingle: Bool { count == 1 }
    var pages: [ListItemView]
}

struct AlphabeticalView {
    var groups: [LetterGroupView]
}

struct LetterGroupView {
    var letter: String
    /// `letter-a`, for jump links.
    var anchor: String
    var pages: [ListItemView]
}

struct NotFoundView {
    var sections: [ListItemView]
    var browse: [TaxonomyView]
}

struct SearchView {
    /// `/hub/search.json`
    var indexURL: String
    /// `/hub/assets/search.js`
    var scriptURL: String
    /// The closed taxonomies' terms: what readers without JavaScript get instead of search.
    var browse: [TaxonomyView]
    var hasBrowse: Bool { !browse.isEmpty }
}

