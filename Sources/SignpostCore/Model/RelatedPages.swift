/// For each page, the few others sharing the most terms, ties to the lower rank.
///
/// Counting shared terms through an inverted index costs the sum, over terms, of the square of
/// their page counts: a handful of terms on thousands of pages (an audience, a region) make that
/// quadratic. So the most common terms are kept apart as a bit set per page, and pages with the
/// same common terms form one group. A page's score against another is then the rare terms they
/// share, counted through the index, plus the common ones, one `popcount`. Pages that share no
/// rare term score the same as the rest of their group, so each group offers only its
/// lowest-ranked pages, and a page looks at each group once instead of at each page.
/// How many terms count as common is chosen per site, to make the two costs least together.
struct RelatedPages: Sendable {
    /// Each page's terms (any numbering, no repeats), and each page's rank: the tie-break, lower
    /// first, a permutation of the page indexes.
    let termsOfPage: [[Int]]
    let rankOfPage: [Int32]
    let limit: Int
    /// How many of the most frequent terms are common (each a bit of one 64-bit word); `nil`
    /// chooses by cost. The result is the same whatever the choice.
    let commonTerms: Int?

    init(termsOfPage: [[Int]], rankOfPage: [Int32], limit: Int, commonTerms: Int? = nil) {
        self.termsOfPage = termsOfPage
        self.rankOfPage = rankOfPage
        self.limit = limit
        self.commonTerms = commonTerms.map { min(max($0, 0), 64) }
    }

    /// Up to `limit` pages for each page, best first: more shared terms, then lower rank.
    func compute(jobs: Int) async -> [[Int]] {
        guard limit > 0 else { return termsOfPage.map { _ in [] } }
        let index = Index(self)
        let limit = limit
        let chunkSize = 256
        let chunks = stride(from: 0, to: termsOfPage.count, by: chunkSize).map { $0..<min($0 + chunkSize, termsOfPage.count) }
        return await Parallel.map(chunks, jobs: jobs) { range in index.related(range, limit: limit) }.flatMap { $0 }
    }

    /// Tries the most frequent terms as common one by one: counting through the index costs the
    /// square of each rare term's page count, the groups one step per (page, group).
    static func leastCostlyCommonTerms(_ pagesOfTerm: [[Int32]], pageCount: Int) -> Int {
        var walkCost = pagesOfTerm.reduce(0) { $0 + $1.count * $1.count }
        var bits = [UInt64](repeating: 0, count: pageCount)
        var best = (common: 0, cost: walkCost + pageCount)
        for (bit, pages) in pagesOfTerm.prefix(64).enumerated() where pages.count > 1 {
            for page in pages { bits[Int(page)] |= 1 << UInt64(bit) }
            walkCost -= pages.count * pages.count
            let cost = walkCost + pageCount * Set(bits).count
            if cost < best.cost { best = (bit + 1, cost) }
        }
        return best.common
    }

    /// Everything the per-page search reads, by rank.
    private struct Index: Sendable {
        /// Each page's rare terms (by page index) and each rare term's pages (by rank).
        var rareTermsOfPage: [[Int32]] = []
        var ranksOfRareTerm: [[Int32]] = []
        /// Each rank's common terms, one bit each.
        var commonBits: [UInt64]
        /// Groups of ranks with the same common terms: each group's bits and its ranks, ascending.
        var groupBits: [UInt64] = []
        var groupRanks: [[Int32]] = []
        /// Each group's number of common terms; groups come in descending order of it.
        var groupSizes: [Int32] = []
        var rankOfPage: [Int32]
        var pageAtRank: [Int32]

        init(_ input: RelatedPages) {
            let pageCount = input.termsOfPage.count
            rankOfPage = input.rankOfPage
            pageAtRank = [Int32](repeating: 0, count: pageCount)
            for (page, rank) in rankOfPage.enumerated() { pageAtRank[Int(rank)] = Int32(page) }

            var pagesOfTerm: [Int: [Int32]] = [:]
            for (page, terms) in input.termsOfPage.enumerated() {
                for term in terms { pagesOfTerm[term, default: []].append(Int32(page)) }
            }
            let byFrequency = pagesOfTerm.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }

            let commonTerms = input.commonTerms ?? RelatedPages.leastCostlyCommonTerms(byFrequency.map(\.value), pageCount: pageCount)
            var bitOfTerm: [Int: Int] = [:]
            for (bit, term) in byFrequency.prefix(commonTerms).enumerated() { bitOfTerm[term.key] = bit }
            var rareIDs: [Int: Int32] = [:]
            rareTermsOfPage.reserveCapacity(pageCount)
            commonBits = [UInt64](repeating: 0, count: pageCount)
            for (page, terms) in input.termsOfPage.enumerated() {
                let rank = Int(rankOfPage[page])
                var rare: [Int32] = []
                for term in terms {
                    if let bit = bitOfTerm[term] {
                        commonBits[rank] |= 1 << UInt64(bit)
                    } else {
                        let id = rareIDs[term] ?? {
                            let id = Int32(ranksOfRareTerm.count)
                            rareIDs[term] = id
                            ranksOfRareTerm.append([])
                            return id
                        }()
                        ranksOfRareTerm[Int(id)].append(rankOfPage[page])
                        rare.append(id)
                    }
                }
                rareTermsOfPage.append(rare)
            }

