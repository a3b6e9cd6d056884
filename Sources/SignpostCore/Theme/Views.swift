/// What templates see. Separate from the model so templates depend on a small, stable shape, and
/// every value here is either plain text (escaped by Mustache) or HTML the generator made (`...HTML`).
struct RenderContext {
    var site: SiteView
    var head: HeadView
    var navigation: [NavigationItem]
    var hasNavigation: Bool
    var page: PageView?
    var section: SectionView?
    var pagination: PaginationView?
}

struct SiteView: Sendable {
    var title: String
    var language: String
    /// `/` or `/hub/`: prefix for every site link.
    var basePath: String
    var crisisHTML: String?
    var acknowledgement: String?
}

struct HeadView {
    var title: String
    var description: String?
    var canonical: String
}

struct NavigationItem {
    var title: String
    var url: String
    /// `page`, `true` or nil: the value of `aria-current`.
    var current: String?
}

struct PageView {
    var title: String
    var summary: String?
    var reviewed: DateView?
    var date: DateView?
    var contentHTML: String
    var contact: ContactView?
    var hasTerms: Bool
    var taxonomies: [TaxonomyTermsView]
}

struct DateView {
    var iso: String
    var longForm: String

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

struct TaxonomyTermsView {
    var name: String
    var title: String
    var terms: [TermView]
}

struct TermView {
    var key: String
    var label: String
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

struct ListItemView {
    var title: String
    var url: String
    var summary: String?
}

struct PaginationView {
    var number: Int
    var count: Int
    var previousURL: String?
    var nextURL: String?
}
