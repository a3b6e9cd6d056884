import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SignpostCore

/// Taxonomy pages, A–Z, related pages, breadcrumbs, the home page's ways in, and the files hosts expect.
@Suite struct BrowseTests {
    @Test func taxonomyPagesListUsedTermsWithLabelsAndCounts() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        let audience = try hub.read("audience/index.html")
        #expect(audience.contains("<h1>Audience</h1>"))
        #expect(audience.contains("<a href=\"/hub/audience/carer-workers/\">Family and carer lived experience workers <span class=\"count\">1<span class=\"visually-hidden\"> page</span></span></a>"))
        #expect(audience.contains("<a href=\"/hub/audience/managers/\">Managers and coordinators <span class=\"count\">1"))
        // Terms no page uses get neither a link nor a page.
        #expect(!audience.contains("consumer-workers"))
        #expect(!hub.exists("audience/consumer-workers/index.html"))
        // Closed taxonomies keep the config's order.
        let region = try hub.read("region/index.html")
        let vic = try #require(region.range(of: "/hub/region/vic/"))
        let national = try #require(region.range(of: "/hub/region/national/"))
        #expect(vic.lowerBound < national.lowerBound)
        #expect(region.contains("Victoria <span class=\"count\">2<span class=\"visually-hidden\"> pages</span>"))