            var groupOfBits: [UInt64: Int] = [:]
            for (rank, bits) in commonBits.enumerated() where bits != 0 {
                if let group = groupOfBits[bits] {
                    groupRanks[group].append(Int32(rank))
                } else {
                    groupOfBits[bits] = groupRanks.count
                    groupBits.append(bits)
                    groupRanks.append([Int32(rank)])
                }
            }
            // Groups with more common terms first: once the best few share more terms than a
            // group has, no later group can offer anything.
            let order = groupBits.indices.sorted { a, b in
                let (countA, countB) = (groupBits[a].nonzeroBitCount, groupBits[b].nonzeroBitCount)
                return countA != countB ? countA > countB : groupRanks[a][0] < groupRanks[b][0]
            }
            groupBits = order.map { groupBits[$0] }
            groupRanks = order.map { groupRanks[$0] }
            groupSizes = groupBits.map { Int32($0.nonzeroBitCount) }
        }

        func related(_ pages: Range<Int>, limit: Int) -> [[Int]] {
            var related: [[Int]] = []
            related.reserveCapacity(pages.count)
            var counts = [Int32](repeating: 0, count: pageAtRank.count)
            // The pages met so far for this page (each once). Every page met is written at the
            // end and counted only if new, so the list needs room for all pages and one more.
            var touchedStorage = [Int32](repeating: 0, count: pageAtRank.count + 1)
            var best = Best(limit: limit)
            // The loops below run millions of times at 10,000 pages: raw buffers and integers.
            counts.withUnsafeMutableBufferPointer { counts in
                touchedStorage.withUnsafeMutableBufferPointer { touched in
                    for page in pages {
                        let own = rankOfPage[page]
                        let ownBits = commonBits[Int(own)]
                        var touchedCount = 0
                        // Pages sharing a rare term: counted exactly.
                        for term in rareTermsOfPage[page] {
                            ranksOfRareTerm[Int(term)].withUnsafeBufferPointer { postings in
                                for other in postings {
                                    let count = counts[Int(other)]
                                    touched[touchedCount] = other
                                    touchedCount &+= count == 0 ? 1 : 0
                                    counts[Int(other)] = count &+ 1
                                }
                            }
                        }
                        for other in touched[0..<touchedCount] where other != own {
                            let count = counts[Int(other)] + Int32((ownBits & commonBits[Int(other)]).nonzeroBitCount)
                            // Most candidates fall short of the last place: one comparison turns them away.
                            if count < best.lowestKept { continue }
                            best.offer(count: count, rank: other)
                        }
                        // The rest share only common terms: each group's first few, once.
                        if ownBits != 0 {
                            for (group, bits) in groupBits.enumerated() {
                                if groupSizes[group] < best.lowestKept { break }
                                let count = Int32((ownBits & bits).nonzeroBitCount)
                                guard count > 0, count >= best.lowestKept else { continue }
                                for other in groupRanks[group] where other != own && counts[Int(other)] == 0 {
                                    guard best.offer(count: count, rank: other) else { break }
                                }
                            }
                        }
                        for other in touched[0..<touchedCount] { counts[Int(other)] = 0 }
                        related.append(best.ranks.map { Int(pageAtRank[Int($0)]) })
                        best.removeAll()
                    }
                }
            }
            return related
        }
    }

    /// The best few candidates so far, best first.
    private struct Best {
        let limit: Int
        private(set) var counts: [Int32] = []
        private(set) var ranks: [Int32] = []
        /// The last place's count once every place is taken, else 0: a candidate with fewer shared
        /// terms cannot get in, whatever its rank.
        private(set) var lowestKept: Int32 = 0

        init(limit: Int) {
            self.limit = limit
            counts.reserveCapacity(limit + 1)
            ranks.reserveCapacity(limit + 1)
        }

        /// Takes the candidate if it beats the last; false when it does not (and so neither would a
        /// later candidate with the same count and a higher rank).
        @discardableResult
        mutating func offer(count: Int32, rank: Int32) -> Bool {
            if counts.count == limit {
                let last = limit - 1
                if count < counts[last] || (count == counts[last] && rank > ranks[last]) { return false }
            }
            var position = counts.count
            while position > 0, count > counts[position - 1] || (count == counts[position - 1] && rank < ranks[position - 1]) {
                position -= 1
            }
            counts.insert(count, at: position)
            ranks.insert(rank, at: position)
            if counts.count > limit {
                counts.removeLast()
                ranks.removeLast()
            }
            if counts.count == limit { lowestKept = counts[limit - 1] }
            return true
        }

        mutating func removeAll() {
            counts.removeAll(keepingCapacity: true)
            ranks.removeAll(keepingCapacity: true)
            lowestKept = 0
        }
    }
}
