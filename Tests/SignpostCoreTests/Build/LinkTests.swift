import Foundation
import Testing
@testable import SignpostCore

/// Links rewritten on the syntax tree, leave-site notices, heading ids, quick exit, crisis banner, JSON-LD.
@Suite struct LinkTests {
    static let config = """
        title: Link Hub
        base_url: https://hub.example.org/hub/
        crisis:
          text: "Call Lifeline on 13 11 14 or [visit Lifeline](https://www.lifeline.org.au/)."
        leave_notice:
          exempt_hosts: [health.gov.au]
        """

    func makeHub(_ files: [String: String], config: String = LinkTests.config) throws -> TestHub {
        var files = files
        files["content/training/_index.md", default: page("title: Training")] += ""
        return try TestHub(files, config: config)
    }

    @Test func relativeLinksBecomePageURLs() async throws {
        let hub = try makeHub([
            "content/_index.md": page("title: Home", body: "See [training](training/_index.md) and [a](training/a.md#details)."),
            "content/training/a.md": page("title: A", body: """
                [B](b.md) [B details](b.md#details) [nested](peer-work/c.md) [section](_index.md) [home](../_index.md)
                [resources](../resources/x.md) [here](#details) [folder](peer-work/) [site](/about/) ![chart](chart.png)

                ## Details
                """),
            "content/training/b.md": page("title: B", slug: "bee", body: "## Details\n\nText."),
            "content/training/peer-work/c.md": page("title: C"),
            "content/resources/x.md": page("title: X"),
            "content/training/chart.png": "png",
        ])
        defer { hub.remove() }
        try await hub.build()
        let html = try hub.read("training/a/index.html")
        for expected in [
            "<a href=\"/hub/training/bee/\">B</a>", "<a href=\"/hub/training/bee/#details\">B details</a>",
            "<a href=\"/hub/training/peer-work/c/\">nested</a>", "<a href=\"/hub/training/\">section</a>",
            "<a href=\"/hub/\">home</a>", "<a href=\"/hub/resources/x/\">resources</a>", "<a href=\"#details\">here</a>",
            "<a href=\"/hub/training/peer-work/\">folder</a>", "<a href=\"/hub/about/\">site</a>",
            "<img src=\"/hub/training/chart.png\" alt=\"chart\" />",
        ] {
            #expect(html.contains(expected), "\(expected)")
        }
        let home = try hub.read("index.html")
        #expect(home.contains("<a href=\"/hub/training/\">training</a>"))
        #expect(home.contains("<a href=\"/hub/training/a/#details\">a</a>"))
        #expect(!html.contains(".md\""))
    }

