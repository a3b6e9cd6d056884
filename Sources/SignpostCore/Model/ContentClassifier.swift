/// Stage 5, classify: the assembled graph -> its ways in: taxonomy terms and their pages, related
/// pages, the A–Z groups and the most recently updated pages. Reads only front matter, titles and
/// paths, so it runs beside the Markdown rendering; pure, and parallel where the work is per page
/// (related pages).
public enum ContentClassifier {
    /// How many related pages a page shows.
    public static let relatedLimit = 5

    /// What classifying adds to a graph.
    public struct Classification: Sendable {
        public var taxonomies: [TaxonomyIndex]
        public var recentlyUpdated: [Int]
        public var alphabetical: [LetterGroup]
        public var related: [[Int]]

        /// `graph` (the one classified, or one differing only in bodies) with these filled in.
        public func applied(to graph: ContentGraph) -> ContentGraph {
            var graph = graph
            graph.taxonomies = taxonomies
            graph.recentlyUpdated = recentlyUpdated
            graph.alphabetical = alphabetical
            graph.related = related
            return graph
        }
    }

    public static func classify(_ graph: ContentGraph, config: SiteConfig, jobs: Int) async -> Classification {
        let pages = graph.pages
        // Weights order pages within their own section; across sections, as on a term's page, they mean nothing.
        let orders = pages.indices.map { DisplayOrder(weight: nil, foldedTitle: pages[$0].titleKey, path: pages[$0].source.path) }
        // Each page's place in that order, so the many sorts below compare integers, not titles.
        var orderRanks = [Int](repeating: 0, count: orders.count)
        for (rank, page) in orders.indices.sorted(by: { orders[$0] < orders[$1] }).enumerated() { orderRanks[page] = rank }
        return Classification(
            taxonomies: config.taxonomies.map { taxonomyIndex($0, pages: pages, ranks: orderRanks, basePath: config.baseURL.path) },
            recentlyUpdated: recency(pages, ranks: orderRanks),
            alphabetical: alphabetical(pages, orders: orders, ranks: orderRanks),
            related: await related(pages, ranks: orderRanks, jobs: jobs))
    }

    static func taxonomyIndex(_ taxonomy: Taxonomy, pages: [Page], ranks: [Int], basePath: String) -> TaxonomyIndex {
        var pagesByKey: [String: [Int]] = [:]
        var spelling: [String: String] = [:]
        // Pages are in path order, so the first spelling of an open term is the same in every build.
        for index in pages.indices {
            for key in pages[index].frontMatter.terms[taxonomy.name] ?? [] {
                pagesByKey[key, default: []].append(index)
                if spelling[key] == nil { spelling[key] = pages[index].frontMatter.spellings[taxonomy.name]?[key] }
            }
        }
        let folder = URLPath.segment(taxonomy.name) + "/"
        func term(_ key: String, label: String) -> TaxonomyIndex.Term {
            let termFolder = folder + key + "/"
            return TaxonomyIndex.Term(key: key, label: label, pages: (pagesByKey[key] ?? []).sorted { ranks[$0] < ranks[$1] },
                                      url: basePath + URLPath.percentEncoded(termFolder), outputFolder: termFolder)
        }
        let terms: [TaxonomyIndex.Term]
        if taxonomy.isOpen {
            terms = pagesByKey.keys
                .map { key in term(key, label: openLabel(key: key, spelling: spelling[key])) }
                .sorted { (SortKey.folded($0.label), $0.key) < (SortKey.folded($1.label), $1.key) }
        } else {
            terms = taxonomy.terms.filter { pagesByKey[$0.key] != nil }.map { term($0.key, label: $0.label) }
        }
        return TaxonomyIndex(taxonomy: taxonomy, url: basePath + URLPath.percentEncoded(folder), outputFolder: folder, terms: terms)
    }

    /// `peer-support` reads as "Peer support"; anything written with capitals or symbols
    /// (`NDIS`, `LGBTIQA+`, `Peer Support`) is kept as the author wrote it.
    static func openLabel(key: String, spelling: String?) -> String {
        guard let spelling, spelling != key else { return Taxonomy.label(derivedFrom: key) }
        return spelling
    }

    /// Pages with a `reviewed` or `date`, latest first; ties by title, then path.
    static func recency(_ pages: [Page], ranks: [Int]) -> [Int] {
        let keyed = pages.indices.compactMap { index -> (CalendarDate, Int, Int)? in
            guard let date = pages[index].updated else { return nil }
            return (date, ranks[index], index)
        }
        return keyed.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.2)
    }

    /// Every page under the first letter of its title, accents folded (`Ōtautahi` under O), digits
    /// under "0–9" first and anything else under "#" last.
    static func alphabetical(_ pages: [Page], orders: [DisplayOrder], ranks: [Int]) -> [LetterGroup] {
        var groups: [String: [(Int, Int)]] = [:]
        for index in pages.indices {
            let folded = orders[index].foldedTitle
            let first = folded.first { $0.isLetter || $0.isNumber }
            let letter: String
            if let first, first.isNumber {
                letter = LetterGroup.digits
            } else if let first {
                letter = first.uppercased()
            } else {
                letter = LetterGroup.other
            }
            groups[letter, default: []].append((ranks[index], index))
        }
        func rank(_ letter: String) -> (Int, String) {
            letter == LetterGroup.digits ? (0, letter) : letter == LetterGroup.other ? (2, letter) : (1, letter)
        }
        return groups.keys.sorted { rank($0) < rank($1) }.map { letter in
            LetterGroup(letter: letter, pages: groups[letter]!.sorted { $0.0 < $1.0 }.map(\.1))
        }
    }

    /// For each page, up to `relatedLimit` others sharing the most terms (across all taxonomies);
    /// ties go to the more recently updated, then by title, then by path, so the choice never varies.
    static func related(_ pages: [Page], ranks: [Int], jobs: Int) async -> [[Int]] {
        // Pages are numbered by their place in the tie-break order, so comparing two candidates
        // with the same count is comparing two integers.
        let recency = pages.map { $0.updated.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0 }
        let pageAtRank = pages.indices.sorted { a, b in
            recency[a] != recency[b] ? recency[a] > recency[b] : ranks[a] < ranks[b]
        }
        var rankOfPage = [Int32](repeating: 0, count: pages.count)
        for (rank, page) in pageAtRank.enumerated() { rankOfPage[page] = Int32(rank) }

        // Number every (taxonomy, term) once.
        var termIDs: [String: [String: Int]] = [:]
        var termCount = 0
        let termsOfPage = pages.map { page in
            page.frontMatter.terms.sorted { $0.key < $1.key }.flatMap { taxonomy, keys in
                keys.map { key in
                    if let id = termIDs[taxonomy]?[key] { return id }
                    termIDs[taxonomy, default: [:]][key] = termCount
                    termCount += 1
                    return termCount - 1
                }
            }
        }
        return await RelatedPages(termsOfPage: termsOfPage, rankOfPage: rankOfPage, limit: relatedLimit).compute(jobs: jobs)
    }
}

/// The pages whose titles start with one letter, for the A–Z index.
public struct LetterGroup: Sendable {
    static let digits = "0–9"
    static let other = "#"

    public var letter: String
    public var pages: [Int]
}
