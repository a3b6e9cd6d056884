/// Files for machines: the sitemap, the Atom feed, robots.txt and the hosts' `_headers`. Written
/// here rather than in templates, because their formats are fixed and every value must be escaped
/// for XML rather than HTML.
extension SiteRenderer {
    /// How many pages the feed carries.
    static let feedLimit = 20

    /// Every listable page of the site, with absolute URLs; no drafts (they are not in the graph),
    /// no 404 and no leave-site notices.
    func sitemap() -> String {
        var entries: [(url: String, lastmod: CalendarDate?)] = []
        entries += graph.sections.map { ($0.url, nil) }
        entries += graph.pages.map { ($0.url, $0.updated) }
        for index in graph.taxonomies where !index.terms.isEmpty {
            entries.append((index.url, nil))
            entries += index.terms.map { ($0.url, nil) }
        }
        if !graph.pages.isEmpty { entries.append((site.alphabeticalURL, nil)) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries.sorted(by: { $0.url < $1.url }) {
            xml += "<url><loc>\(XMLText.escape(config.baseURL.absolute(entry.url)))</loc>"
            if let lastmod = entry.lastmod { xml += "<lastmod>\(lastmod.iso)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// An Atom feed (RFC 4287) of the most recently updated pages. Its `updated` is the newest
    /// entry's date, not the time of the build, so identical content gives an identical feed.
    func feed() -> String {
        let entries = graph.recentlyUpdated.prefix(Self.feedLimit).map { graph.pages[$0] }
        let home = config.baseURL.absolute(graph.home.url)
        let updated = entries.first?.updated.map(Self.atomTime) ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(config.language))">
            <title>\(XMLText.escape(config.title))</title>

            """
        if let summary = graph.home.summary { xml += "<subtitle>\(XMLText.escape(summary))</subtitle>\n" }
        xml += """
            <link rel="alternate" type="text/html" href="\(XMLText.escape(home))"/>
            <link rel="self" type="application/atom+xml" href="\(XMLText.escape(config.baseURL.absolute(site.basePath + "feed.xml")))"/>
            <id>\(XMLText.escape(home))</id>
            <updated>\(updated)</updated>
            <author><name>\(XMLText.escape(config.title))</name></author>

            """
        for page in entries {
            let url = XMLText.escape(config.baseURL.absolute(page.url))
            xml += "<entry>\n<title>\(XMLText.escape(page.title))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n<id>\(url)</id>\n"
            xml += "<updated>\(page.updated.map(Self.atomTime) ?? updated)</updated>\n"
            if let published = page.frontMatter.date { xml += "<published>\(Self.atomTime(published))</published>\n" }
            if !page.summary.isEmpty { xml += "<summary>\(XMLText.escape(page.summary))</summary>\n" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func atomTime(_ date: CalendarDate) -> String { date.iso + "T00:00:00Z" }

    func robots() -> String {
        "User-agent: *\nDisallow:\n\nSitemap: \(config.baseURL.absolute(site.basePath + "sitemap.xml"))\n"
    }

    /// Security headers in the `_headers` format of Netlify and Cloudflare Pages (README.md has the
    /// nginx equivalent). The default theme loads only its own files, so `default-src 'self'` holds;
    /// images from other hosts are blocked too, since each would tell a third party who is reading
    /// a mental health page.
    func headers() -> String {
        "\(site.basePath)*\n" + Self.securityHeaders.map { "  \($0.name): \($0.value)\n" }.joined()
    }

    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    /// What every response of the site should carry: in `_headers` for hosts, and sent by `serve`.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ]
}
