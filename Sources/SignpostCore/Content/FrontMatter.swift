/// A page's front matter, validated against the site config.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var summary: String?
    /// Term keys by taxonomy name (`["region": ["vic", "wa"]]`), in the order written, without repeats.
    public var terms: [String: [String]]
    public var date: CalendarDate?
    public var reviewed: CalendarDate?
    public var draft: Bool
    public var weight: Int?
    public var slug: String?
    public var contact: Contact?
    /// For open taxonomies, each key's value as the author wrote it (`["tags": ["ndis": "NDIS"]]`),
    /// from which term pages take their labels.
    public var spellings: [String: [String: String]] = [:]
    /// Lint codes this page silences (`lint: { ignore: [review-missing] }`).
    public var lintIgnore: [String] = []
    /// Where each field's value was written, for checks that point at it (`reviewed`).
    public var positions: [String: YAMLPosition] = [:]

    public init(title: String, summary: String? = nil, terms: [String: [String]] = [:], date: CalendarDate? = nil,
                reviewed: CalendarDate? = nil, draft: Bool = false, weight: Int? = nil, slug: String? = nil, contact: Contact? = nil) {
        self.title = title
        self.summary = summary
        self.terms = terms
        self.date = date
        self.reviewed = reviewed
        self.draft = draft
        self.weight = weight
        self.slug = slug
        self.contact = contact
    }
}

/// A resource's contact card. Website and email are checked when loaded, so templates can link them.
public struct Contact: Sendable, Equatable {
    public var organisation: String?
    /// An `http` or `https` URL.
    public var website: String?
    public var phone: String?
    public var email: String?
    public var address: String?
}
