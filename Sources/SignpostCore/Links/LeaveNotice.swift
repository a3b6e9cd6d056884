/// A page warning readers that a link leaves the hub (`/leave/<id>/`), one per distinct address.
public struct LeaveNotice: Sendable {
    public var id: String
    /// Where the notice's "continue" link goes.
    public var destination: ExternalURL
    /// The text of the first link to it (by file path), to remind readers what they chose.
    public var linkText: String
    /// `/hub/leave/0123456789abcdef/`
    public var url: String
    /// `leave/0123456789abcdef/`
    public var outputFolder: String
}

/// Which external links get a notice, and where those notices live.
public struct LeavePolicy: Sendable {
    let enabled: Bool
    let siteHost: String
    let exemptHosts: [String]
    let basePath: String
    /// The site's host and the exempt ones, each with its subdomains' suffix (`.example.org`).
    private let directHosts: [(host: String, subdomainSuffix: String)]

    public init(config: SiteConfig) {
        enabled = config.leaveNotice.enabled
        siteHost = config.baseURL.host
        exemptHosts = config.leaveNotice.exemptHosts
        basePath = config.baseURL.path
        directHosts = ([siteHost] + exemptHosts).map { ($0, "." + $0) }
    }

    /// The site's own host, exempt hosts and their subdomains are linked directly.
    public func isExempt(_ url: ExternalURL) -> Bool {
        directHosts.contains { url.host == $0.host || url.host.hasSuffix($0.subdomainSuffix) }
    }

    /// Whether a link to `url` goes through a notice page.
    public func needsNotice(_ url: ExternalURL) -> Bool {
        enabled && !isExempt(url)
    }

    /// Whether `url` is the hub itself (linked directly, and not marked as leaving).
    public func isSameSite(_ url: ExternalURL) -> Bool {
        url.host == siteHost
    }

    /// The notice page for `url`, or nil if it is linked directly.
    public func noticeURL(for url: ExternalURL) -> String? {
        guard needsNotice(url) else { return nil }
        return basePath + "leave/\(url.noticeID)/"
    }

    /// Where a link to `url` should point: its notice, or the address itself.
    public func href(for url: ExternalURL, written: String) -> String {
        noticeURL(for: url) ?? written
    }
}
