import Foundation
import Testing
@testable import SignpostCore

@Suite struct ContentAssemblerTests {
    let config = try! ConfigLoader.parse("title: Hub\nbase_url: https://example.gov.au/hub/\n")

    func parsed(_ path: String, _ frontMatter: FrontMatter) -> ParsedPage {
        let components = path.split(separator: "/").map(String.init)
        let kind: SourceFile.Kind = components.last == "_index.md" ? .sectionIndex : .page
        let source = SourceFile(kind: kind, path: "content/" + path, components: components, url: URL(fileURLWithPath: "/x/" + path))
        return ParsedPage(source: source, frontMatter: frontMatter, markdown: "", bodyFirstLine: 1)
    }

    func assemble(_ pages: [ParsedPage], drafts: Bool = false) -> ContentAssembler.Result {
        ContentAssembler.assemble(pages, assets: [], config: config, includeDrafts: drafts)
    }

    @Test func urlsArePrettyAndUnderTheBasePath() {
        let result = assemble([
            parsed("_index.md", FrontMatter(title: "Home")),
            parsed("about.md", FrontMatter(title: "About")),
            parsed("training/_index.md", FrontMatter(title: "Training")),
            parsed("training/bouverie.md", FrontMatter(title: "Bouverie", slug: "the-bouverie-centre")),
            parsed("training/Peer Work/Intro Course.md", FrontMatter(title: "Intro")),
            parsed("resources/māori/kōrero.md", FrontMatter(title: "Kōrero")),
        ])
        #expect(result.diagnostics.isEmpty)
        let graph = result.graph
        #expect(graph.sections.map(\.url) == ["/hub/", "/hub/resources/", "/hub/resources/m%C4%81ori/", "/hub/training/", "/hub/training/peer-work/"])
        #expect(graph.pages.map(\.url) == ["/hub/about/", "/hub/resources/m%C4%81ori/k%C5%8Drero/", "/hub/training/peer-work/intro-course/", "/hub/training/the-bouverie-centre/"])
        #expect(graph.pages.map(\.outputFolder) == ["about/", "resources/māori/kōrero/", "training/peer-work/intro-course/", "training/the-bouverie-centre/"])
        // A folder without _index.md is a section titled from its name.
        #expect(graph.sections[4].title == "Peer Work")
        #expect(graph.sections[1].title == "Resources")
        #expect(graph.sections[1].source == nil)
        #expect(graph.home.subsections.map { graph.sections[$0].title } == ["Resources", "Training"])
    }

    @Test func listsSortByWeightThenTitle() {
        let result = assemble([
            parsed("s/b.md", FrontMatter(title: "banana")),
            parsed("s/a.md", FrontMatter(title: "Äpfel")),
            parsed("s/c.md", FrontMatter(title: "Cherry", weight: 5)),
            parsed("s/d.md", FrontMatter(title: "Date", weight: -1)),
            parsed("s/e.md", FrontMatter(title: "apple")),
            parsed("s/f.md", FrontMatter(title: "Apple")),
        ])
        let section = result.graph.sections[1]
        #expect(section.pages.map { result.graph.pages[$0].source.path } == [
            // Äpfel folds to "apfel", before "apple"; apple and Apple tie on title and go by path.
            "content/s/d.md", "content/s/c.md", "content/s/a.md", "content/s/e.md", "content/s/f.md", "content/s/b.md",
        ])
    }

    @Test func sectionsSortByWeightThenTitle() {
        let result = assemble([
            parsed("zeta/_index.md", FrontMatter(title: "Zeta", weight: 1)),
            parsed("alpha/_index.md", FrontMatter(title: "Alpha")),
            parsed("mid/_index.md", FrontMatter(title: "Mid", weight: 2)),
        ])
        #expect(result.graph.home.subsections.map { result.graph.sections[$0].title } == ["Zeta", "Mid", "Alpha"])
    }

    @Test func draftsAreLeftOutUnlessAsked() {
        let pages = [
            parsed("a.md", FrontMatter(title: "A")),
            parsed("b.md", FrontMatter(title: "B", draft: true)),
            parsed("hidden/_index.md", FrontMatter(title: "Hidden", draft: true)),
            parsed("hidden/c.md", FrontMatter(title: "C")),
            parsed("hidden/deeper/d.md", FrontMatter(title: "D")),
        ]
        let published = assemble(pages).graph
        #expect(published.pages.map(\.title) == ["A"])
        #expect(published.sections.count == 1)
        let everything = assemble(pages, drafts: true).graph
        #expect(everything.pages.map(\.title) == ["A", "B", "C", "D"])
    }

    @Test func twoSourcesWithOneURLIsAnErrorNamingBoth() {
        let result = assemble([
            parsed("training/a.md", FrontMatter(title: "A", slug: "same")),
            parsed("training/same.md", FrontMatter(title: "Same")),
            parsed("news.md", FrontMatter(title: "News")),
            parsed("news/_index.md", FrontMatter(title: "News section")),
            parsed("Case.md", FrontMatter(title: "Upper")),
            parsed("case.md", FrontMatter(title: "Lower")),
        ])
        #expect(result.diagnostics.sortedByLocation() == [
            .error("duplicate-url", at: SourceLocation(file: "content/case.md"),
                   "this page has the same URL (/case/) as content/Case.md; rename one of them or give one a different slug"),
            .error("duplicate-url", at: SourceLocation(file: "content/news.md"),
                   "this page has the same URL (/news/) as content/news/_index.md; rename one of them or give one a different slug"),
            .error("duplicate-url", at: SourceLocation(file: "content/training/same.md"),
                   "this page has the same URL (/training/same/) as content/training/a.md; rename one of them or give one a different slug"),
        ])
    }

    @Test func reservedPathsAreRefused() {
        let result = assemble([
            parsed("search.md", FrontMatter(title: "Search")),
            parsed("audience/x.md", FrontMatter(title: "X")),
        ])
        #expect(result.diagnostics.map(\.code) == ["reserved-url", "reserved-url", "reserved-url"])
        #expect(result.diagnostics.first?.message == "the URL /audience/ is reserved for the audience pages; rename this file or folder, or give the page another slug")
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "26-01-01", "2026-1-1", "2026-01-01T00:00", "",
                      "2026-\u{FF10}1-01", "2026/01/01", "+026-01-01", "2026-01-0a", "2026-01-01 "])
    func rejects(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func acceptsAndFormats() {
        #expect(CalendarDate(iso: "2024-02-29")?.longForm == "29 February 2024")
        #expect(CalendarDate(iso: "2026-03-01")?.iso == "2026-03-01")
        #expect(CalendarDate(iso: "2025-12-31")! < CalendarDate(iso: "2026-01-01")!)
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseWordsOnly() {
        #expect(Suggestion.closest(to: "reviwed", in: ["reviewed", "region"]) == "reviewed")
        #expect(Suggestion.closest(to: "carers", in: ["consumer-workers", "carer-workers", "managers"]) == "carer-workers")
        #expect(Suggestion.closest(to: "vict", in: ["vic", "wa"]) == "vic")
        #expect(Suggestion.closest(to: "xyz", in: ["audience", "region"]) == nil)
    }
}
