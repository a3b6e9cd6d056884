import Foundation
import Testing
@testable import SignpostCore

/// Search words, `search.json` and the search page (SPEC §10). What a reader sees in the browser is
/// tested in tests/python/test_search.py.
@Suite struct SearchTextTests {
    @Test func wordsAreFoldedAndSplit() {
        #expect(SearchText.words(in: "Māori and Pasifika") == ["maori", "and", "pasifika"])
        #expect(SearchText.words(in: "Co-production, in Ōtautahi (Christchurch)!") == ["co", "production", "in", "otautahi", "christchurch"])
        #expect(SearchText.words(in: "Montréal's WĀNANGA") == ["montreal", "s", "wananga"])
        #expect(SearchText.words(in: "Certificate IV 2026 — Naarm/Melbourne") == ["certificate", "iv", "2026", "naarm", "melbourne"])
        // Decomposed input (e + combining acute) folds the same as precomposed.
        #expect(SearchText.words(in: "Montre\u{301}al") == ["montreal"])
        // Letters of other scripts are words; symbols and emoji are not.
        #expect(SearchText.words(in: "日本語 ☎ 😀 ok") == ["日本語", "ok"])
        #expect(SearchText.words(in: "") == [])
        // Final sigma: JavaScript lower-cases ΥΓΕΙΑΣ to υγειας, Swift to υγειασ; both fold to σ.
        #expect(SearchText.words(in: "ΥΓΕΙΑΣ υγειας") == ["υγειασ", "υγειασ"])
    }

    @Test func indexWordsSkipStopWordsSingleLettersAndHugeWords() {
        let huge = String(repeating: "x", count: 500)
        var words = SearchText.indexWords(in: "The peer and the 3 workers, a b \(huge) peer PEER Peer")
        #expect(words == ["peer", "3", "workers"])
        // The limit counts characters: these fourteen are 42 bytes but still a word. (Folding
        // takes the voicing marks off kana, ピ -> ヒ, in the script as in the index.)
        words = SearchText.indexWords(in: "精神保健ピアサポート研修会議")
        #expect(words == ["精神保健ヒアサホート研修会議"])
    }

    @Test func indexWordsAreDistinctWhateverTheirSpellingAndHowManyThereAre() {
        // Enough distinct words to make the byte set grow several times, each written three ways.
        let words = (0..<3_000).map { "word\($0)" }
        let text = (words + words.map { $0.uppercased() } + words.map { "Wórd" + $0.dropFirst(4) }).joined(separator: " ")
        #expect(SearchText.indexWords(in: text) == words)
        #expect(SearchText.indexWords(in: "Māori MAORI maori Ma\u{304}ori") == ["maori"])
    }

    /// The index reads words in its own pass (lower-casing and hashing as it goes); it must find
    /// exactly the words `words(in:)` finds, on any mix of scripts, marks and separators.
    @Test func indexWordsAreTheIndexableWordsOfWordsIn() {
        let pieces = ["peer", "PEER", "Work", "a", "I", "7", "2026", "x9", " ", "  ", "-", ", ", ".", "'", "\n", "é", "E\u{301}",
                      "Māori", "ŌTAUTAHI", "日本", "☎", "😀", "ΣΑΣ", "ﬁ", "Ⅻ", "\u{301}", "the", "and", "ü", "ß"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var seen: Set<String> = []
            let expected = SearchText.words(in: text).filter { SearchText.isIndexable($0) && seen.insert($0).inserted }
            #expect(SearchText.indexWords(in: text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func postingsListEachDocumentOnceInOrder() {
        var builder = PostingsBuilder()
        builder.add("Peer work and peer PEER support", document: 0)
        builder.add("the support", document: 3)
        builder.add("", document: 4)
        builder.add("Māori peer-work", document: 7)
        let postings = builder.postings()
        #expect(postings.map(\.word) == ["peer", "work", "support", "maori"])
        #expect(postings.map(\.documents) == [[0, 7], [0, 7], [0, 3], [7]])
    }
}

@Suite struct SearchIndexTests {
    @Test(arguments: [0, 1, 31, 32, 33, 1023, 1024, 123_456, 4_000_000_000] as [UInt32])
    func numbersRoundTrip(value: UInt32) {
        var bytes: [UInt8] = []
        SearchIndex.appendNumber(value, to: &bytes)
        // Only the last digit comes from the end alphabet.
        #expect(bytes.dropLast().allSatisfy { SearchIndex.moreDigits.contains($0) })
        #expect(SearchIndex.endDigits.contains(bytes.last!))
        var decoded: UInt32 = 0
        for byte in bytes {
            decoded = decoded << 5 | UInt32(SearchIndex.endDigits.firstIndex(of: byte) ?? SearchIndex.moreDigits.firstIndex(of: byte)!)
        }
        #expect(decoded == value)
    }