        let term = try hub.read("region/vic/index.html")
        #expect(term.contains("<h1>Victoria</h1>"))
        #expect(term.contains("<title>Region: Victoria – Fixture Hub</title>"))
        #expect(term.contains("2 pages in <a href=\"/hub/region/\">Region</a>."))
        // Each page with its title, summary, section and regions, by title.
        let bouverie = try #require(term.range(of: "<h3><a href=\"/hub/training/bouverie/\">Bouverie Centre</a></h3>"))
        let mind = try #require(term.range(of: "<h3><a href=\"/hub/training/mind/\">Mind Australia</a></h3>"))
        #expect(bouverie.lowerBound < mind.lowerBound)
        #expect(term.contains("<p>Single session family consultation.</p>"))
        #expect(term.contains("<p class=\"meta\">In <a href=\"/hub/training/\">Training</a> · Victoria · Updated <time datetime=\"2026-03-01\">1 March 2026</time></p>"))
        #expect(term.contains("In <a href=\"/hub/training/\">Training</a> · Victoria, National</p>"))
    }

    @Test func openTaxonomyTermsGetPagesLabelledAsWritten() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A\ntags: [NDIS, peer-support, Peer Support]"),
            "content/b.md": page("title: B\ntags: [ndis, LGBTIQA+]"),
        ])
        defer { hub.remove() }
        try await hub.build()
        let tags = try hub.read("tags/index.html")
        // Labels keep the first spelling (by file path); slug-like values read as words.
        #expect(tags.contains("<a href=\"/tags/ndis/\">NDIS <span class=\"count\">2"))
        #expect(tags.contains("<a href=\"/tags/peer-support/\">Peer support <span class=\"count\">1"))
        #expect(tags.contains("<a href=\"/tags/lgbtiqa/\">LGBTIQA+ <span class=\"count\">1"))
        #expect(try hub.read("tags/ndis/index.html").contains("<h1>NDIS</h1>"))
    }

    @Test(arguments: [(2, false), (3, true)])
    func termPagesPaginateLikeSections(pages: Int, secondPageExpected: Bool) async throws {
        var files: [String: String] = [:]
        for index in 1...pages {
            files["content/p\(index).md"] = page("title: Page \(index)\nregion: wa")
        }
        let hub = try TestHub(files, config: TestHub.minimalConfig + "\npaginate: 2\n")
        defer { hub.remove() }
        try await hub.build()
        #expect(hub.exists("region/wa/page/2/index.html") == secondPageExpected)
        #expect(!hub.exists("region/wa/page/3/index.html"))
        let first = try hub.read("region/wa/index.html")
        #expect(first.contains("rel=\"next\"") == secondPageExpected)
        if secondPageExpected {
            let second = try hub.read("region/wa/page/2/index.html")
            #expect(second.contains("<a href=\"/region/wa/\" rel=\"prev\">Previous page</a>"))
            #expect(second.contains("/p3/"))
            #expect(!second.contains("/p1/"))
            #expect(second.contains("<title>Region: Western Australia (page 2 of 2) – Test Hub</title>"))
        }
    }

    @Test func azGroupsByFoldedFirstLetter() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: Ōtautahi peer network"),
            "content/b.md": page("title: éclair of ideas"),
            "content/c.md": page("title: apple training"),
            "content/d.md": page("title: Zebra crossing"),
            "content/e.md": page("title: 2026 forum"),
            "content/f.md": page("title: \"“Quoted” title\""),
            "content/g.md": page("title: Über guide"),
            "content/h.md": page("title: Ōrākei gathering"),
            "content/i.md": page("title: \"…\""),
        ])
        defer { hub.remove() }
        try await hub.build()
        let html = try hub.read("a-z/index.html")
        let headings = html.components(separatedBy: "<h2 id=\"").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(headings == ["digits\">0–9", "letter-a\">A", "letter-e\">E", "letter-o\">O", "letter-q\">Q", "letter-u\">U", "letter-z\">Z", "other\">#"])
        #expect(html.contains("<li><a href=\"#letter-o\">O</a></li>"))
        let group = try #require(html.components(separatedBy: "<h2 id=\"letter-o\">").last?.components(separatedBy: "</section>").first)
        let orakei = try #require(group.range(of: "Ōrākei gathering"))
        let otautahi = try #require(group.range(of: "Ōtautahi peer network"))
        #expect(orakei.lowerBound < otautahi.lowerBound)
    }

    @Test func relatedPagesShareTheMostTermsAndTiesAreStable() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A\nregion: vic\naudience: managers\ntags: [x, y]"),
            "content/b.md": page("title: B\nregion: vic\naudience: managers\ntags: [x]"),          // shares 3
            "content/c.md": page("title: C\nregion: vic\ntags: [y]\nreviewed: 2026-01-01"),        // shares 2, newer
            "content/d.md": page("title: D\nregion: vic\ntags: [x]\nreviewed: 2025-01-01"),        // shares 2, older
            "content/e.md": page("title: E\ntags: [y]"),                                           // shares 1
            "content/f.md": page("title: F\nregion: vic"),                                         // shares 1, same as E: by title
            "content/g.md": page("title: G\naudience: managers"),                                   // shares 1
            "content/h.md": page("title: H\nregion: wa"),                                          // shares 0
        ])
        defer { hub.remove() }
        try await hub.build()
        let prepared = try await Builder.prepare(hub.options())
        let titles = prepared.graph.pages.map(\.title)
        let related = prepared.graph.related[titles.firstIndex(of: "A")!].map { titles[$0] }
        #expect(related == ["B", "C", "D", "E", "F"])
        let html = try hub.read("a/index.html")
        #expect(html.contains("<h2 id=\"related-heading\">Related pages</h2>"))
        let b = try #require(html.range(of: "<a href=\"/b/\">B</a>"))
        let f = try #require(html.range(of: "<a href=\"/f/\">F</a>"))
        #expect(b.lowerBound < f.lowerBound)
        #expect(!html.contains("<a href=\"/g/\">"))
        // A page sharing nothing has no related block.
        #expect(!(try hub.read("h/index.html")).contains("related-heading"))
        // The same choice in every run and with any number of jobs.
        for jobs in [1, 3] {
            let again = try await Builder.prepare(hub.options(jobs: jobs))
            #expect(again.graph.related == prepared.graph.related)
        }
    }

    @Test func breadcrumbsLeadHome() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        let page = try hub.read("training/peer-work/cert-iv/index.html")
        #expect(page.contains("""
            <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
            <li><a href="/hub/">Home</a></li>
            <li><a href="/hub/training/">Training</a></li>
            <li><a href="/hub/training/peer-work/">Peer work</a></li>
            <li><span aria-current="page">Certificate IV in Mental Health Peer Work</span></li>
            </ol>
            </nav>
            """))
        let section = try hub.read("training/index.html")
        #expect(section.contains("<li><a href=\"/hub/\">Home</a></li>\n<li><span aria-current=\"page\">Training</span></li>"))
        #expect(!(try hub.read("index.html")).contains("aria-label=\"Breadcrumb\""))
    }

    @Test func homeHasBrowseBlocksSectionsAndRecentlyUpdated() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        let home = try hub.read("index.html")
        #expect(home.contains("<h2 id=\"browse-heading\">Find what is for you</h2>"))
        #expect(home.contains("<h3><a href=\"/hub/audience/\">Audience</a></h3>"))
        #expect(home.contains("<h3><a href=\"/hub/region/\">Region</a></h3>"))
        // Open taxonomies (tags) are not a browse block.
        #expect(!home.contains("<h3><a href=\"/hub/tags/\">"))
        #expect(home.contains("<h2 id=\"subsections-heading\">Browse by section</h2>"))
        let recent = try #require(home.components(separatedBy: "<h2 id=\"recent-heading\">Recently updated</h2>").last)
        // Only Bouverie has a date in the fixture; undated pages are not "recent".
        #expect(recent.contains("/hub/training/bouverie/"))
        #expect(!recent.contains("/hub/training/mind/"))
    }

    @Test func sitemapIsXMLWithAbsoluteURLsAndNoExclusions() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        let document = try XMLDocument(data: Data(try hub.read("sitemap.xml").utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "urlset")
        #expect(root.uri == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let urls = root.elements(forName: "url")
        let locations = urls.compactMap { $0.elements(forName: "loc").first?.stringValue }
        #expect(locations.count == urls.count)
        #expect(locations.allSatisfy { $0.hasPrefix("https://example.gov.au/hub/") })
        #expect(locations.contains("https://example.gov.au/hub/"))
        #expect(locations.contains("https://example.gov.au/hub/training/bouverie/"))
        #expect(locations.contains("https://example.gov.au/hub/region/vic/"))
        #expect(locations.contains("https://example.gov.au/hub/a-z/"))
        #expect(!locations.contains { $0.contains("draft") || $0.contains("drafts-only") || $0.contains("404") || $0.contains("/leave/") })
        let bouverie = try #require(urls.first { $0.elements(forName: "loc").first?.stringValue == "https://example.gov.au/hub/training/bouverie/" })
        #expect(bouverie.elements(forName: "lastmod").first?.stringValue == "2026-03-01")
        #expect(Set(locations).count == locations.count)
    }

    @Test func feedIsAtomWithTheMostRecentPages() async throws {
        var files: [String: String] = [:]
        for day in 1...25 {
            files["content/p\(day).md"] = page("title: \"Update <\(day)> & more\"\nsummary: Day \(day).\nreviewed: 2026-01-\(day < 10 ? "0" : "")\(day)")
        }
        files["content/undated.md"] = page("title: Undated")
        let hub = try TestHub(files)
        defer { hub.remove() }
        try await hub.build()
        let document = try XMLDocument(data: Data(try hub.read("feed.xml").utf8))
        let feed = try #require(document.rootElement())
        let atom = "http://www.w3.org/2005/Atom"
        #expect(feed.name == "feed")
        #expect(feed.uri == atom)
        // RFC 4287 4.1.1: a feed has exactly one id, title and updated, an author, and a self link.
        for name in ["id", "title", "updated", "author"] {
            #expect(feed.elements(forLocalName: name, uri: atom).count == 1, "feed/\(name)")
        }
        #expect(feed.elements(forLocalName: "updated", uri: atom).first?.stringValue == "2026-01-25T00:00:00Z")
        // (`attribute(forName:)` misses attributes of namespaced elements in swift-corelibs-foundation.)
        func attribute(_ element: XMLElement, _ name: String) -> String? {
            element.attributes?.first { $0.name == name }?.stringValue
        }
        #expect(feed.elements(forLocalName: "link", uri: atom).contains {
            attribute($0, "rel") == "self" && attribute($0, "href") == "https://hub.example.org/feed.xml"
        })
        let entries = feed.elements(forLocalName: "entry", uri: atom)
        #expect(entries.count == 20)
        for entry in entries {
            for name in ["id", "title", "updated"] {
                #expect(entry.elements(forLocalName: name, uri: atom).count == 1, "entry/\(name)")
            }
            let id = try #require(entry.elements(forLocalName: "id", uri: atom).first?.stringValue)
            #expect(id.hasPrefix("https://hub.example.org/p"))
        }
        #expect(entries.first?.elements(forLocalName: "title", uri: atom).first?.stringValue == "Update <25> & more")
        #expect(entries.last?.elements(forLocalName: "title", uri: atom).first?.stringValue == "Update <6> & more")
    }

    @Test func robotsNotFoundAndHeaders() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        #expect(try hub.read("robots.txt") == "User-agent: *\nDisallow:\n\nSitemap: https://example.gov.au/hub/sitemap.xml\n")

        let notFound = try hub.read("404.html")
        #expect(notFound.contains("<h1>Page not found</h1>"))
        #expect(notFound.contains("<form class=\"search-form\" action=\"/hub/search/\" method=\"get\" role=\"search\" aria-label=\"Hub\">"))
        #expect(notFound.contains("<a href=\"/hub/training/\">Training</a>"))
        #expect(notFound.contains("<a href=\"/hub/a-z/\">A–Z of pages</a>"))
        #expect(notFound.contains("<a href=\"/hub/region/\">Region</a>"))
        // Served at any missing address, so every link and asset path is absolute.
        #expect(notFound.contains("href=\"/hub/assets/signpost.css\""))
        #expect(!notFound.contains("href=\"assets/"))

        let headers = try hub.read("_headers")
        let lines = headers.split(separator: "\n").map(String.init)
        #expect(lines.first == "/hub/*")
        #expect(lines.contains("  Content-Security-Policy: default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
        #expect(lines.contains("  Referrer-Policy: no-referrer"))
        #expect(lines.contains("  X-Content-Type-Options: nosniff"))
        // The default theme must not need anything the policy forbids.
        let pages = try TestHub.snapshot(hub.output).filter { $0.key.hasSuffix(".html") }
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(inlineScripts(in: html).isEmpty, "\(path)")
            #expect(!html.contains(" style="), "\(path)")
            #expect(!html.contains("<style"), "\(path)")
        }
    }
}
