import Foundation
import Testing
@testable import SignpostCore

@Suite struct BuildTests {
    @Test func fixtureHubProducesEveryPage() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        let report = try await hub.build()
        let files = try TestHub.snapshot(hub.output).keys.sorted()
        #expect(files == [
            ".signpost-output",
            "404.html",
            "_headers",
            "a-z/index.html",
            "about/index.html",
            "assets/search.js",
            "assets/signpost.css",
            "assets/signpost.js",
            "audience/carer-workers/index.html",
            "audience/index.html",
            "audience/managers/index.html",
            "browsing-safely/index.html",
            "downloads/Guide.txt",
            "feed.xml",
            "index.html",
            "leave/\(try #require(ExternalURL("https://www.bouverie.org.au/")).noticeID)/index.html",
            "region/index.html",
            "region/national/index.html",
            "region/vic/index.html",
            "resources/chart.svg",
            "resources/index.html",
            "resources/toolkit/index.html",
            "robots.txt",
            "search.json",
            "search/index.html",
            "sitemap.xml",
            "tags/family-work/index.html",
            "tags/index.html",
            "tags/training/index.html",
            "training/bouverie/index.html",
            "training/index.html",
            "training/intentional-peer-support-hub/index.html",
            "training/mind/index.html",
            "training/page/2/index.html",
            "training/peer-work/cert-iv/index.html",
            "training/peer-work/index.html",
            "workforce/family-carer/index.html",
            "workforce/index.html",
        ])
        #expect(report.pages == 6)
        #expect(report.sections == 4)
    }

    @Test func pagesShowTheirFieldsUnderTheBasePath() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        let html = try hub.read("training/bouverie/index.html")
        #expect(html.contains("<html lang=\"en-AU\">"))
        #expect(html.contains("<title>Bouverie Centre – Fixture Hub</title>"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.gov.au/hub/training/bouverie/\">"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/hub/assets/signpost.css\">"))
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(html.contains("<main id=\"main\""))
        #expect(html.contains("<h1>Bouverie Centre</h1>"))
        #expect(html.contains("<p>The Bouverie Centre teaches <em>single session</em> work.</p>"))
        #expect(html.contains("Last reviewed <time datetime=\"2026-03-01\">1 March 2026</time>"))
        #expect(html.contains("<li><a href=\"/hub/audience/carer-workers/\">Family and carer lived experience workers</a></li>"))
        #expect(html.contains("<li><a href=\"/hub/audience/managers/\">Managers and coordinators</a></li>"))
        #expect(html.contains("<li><a href=\"/hub/workforce/family-carer/\">Family and carer lived experience</a></li>"))
        #expect(html.contains("<li><a href=\"/hub/region/vic/\">Victoria</a></li>"))
        #expect(html.contains("<li><a href=\"/hub/tags/family-work/\">Family Work</a></li>"))
        #expect(html.contains("<li><a href=\"/hub/tags/training/\">Training</a></li>"))
        let notice = try #require(ExternalURL("https://www.bouverie.org.au/")).noticeID
        #expect(html.contains("<dd><a href=\"/hub/leave/\(notice)/\">www.bouverie.org.au<span class=\"visually-hidden\"> (leaves this site)</span></a></dd>"))
        #expect(html.contains("<dd><a href=\"tel:0384814800\">(03) 8481 4800</a></dd>"))
        #expect(html.contains("<dd><a href=\"mailto:info@bouverie.org.au\">info@bouverie.org.au</a></dd>"))
        #expect(html.contains("<p>Call <strong>Lifeline</strong> on <a href=\"tel:131114\">13 11 14</a>.</p>"))
        #expect(html.contains("We acknowledge the Traditional Custodians of the lands on which we work."))
        #expect(html.contains("<a href=\"/hub/training/\" aria-current=\"true\">Training</a>"))
        #expect(inlineScripts(in: html).isEmpty)
        #expect(!html.contains("style="))

        let plain = try hub.read("about/index.html")
        #expect(!plain.contains("contact-card"))
        #expect(!plain.contains("Last reviewed"))
    }

    @Test func sectionListsAreSortedAndPaginated() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        // paginate: 2; training has mind (weight 2), then Bouverie Centre and SHARC by title.
        let first = try hub.read("training/index.html")
        #expect(first.contains("<h2 id=\"subsections-heading\">In this section</h2>"))
        #expect(first.contains("<a href=\"/hub/training/peer-work/\">Peer work</a>"))
        let mind = try #require(first.range(of: "/hub/training/mind/"))
        let bouverie = try #require(first.range(of: "/hub/training/bouverie/"))
        #expect(mind.lowerBound < bouverie.lowerBound)
        #expect(!first.contains("/hub/training/intentional-peer-support-hub/"))
        #expect(first.contains("<li aria-current=\"page\">Page 1 of 2</li>"))
        #expect(first.contains("<a href=\"/hub/training/page/2/\" rel=\"next\">Next page</a>"))
        #expect(!first.contains("rel=\"prev\""))
        let second = try hub.read("training/page/2/index.html")
        #expect(second.contains("/hub/training/intentional-peer-support-hub/"))
        #expect(!second.contains("/hub/training/mind/"))
        #expect(second.contains("<a href=\"/hub/training/\" rel=\"prev\">Previous page</a>"))
        #expect(!second.contains("rel=\"next\""))
        #expect(!second.contains("In this section"))
        #expect(second.contains("<title>Training (page 2 of 2) – Fixture Hub</title>"))
        // Home lists top-level sections by weight, and its own pages.
        let home = try hub.read("index.html")
        let training = try #require(home.range(of: "<a href=\"/hub/training/\">Training</a></h3>"))
        let resources = try #require(home.range(of: "<a href=\"/hub/resources/\">Resources</a></h3>"))
        #expect(training.lowerBound < resources.lowerBound)
        #expect(home.contains("<a href=\"/hub/about/\">About</a>"))
        #expect(home.contains("<p>Welcome to the <em>fixture</em> hub.</p>"))
        #expect(!home.contains("Coming soon"))
    }

    @Test(arguments: [(2, false), (3, true), (4, true), (5, false)])
    func paginationBoundaries(pages: Int, secondPageExpected: Bool) async throws {
        var files: [String: String] = [:]
        for index in 1...pages {
            files["content/list/p\(index).md"] = page("title: Page \(index)")
        }
        // Two per page, except the last case: exactly one full page of five.
        let config = TestHub.minimalConfig + "\npaginate: \(pages == 5 ? 5 : 2)\n"
        let hub = try TestHub(files, config: config)
        defer { hub.remove() }
        try await hub.build()
        #expect(hub.exists("list/page/2/index.html") == secondPageExpected)
        #expect(!hub.exists("list/page/3/index.html"))
        if !secondPageExpected {
            #expect(!(try hub.read("list/index.html")).contains("Page 1 of"))
        }
    }

    @Test func draftsAreBuiltOnlyWhenAsked() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        #expect(!hub.exists("training/draft/index.html"))
        #expect(!hub.exists("drafts-only/index.html"))
        #expect(!(try hub.read("training/page/2/index.html")).contains("Not ready"))
        try await hub.build(drafts: true)
        #expect(hub.exists("training/draft/index.html"))
        #expect(hub.exists("drafts-only/plan/index.html"))
    }

    @Test func hostileValuesAreEscaped() async throws {
        let hub = try TestHub([
            "content/_index.md": page("title: Home"),
            "content/evil/_index.md": page("title: \"<img src=x onerror=alert('section')>\""),
            "content/evil/page.md": page("""
                title: "</title><script>alert('title')</script>"
                summary: "\\"><svg onload=alert('summary')>"
                tags: ["<b>tag</b>"]
                contact:
                  organisation: "</dl><script>alert('org')</script>"
                  address: "<iframe src=//evil>"
                  website: "https://example.org/\\"onmouseover=\\"alert(1)"
                """, body: "<script>alert('body')</script>\n\n[x](javascript:alert('link'))"),
        ])
        defer { hub.remove() }
        let errors = await hub.buildErrors()
        // The website with a quote in it and the javascript: link are refused outright; everything else is escaped.
        #expect(errors.map(\.code) == ["invalid-url", "unsafe-link"])
        try hub.write("content/evil/page.md", page("""
            title: "</title><script>alert('title')</script>"
            summary: "\\"><svg onload=alert('summary')>"
            tags: ["<b>tag</b>"]
            contact:
              organisation: "</dl><script>alert('org')</script>"
              address: "<iframe src=//evil>"
            """, body: "<script>alert('body')</script>\n\n<img src=x onerror=alert('raw')>"))
        try await hub.build()
        for path in ["evil/page/index.html", "evil/index.html", "index.html"] {
            let html = try hub.read(path)
            #expect(inlineScripts(in: html).isEmpty, "\(path)")
            #expect(!html.contains("<svg"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.contains("<iframe"), "\(path)")
            #expect(!html.contains("javascript:"), "\(path)")
        }
        let pageHTML = try hub.read("evil/page/index.html")
        #expect(pageHTML.contains("<title>&lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; – Test Hub</title>"))
        #expect(pageHTML.contains("<meta name=\"description\" content=\"&quot;&gt;&lt;svg onload=alert(&#39;summary&#39;)&gt;\">"))
        #expect(pageHTML.contains("<h1>&lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"))
        #expect(pageHTML.contains("&lt;/dl&gt;&lt;script&gt;alert(&#39;org&#39;)&lt;/script&gt;"))
        let sectionHTML = try hub.read("evil/index.html")
        #expect(sectionHTML.contains("<h1>&lt;img src=x onerror=alert(&#39;section&#39;)&gt;</h1>"))
    }

    @Test func everyErrorInEveryFileIsReportedAndNothingIsWritten() async throws {
        let hub = try TestHub(fixture: "hub-with-errors")
        defer { hub.remove() }
        let expected = try String(contentsOf: hub.root.appendingPathComponent("expected-diagnostics.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let errors = await hub.buildErrors()
        #expect(errors.sortedByLocation().map(\.description) == expected)
        #expect(!hub.exists(""))
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        let before = try TestHub.snapshot(hub.output)
        try hub.write("content/training/mind.md", page("title: Mind\naudience: everyone"))
        try hub.write("content/new.md", page("title: New page"))
        let errors = await hub.buildErrors()
        #expect(errors.map(\.code) == ["unknown-term"])
        #expect(try TestHub.snapshot(hub.output) == before)
        // No staging or old folders are left beside the output.
        #expect(try hub.siblingsOfOutput() == ["content", "signpost.yml", "site", "static"])
    }

    @Test func successfulRebuildReplacesTheSiteAndRemovesStaleFiles() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        try FileManager.default.removeItem(at: hub.root.appendingPathComponent("content/about.md"))
        try await hub.build()
        #expect(!hub.exists("about/index.html"))
        #expect(hub.exists("index.html"))
        #expect(try hub.siblingsOfOutput() == ["content", "signpost.yml", "site", "static"])
    }

    @Test func refusesToReplaceAFolderSignpostDidNotMake() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try hub.write("site/thesis.docx", "my only copy")
        let errors = await hub.buildErrors()
        #expect(errors.map(\.code) == ["unsafe-output"])
        #expect(errors.first?.location.file == "site/")
        #expect(errors.first?.message.contains("not made by Signpost") == true)
        #expect(try hub.read("thesis.docx") == "my only copy")
        // An empty folder is fine to fill.
        try FileManager.default.removeItem(at: hub.output.appendingPathComponent("thesis.docx"))
        try await hub.build()
        #expect(hub.exists("index.html"))
    }

    @Test func refusesTheHubItsSourcesAndTheirParents() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        for output in [hub.root, hub.root.appendingPathComponent("content"), hub.root.appendingPathComponent("content/training/out"),
                       hub.root.deletingLastPathComponent(), URL(fileURLWithPath: "/")] {
            do {
                _ = try await Builder.build(hub.options(output: output))
                Issue.record("building into \(output.path) must be refused")
            } catch {
                #expect(error.diagnostics.map(\.code) == ["unsafe-output"])
            }
        }
        #expect(FileManager.default.fileExists(atPath: hub.root.appendingPathComponent("content/about.md").path))
        #expect(!FileManager.default.fileExists(atPath: hub.root.appendingPathComponent("content/training/out").path))
    }

    @Test func outputIsByteIdenticalWhateverTheJobs() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        // Enough pages that two workers interleave.
        for index in 0..<60 {
            try hub.write("content/bulk/page-\(index).md", page("title: Bulk \(index)\ntags: [t\(index % 7), shared]\nregion: [vic, wa]", body: "Body \(index)."))
        }
        let one = hub.root.appendingPathComponent("out-1")
        let two = hub.root.appendingPathComponent("out-2")
        try await hub.build(output: one, jobs: 1)
        try await hub.build(output: two, jobs: 2)
        let first = try TestHub.snapshot(one)
        #expect(first.count > 60)
        #expect(first == (try TestHub.snapshot(two)))
    }

    @Test func baseURLOverrideChangesEveryLink() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build(baseURL: "https://preview.example.org/")
        let html = try hub.read("training/bouverie/index.html")
        #expect(html.contains("href=\"https://preview.example.org/training/bouverie/\""))
        #expect(html.contains("href=\"/assets/signpost.css\""))
        #expect(!html.contains("/hub/"))
    }

    @Test func symlinksInContentAreSkippedWithAWarning() async throws {
        let hub = try TestHub(["content/a.md": page("title: A")])
        defer { hub.remove() }
        try FileManager.default.createSymbolicLink(atPath: hub.root.appendingPathComponent("content/passwd.md").path,
                                                   withDestinationPath: "/etc/passwd")
        let report = try await hub.build()
        #expect(report.warnings == [.warning("symlink", at: SourceLocation(file: "content/passwd.md"),
                                             "skipped: symbolic links are not followed, so nothing outside the hub is published by accident; copy the file into content/ instead")])
        #expect(!hub.exists("passwd/index.html"))
    }

    @Test func staticFilesAreCopiedAndMayNotReplaceGeneratedOnes() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        try await hub.build()
        #expect(try hub.read("downloads/Guide.txt") == "A plain text guide.\n")
        try hub.write("static/training/index.html", "<p>mine</p>")
        #expect(await hub.buildErrors() == [
            .error("duplicate-output", at: SourceLocation(file: "static/training/index.html"),
                   "this would write training/index.html, which content/training/_index.md also writes; rename one of them"),
        ])
    }

    @Test func aFileWhereAPageNeedsItsFolderIsAnErrorBeforeWriting() async throws {
        let hub = try TestHub(["content/guide.md": page("title: Guide"), "static/guide": "plain"])
        defer { hub.remove() }
        #expect(await hub.buildErrors() == [
            .error("duplicate-output", at: SourceLocation(file: "static/guide"),
                   "this would write the file guide, where content/guide.md needs a folder of that name; rename one of them"),
        ])
    }

    @Test func concurrentBuildsOfOneOutputBothSucceed() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        for index in 0..<300 {
            try hub.write("content/bulk/page-\(index).md", page("title: Bulk \(index)"))
        }
        async let first = Builder.build(hub.options(jobs: 2))
        async let second = Builder.build(hub.options(jobs: 2))
        let reports = try await [first, second]
        #expect(reports.map(\.pages) == [306, 306])
        #expect(hub.exists("bulk/page-299/index.html"))
        #expect(try hub.siblingsOfOutput() == ["content", "signpost.yml", "site", "static"])
    }

    @Test func refusesASymlinkedOutputAndFilesItDidNotWrite() async throws {
        let hub = try TestHub(fixture: "basic-hub")
        defer { hub.remove() }
        let target = hub.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let link = hub.root.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        do {
            _ = try await Builder.build(hub.options(output: link))
            Issue.record("a symbolic link must be refused")
        } catch {
            #expect(error.diagnostics.first?.message.contains("symbolic link") == true)
        }

        // A folder Signpost made, to which someone added a file, is not replaced either.
        try await hub.build()
        try hub.write("site/training/notes.txt", "mine")
        let errors = await hub.buildErrors()
        #expect(errors.map(\.code) == ["unsafe-output"])
        #expect(errors.first?.message.contains("training/notes.txt") == true)
        #expect(try hub.read("training/notes.txt") == "mine")
        // What desktops drop into folders does not count.
        try FileManager.default.removeItem(at: hub.output.appendingPathComponent("training/notes.txt"))
        try hub.write("site/.DS_Store", "x")
        try await hub.build()
    }

    @Test func markdownExtensionsInAnyCaseArePagesNeverCopiedSource() async throws {
        let hub = try TestHub([
            "content/a/Upper.MD": page("title: Upper"),
            "content/a/long.markdown": page("title: Long"),
            "content/a/index.md": page("title: Index"),
        ])
        defer { hub.remove() }
        #expect(await hub.buildErrors() == [
            .error("index-page", at: SourceLocation(file: "content/a/index.md"),
                   "this page would be published at /a/index/; to describe the folder's section, name it _index.md"),
        ])
        try FileManager.default.removeItem(at: hub.root.appendingPathComponent("content/a/index.md"))
        try await hub.build()
        #expect(hub.exists("a/upper/index.html"))
        #expect(hub.exists("a/long/index.html"))
        #expect(!hub.exists("a/Upper.MD"))
    }

    @Test func copiedFilesNeedSafeNames() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "content/img?x/p.png": "png",
            "static/a#b.txt": "text",
        ])
        defer { hub.remove() }
        #expect(await hub.buildErrors().map(\.location.file) == ["content/img?x/p.png", "static/a#b.txt"])
    }

    @Test func configAndContentErrorsAreReportedTogether() async throws {
        let hub = try TestHub(["content/a.md": page("title: A\nregion: vicc")],
                              config: TestHub.minimalConfig + "\nlanguge: en\n")
        defer { hub.remove() }
        #expect(await hub.buildErrors().map(\.code) == ["unknown-term", "unknown-field"])
    }

    @Test func missingConfigAndContentAreClearErrors() async throws {
        let hub = try TestHub([:], config: nil)
        defer { hub.remove() }
        #expect(await hub.buildErrors().map(\.code) == ["missing-config"])
    }
}