    @Test func postingsAreGapsMinusOne() {
        var bytes: [UInt8] = []
        var previous: Int32 = -1
        for doc: Int32 in [0, 3, 127] {
            SearchIndex.appendNumber(UInt32(doc - previous - 1), to: &bytes)
            previous = doc
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "02Dr")
        #expect(SearchIndex.decodePostings("02Dr") == [0, 3, 127])
    }

    @Test func jsonStringsEscapeWhatCouldEndAScriptOrAString() throws {
        var writer = JSONWriter()
        writer.string("a\"b\\c\n</script><!--&\u{2028}\u{2029}\u{1}é")
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #""a\"b\\c\n\u003c/script\u003e\u003c!--\u0026\u2028\u2029\u0001é""#)
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed) as? String
        #expect(parsed == "a\"b\\c\n</script><!--&\u{2028}\u{2029}\u{1}é")

        // Text with nothing to escape is copied whole; other characters starting with the same
        // byte as U+2028 (dashes, curly quotes) are copied as they are.
        for (input, expected) in [("Peer work 2026", #""Peer work 2026""#), ("Māori – “kōrero”", #""Māori – “kōrero”""#),
                                  ("\u{2028}", #""\u2028""#), ("<", #""\u003c""#), ("", #""""#)] {
            var writer = JSONWriter()
            writer.string(input)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
        }
    }
}

@Suite struct SearchBuildTests {
    private static func page(_ frontMatter: String, _ body: String = "Some text.") -> String {
        "---\n\(frontMatter)\n---\n\(body)\n"
    }

    static let config = """
        title: Test Hub
        base_url: https://hub.example.org/hub/
        taxonomies:
          audience:
            title: Audience
            terms: { managers: Managers, carer-workers: Carer workers }
          region:
            title: Region
            terms: { wa: Western Australia, vic: Victoria }
          tags:
            title: Topics
            open: true
        """

    private func makeHub() throws -> TestHub {
        try TestHub([
            "content/_index.md": Self.page("title: Home", "The home page mentions kangaroo."),
            "content/training/_index.md": Self.page("title: Training", "The section mentions wombat."),
            "content/training/zeta.md": Self.page("title: Zeta course\nsummary: Last by title.\naudience: managers\nregion: [vic, wa]\ntags: [Peer Support]",
                                                  "Supervision for *everyone* in [Naarm](https://example.net/naarm)."),
            "content/training/alpha.md": Self.page("title: Ālpha course\naudience: carer-workers", "First paragraph about quokka.\n\n## Heading words\n\nMore supervision."),
            "content/training/draft.md": Self.page("title: Hidden\ndraft: true", "The draft says quokka and secretword."),
        ], config: Self.config)
    }