    @Test func brokenLinksAndAnchorsAreErrorsAtTheirPlace() async throws {
        let hub = try makeHub([
            "content/training/a.md": page("title: A", body: """
                Intro with [missing](missing.md) text.

                [bad anchor](b.md#detials) and [own anchor](#nowhere)
                [outside](../../x.md) [no file](chart2.png) [no section](nope/)
                """),
            "content/training/b.md": page("title: B", body: "## Details\n"),
            "content/training/c.md": page("title: C", body: "[typo](bb.md)"),
        ])
        defer { hub.remove() }
        let errors = await hub.buildErrors().filter { $0.location.file.hasSuffix("a.md") }
        let typo = await hub.buildErrors().first { $0.location.file.hasSuffix("c.md") }
        #expect(typo?.message == "'bb.md' links to content/training/bb.md, which is not a page (did you mean 'b.md'?)")
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "content/training/a.md", line: line, column: column) }
        #expect(errors == [
            .error("broken-link", at: at(4, 12), "'missing.md' links to content/training/missing.md, which is not a page"),
            .error("broken-anchor", at: at(6, 1), "'b.md#detials' points to #detials, which is not a heading in content/training/b.md (did you mean 'details'?)"),
            .error("broken-anchor", at: at(6, 32), "'#nowhere' points to #nowhere, which is not a heading in content/training/a.md"),
            .error("broken-link", at: at(7, 1), "'../../x.md' points outside content/"),
            .error("broken-link", at: at(7, 23), "'chart2.png' links to content/training/chart2.png, which does not exist"),
            .error("broken-link", at: at(7, 45), "'nope/' links to the folder content/training/nope/, which is not a section"),
        ])
    }

    @Test func noticeIDsAreTheAddressesFNV1aInSixteenHexDigits() throws {
        #expect(try #require(ExternalURL("https://example.org")).noticeID == "03e0e6ad14aa088d")
        #expect(try #require(ExternalURL("https://www.lifeline.org.au/")).noticeID == "5d61d97919b4b820")
        #expect(try #require(ExternalURL("HTTP://A")).noticeID == "80f62ee31b629023")
    }

    @Test(arguments: [
        ("b.md", "content/training", "content/training/b.md"),
        ("./b.md", "content/training", "content/training/b.md"),
        ("../networks/c.md", "content/training", "content/networks/c.md"),
        ("peer//team/./c.md", "content/training", "content/training/peer/team/c.md"),
        ("../../x.md", "content/training/peer", "content/x.md"),
        ("x/../../y.md", "content", nil),
        ("x/../y.md", "content", "content/y.md"),
        ("../x.md", "content", nil),
        ("../../../x.md", "content/training/peer", nil),
        ("folder/", "content", "content/folder"),
        ("", "content", "content"),
        ("..", "content/training", "content"),
        ("Māori/ō.md", "content", "content/Māori/ō.md"),
    ] as [(String, String, String?)])
    func relativePathsResolveAgainstTheSourcesFolder(_ path: String, _ folder: String, _ expected: String?) {
        #expect(LinkResolver.joinedPath(path, inFolder: folder) == expected)
    }

    @Test func externalLinksGoThroughOneNoticePerNormalisedURL() async throws {
        let hub = try makeHub([
            "content/a.md": page("title: A", body: """
                [Example](https://Example.org/a?q=1) [again](HTTPS://example.org:443/a?q=1) [other](https://example.org/b)
                [port](https://example.org:8443/a?q=1)
                """),
            "content/b.md": page("title: B", body: "[Same again](https://example.org/a?q=1)"),
        ])
        defer { hub.remove() }
        try await hub.build()
        let id = try #require(ExternalURL("https://example.org/a?q=1")).noticeID
        #expect(id == (try #require(ExternalURL("HTTPS://EXAMPLE.org:443/a?q=1")).noticeID))
        let html = try hub.read("a/index.html")
        #expect(html.contains("<a href=\"/hub/leave/\(id)/\">Example<span class=\"visually-hidden\"> (leaves this site)</span></a>"))
        #expect(html.contains("<a href=\"/hub/leave/\(id)/\">again<span class=\"visually-hidden\"> (leaves this site)</span></a>"))
        let notices = try FileManager.default.contentsOfDirectory(atPath: hub.output.appendingPathComponent("leave").path).sorted()
        #expect(notices.count == 3)
        #expect(notices.contains(id))

        let notice = try hub.read("leave/\(id)/index.html")
        #expect(notice.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(notice.contains("This link will take you to <strong>example.org</strong> (“Example”)"))
        #expect(notice.contains("<a class=\"button\" href=\"https://example.org/a?q=1\" rel=\"noopener noreferrer\">Continue to example.org</a>"))
        #expect(notice.contains("data-go-back>Go back</a>"))
        #expect(!(try hub.read("sitemap.xml")).contains("/leave/"))

        // Ids come from the address alone: another build, another order of files, the same ids.
        try hub.write("content/0-first.md", page("title: First", body: "[Zero](https://example.org/b)"))
        try await hub.build()
        let again = try FileManager.default.contentsOfDirectory(atPath: hub.output.appendingPathComponent("leave").path).sorted()
        #expect(again == notices)
        // There is no redirect endpoint: a notice exists only for an address the content links to.
        #expect(!(try TestHub.snapshot(hub.output)).values.contains { String(decoding: $0, as: UTF8.self).contains("?url=") })
    }

    @Test(arguments: [
        ("https://Example.ORG/Path?q=1#Top", "https://example.org/Path?q=1#Top", "example.org"),
        ("HTTP://example.org:80", "http://example.org/", "example.org"),
        ("https://example.org:8443/a", "https://example.org:8443/a", "example.org"),
        ("https://[::1]:443/", "https://[::1]/", "[::1]"),
        ("https://[::1]/x", "https://[::1]/x", "[::1]"),
        ("https://tūhono.nz/a b", "https://tūhono.nz/a b", "tūhono.nz"),
        ("https://example.org?x", "https://example.org/?x", "example.org"),
    ])
    func externalURLsAreNormalised(_ text: String, _ normalized: String, _ host: String) throws {
        let url = try #require(ExternalURL(text))
        #expect(url.normalized == normalized)
        #expect(url.host == host)
    }

    @Test(arguments: ["ftp://example.org/", "https://", "https:///path", "https://user@example.org/",
                      "https://trusted.org@elsewhere.example/", "https://exa mple.org/", "https://example.org\u{2003}x/",
                      "https://example.org:8o/", "https://:443/", "example.org/path", "javascript://example.org/%0aalert(1)"])
    func addressesReadersCannotSafelyFollowAreNotExternalURLs(_ text: String) {
        #expect(ExternalURL(text) == nil)
    }

    @Test func exemptHostsAndTheSiteItselfAreLinkedDirectly() async throws {
        let hub = try makeHub([
            "content/a.md": page("title: A", body: """
                [Health](https://www.health.gov.au/topics) [Self](https://hub.example.org/hub/training/)
                [Mail](mailto:info@example.org) [Call](tel:+61394557923) [Web](https://example.org/)
                """),
        ])
        defer { hub.remove() }
        try await hub.build()
        let html = try hub.read("a/index.html")
        #expect(html.contains("<a href=\"https://www.health.gov.au/topics\">Health<span class=\"visually-hidden\"> (leaves this site)</span></a>"))
        #expect(html.contains("<a href=\"https://hub.example.org/hub/training/\">Self</a>"))
        #expect(html.contains("<a href=\"mailto:info@example.org\">Mail</a>"))
        #expect(html.contains("<a href=\"tel:+61394557923\">Call</a>"))
        #expect(html.contains("/hub/leave/"))

        let off = try makeHub(["content/a.md": page("title: A", body: "[Web](https://example.org/)")],
                          config: LinkTests.config + "\n  enabled: false\n")
        defer { off.remove() }
        try await off.build()
        #expect(try off.read("a/index.html").contains("<a href=\"https://example.org/\">Web<span class=\"visually-hidden\"> (leaves this site)</span></a>"))
        #expect(!off.exists("leave"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))", "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "[x](file:///etc/passwd)",
    ])
    func dangerousLinksAreErrorsAndNeverReachTheOutput(_ markdown: String) async throws {
        let hub = try makeHub(["content/a.md": page("title: A", body: markdown)])
        defer { hub.remove() }
        let errors = await hub.buildErrors()
        #expect(errors.map(\.code) == ["unsafe-link"])
        // And the renderer alone, as a preview would use it, drops the address.
        let html = MarkdownRenderer.render(markdown).html.lowercased()
        for scheme in ["javascript:", "vbscript:", "data:text", "data:image/svg", "file:"] {
            #expect(!html.contains(scheme), "\(scheme)")
        }
    }

    @Test func headingsGetIDsAndLongPagesATableOfContents() async throws {
        let hub = try makeHub([
            "content/long.md": page("title: Long", body: "## One\n\n### One a\n\n## Two\n\n## Main\n"),
            "content/short.md": page("title: Short", body: "## One\n\n## Two\n"),
        ])
        defer { hub.remove() }
        try await hub.build()
        let long = try hub.read("long/index.html")
        #expect(long.contains("<h2 id=\"one\">"))
        #expect(long.contains("<h3 id=\"one-a\">"))
        // `main` is the theme's own landmark id, so the heading takes the next free one.
        #expect(long.contains("<h2 id=\"main-1\">"))
        #expect(long.contains("<nav class=\"toc\" aria-labelledby=\"toc-heading\">"))
        #expect(long.contains("<li><a href=\"#one\">One</a></li>\n<li class=\"toc-sub\"><a href=\"#one-a\">One a</a></li>"))
        #expect(!(try hub.read("short/index.html")).contains("class=\"toc\""))
    }

    @Test func contactCardsCarryJSONLDThatNoValueCanBreak() async throws {
        let hub = try makeHub([
            "content/org.md": page("""
                title: "</script><script>alert(1)</script>"
                reviewed: 2026-05-01
                contact:
                  organisation: "Tandem <b>&</b> friends"
                  website: https://www.tandemcarers.org.au/
                  phone: "(03) 8803 5555"
                  email: info@tandemcarers.org.au
                  address: "Level 1, 100 Example St, Melbourne"
                """),
        ])
        defer { hub.remove() }
        try await hub.build()
        let html = try hub.read("org/index.html")
        let opening = "<script type=\"application/ld+json\">"
        let start = try #require(html.range(of: opening))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "WebPage")
        #expect(object["name"] as? String == "</script><script>alert(1)</script>")
        #expect(object["lastReviewed"] as? String == "2026-05-01")
        let organisation = try #require(object["about"] as? [String: Any])
        #expect(organisation["@type"] as? String == "Organization")
        #expect(organisation["name"] as? String == "Tandem <b>&</b> friends")
        let point = try #require(organisation["contactPoint"] as? [String: Any])
        #expect(point["@type"] as? String == "ContactPoint")
        #expect(point["telephone"] as? String == "(03) 8803 5555")
        #expect(inlineScripts(in: html).isEmpty)
    }

    @Test func quickExitAndCrisisBannerAreOnEveryPageType() async throws {
        let hub = try makeHub([
            "content/_index.md": page("title: Home"),
            "content/training/a.md": page("title: A\nregion: vic\ntags: [x]", body: "[Out](https://example.org/)"),
        ])
        defer { hub.remove() }
        try await hub.build()
        let pages = try TestHub.snapshot(hub.output).filter { $0.key.hasSuffix(".html") }
        #expect(Set(pages.keys.map { $0.split(separator: "/").first.map(String.init) ?? "" })
            .isSuperset(of: ["index.html", "training", "region", "tags", "a-z", "404.html", "leave", "browsing-safely", "audience"] .filter { $0 != "audience" }))
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<a id=\"quick-exit\" class=\"quick-exit\" href=\"https://www.bom.gov.au/\" rel=\"noreferrer\" data-quick-exit>"), "\(path)")
            #expect(html.contains("<script src=\"/hub/assets/signpost.js\" defer></script>"), "\(path)")
            #expect(html.contains("<aside class=\"crisis\" aria-label=\"Urgent help\">"), "\(path)")
            // Plain phone numbers in the banner are links; its own links go straight to help, without a notice.
            #expect(html.contains("Call Lifeline on <a href=\"tel:131114\">13 11 14</a> or <a href=\"https://www.lifeline.org.au/\">visit Lifeline</a>."), "\(path)")
        }
        let safely = try hub.read("browsing-safely/index.html")
        #expect(safely.contains("<h1>Browsing safely</h1>"))
        #expect(safely.contains("It does not delete your browsing history."))

        let off = try makeHub(["content/a.md": page("title: A")], config: LinkTests.config + "\nquick_exit:\n  enabled: false\n")
        defer { off.remove() }
        try await off.build()
        #expect(!(try off.read("a/index.html")).contains("quick-exit"))
        #expect(!off.exists("browsing-safely"))
    }
}

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("Call 13 11 14 (24 hours).", ["13 11 14"]),
        ("Dial 000 in an emergency", ["000"]),
        ("Phone (03) 9455 7923 or +61 3 9455 7923", ["(03) 9455 7923", "+61 3 9455 7923"]),
        ("Freecall 1800 123 456, since 2026", ["1800 123 456"]),
        ("Open 9 to 5, room 12", []),
    ])
    func findsNumbersWrittenPlainly(_ text: String, _ expected: [String]) {
        #expect(PhoneNumbers.find(in: text).map { String(text[$0]) } == expected)
    }
}
