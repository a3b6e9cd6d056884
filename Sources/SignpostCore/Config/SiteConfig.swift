import Foundation

/// Everything `signpost.yml` says about a hub, validated and typed.
public struct SiteConfig: Sendable {
    public var title: String
    public var baseURL: BaseURL
    /// A BCP 47 tag for `<html lang>`, such as `en-AU`.
    public var language: String
    public var theme: String
    /// Items per page on section and term lists.
    public var paginate: Int
    public var leaveNotice: LeaveNoticeSettings
    public var quickExit: QuickExitSettings
    /// Inline Markdown shown in a banner on every page, if set.
    public var crisisText: String?
    public var acknowledgement: String?
    public var review: ReviewSettings
    /// In display order: the built-in ones first, then the hub's own in the order the config gives them.
    public var taxonomies: [Taxonomy]
    /// Lint codes `signpost check` leaves out for the whole hub (`lint: { ignore: [...] }`).
    public var lintIgnore: [String] = []

    public func taxonomy(named name: String) -> Taxonomy? {
        taxonomies.first { $0.name == name }
    }
}

public struct LeaveNoticeSettings: Sendable, Equatable {
    public var enabled: Bool = true
    /// Hosts (and their subdomains) that are linked directly, lower-cased.
    public var exemptHosts: [String] = []
}

public struct QuickExitSettings: Sendable, Equatable {
    public var enabled: Bool = true
    public var url: String = "https://www.bom.gov.au/"
}

public struct ReviewSettings: Sendable, Equatable {
    public var maxAgeMonths: Int = 24
}

/// A way of classifying pages: audience, workforce, region, tags, or one the hub defines.
public struct Taxonomy: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var key: String
        public var label: String
    }

    /// The front-matter field and the URL segment (`audience` -> `/audience/`).
    public var name: String
    public var title: String
    /// An open taxonomy accepts any value; a closed one only its `terms`.
    public var isOpen: Bool
    public var terms: [Term]

    public func label(for key: String) -> String {
        if let term = terms.first(where: { $0.key == key }) { return term.label }
        return Taxonomy.label(derivedFrom: key)
    }

    /// `peer-support` -> `Peer support`, for open taxonomies' values.
    public static func label(derivedFrom key: String) -> String {
        let words = String(key.map { $0 == "-" || $0 == "_" ? " " : $0 })
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