    @Test func indexHoldsPublishedPagesInTitleOrderWithTheirFields() async throws {
        let hub = try makeHub()
        defer { hub.remove() }
        try await hub.build()
        let data = try Data(contentsOf: hub.output.appendingPathComponent("search.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["format"] as? String == "signpost-search-1")

        let docs = try #require(json["docs"] as? [[String: Any]])
        // Pages only: no draft, section, home page, leave notice or 404; A–Z by folded title.
        #expect(docs.map { $0["url"] as? String } == ["/hub/training/alpha/", "/hub/training/zeta/"])
        let zeta = docs[1]
        #expect(zeta["title"] as? String == "Zeta course")
        #expect(zeta["summary"] as? String == "Last by title.")
        #expect(zeta["section"] as? String == "Training")
        #expect(zeta["audience"] as? [String] == ["managers"])
        #expect(zeta["region"] as? [String] == ["vic", "wa"])
        #expect(zeta["tags"] as? [String] == ["peer-support"])
        // A page without a summary gets its first paragraph, as in lists.
        #expect(docs[0]["summary"] as? String == "First paragraph about quokka.")

        let taxonomies = try #require(json["taxonomies"] as? [[String: Any]])
        // workforce is one of the default taxonomies, kept when the config does not list it.
        #expect(taxonomies.map { $0["name"] as? String } == ["audience", "workforce", "region", "tags"])
        #expect(taxonomies.map { $0["facet"] as? Bool } == [true, true, true, false])
        #expect(taxonomies[2]["terms"] as? [[String]] == [["wa", "Western Australia"], ["vic", "Victoria"]])
        #expect(taxonomies[3]["terms"] as? [[String]] == [["peer-support", "Peer Support"]])
        #expect(zeta["workforce"] as? [String] == [])

        let words = try #require(json["words"] as? String).split(separator: " ").map(String.init)
        let postings = try #require(json["postings"] as? String).split(separator: " ", omittingEmptySubsequences: false)
        #expect(words.count == postings.count)
        #expect(words == words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        func postingsOf(_ word: String) -> [Int32] {
            words.firstIndex(of: word).map { SearchIndex.decodePostings(postings[$0]) } ?? []
        }
        #expect(postingsOf("supervision") == [0, 1])
        #expect(postingsOf("quokka") == [0])
        #expect(postingsOf("heading") == [0])
        #expect(postingsOf("naarm") == [1])
        #expect(postingsOf("everyone") == [1])
        // Words from drafts, sections, link addresses and stop words are not indexed.
        for absent in ["secretword", "wombat", "kangaroo", "example", "net", "the", "for"] {
            #expect(!words.contains(absent), "\(absent) should not be indexed")
        }
    }

    @Test func indexBytesAreTheSameOnEveryBuild() async throws {
        let hub = try makeHub()
        defer { hub.remove() }
        let first = hub.root.appendingPathComponent("one"), second = hub.root.appendingPathComponent("two")
        try await hub.build(output: first, jobs: 1)
        try await hub.build(output: second, jobs: 4)
        let a = try Data(contentsOf: first.appendingPathComponent("search.json"))
        let b = try Data(contentsOf: second.appendingPathComponent("search.json"))
        #expect(a == b)
    }

    @Test func searchPageLoadsItsScriptAndIndexUnderTheBasePath() async throws {
        let hub = try makeHub()
        defer { hub.remove() }
        try await hub.build()
        let search = try hub.read("search/index.html")
        #expect(search.contains("<script src=\"/hub/assets/search.js\" defer></script>"))
        #expect(search.contains("data-search-index=\"/hub/search.json\""))
        #expect(search.contains("<form class=\"search-form search-page-form\" action=\"/hub/search/\" method=\"get\""))
        // Without JavaScript: links to browse by each closed taxonomy instead.
        #expect(search.contains("<a href=\"/hub/audience/managers/\">Managers"))
        #expect(search.contains("<a href=\"/hub/region/vic/\">Victoria"))
        #expect(!search.contains("<script>"))
        #expect(hub.exists("assets/search.js"))
        // Every page's header has a search form.
        for path in ["index.html", "training/index.html", "training/zeta/index.html", "a-z/index.html", "404.html"] {
            #expect(try hub.read(path).contains("<form class=\"site-search\" action=\"/hub/search/\" method=\"get\" role=\"search\""), "\(path)")
        }
        // Other pages do not load the search script.
        #expect(!(try hub.read("training/zeta/index.html")).contains("search.js"))
        // The search page is not a page to list in the sitemap's place of content, but it is reachable.
        #expect(try hub.read("sitemap.xml").contains("search.json") == false)
    }
}
