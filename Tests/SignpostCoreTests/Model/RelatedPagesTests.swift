import Testing
@testable import SignpostCore

/// Related pages against their definition: the pages sharing the most terms, ties to the lower
/// rank, whichever terms the search treats as common.
@Suite struct RelatedPagesTests {
    /// Pages with a few terms each: some terms on most pages (like an audience), most on few.
    func randomSite(pages: Int, terms: Int, seed: UInt64) -> (termsOfPage: [[Int]], rankOfPage: [Int32]) {
        var random = SeededGenerator(state: seed)
        let termsOfPage = (0..<pages).map { _ in
            var own = Set<Int>()
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                // Squaring skews the choice towards the low-numbered terms.
                let pick = Double.random(in: 0..<1, using: &random)
                own.insert(Int(pick * pick * Double(terms)))
            }
            return own.shuffled(using: &random)
        }
        let rankOfPage = (0..<pages).map(Int32.init).shuffled(using: &random)
        return (termsOfPage, rankOfPage)
    }

    /// The definition, comparing every pair.
    func everyPair(_ termsOfPage: [[Int]], _ rankOfPage: [Int32], limit: Int) -> [[Int]] {
        let sets = termsOfPage.map(Set.init)
        return sets.indices.map { page -> [Int] in
            var candidates: [(other: Int, shared: Int)] = []
            for other in sets.indices where other != page {
                let shared = sets[page].intersection(sets[other]).count
                if shared > 0 { candidates.append((other, shared)) }
            }
            candidates.sort { a, b in
                a.shared != b.shared ? a.shared > b.shared : rankOfPage[a.other] < rankOfPage[b.other]
            }
            return candidates.prefix(limit).map(\.other)
        }
    }

    @Test(arguments: [nil, 0, 1, 3, 8, 64] as [Int?])
    func matchesEveryPairComparison(commonTerms: Int?) async {
        for seed in 1...6 as ClosedRange<UInt64> {
            let site = randomSite(pages: 300, terms: 40, seed: seed)
            let expected = everyPair(site.termsOfPage, site.rankOfPage, limit: 5)
            let related = await RelatedPages(termsOfPage: site.termsOfPage, rankOfPage: site.rankOfPage,
                                             limit: 5, commonTerms: commonTerms).compute(jobs: 2)
            #expect(related == expected, "seed \(seed)")
        }
    }

    @Test func sameResultWhateverTheJobs() async {
        let site = randomSite(pages: 1_000, terms: 60, seed: 42)
        let one = await RelatedPages(termsOfPage: site.termsOfPage, rankOfPage: site.rankOfPage, limit: 5).compute(jobs: 1)
        let four = await RelatedPages(termsOfPage: site.termsOfPage, rankOfPage: site.rankOfPage, limit: 5).compute(jobs: 4)
        #expect(one == four)
        #expect(one.contains { $0.count == 5 })
    }

    @Test func commonTermsAreChosenWhenTheyAreCheaper() {
        // Two terms on every page of 1,000, each sharing page 0: walking them would cost 2,000,000
        // steps, one group of pages costs 1,000.
        let pagesOfTerm: [[Int32]] = [Array(0..<1_000), Array(0..<1_000), [0, 1]]
        #expect(RelatedPages.leastCostlyCommonTerms(pagesOfTerm, pageCount: 1_000) == 2)
        // Terms on two pages each are cheaper to walk.
        #expect(RelatedPages.leastCostlyCommonTerms([[0, 1], [2, 3]], pageCount: 1_000) == 0)
    }

    @Test func pagesSharingNothingHaveNoRelatedPages() async {
        let related = await RelatedPages(termsOfPage: [[1], [2], [], [1]], rankOfPage: [0, 1, 2, 3], limit: 5).compute(jobs: 1)
        #expect(related == [[3], [], [], [0]])
    }

    @Test func aTermOnEveryPageIsCountedThroughTheIndexToo() async {
        // Walking a term that every page has meets every page, the page itself included.
        let related = await RelatedPages(termsOfPage: [[7], [7], [7]], rankOfPage: [2, 0, 1], limit: 5, commonTerms: 0).compute(jobs: 1)
        #expect(related == [[1, 2], [2, 0], [1, 0]])
    }
}
