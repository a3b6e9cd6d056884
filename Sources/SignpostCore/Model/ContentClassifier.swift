/// Stage 5, classify: the assembled graph -> the same graph with its ways in filled: taxonomy
/// terms and their pages, related pages, the A–Z groups and the most recently updated pages.
/// Pure, and parallel only where the work is per page (related pages).
public enum ContentClassifier {
    /// How many related pages a page shows.
    public static let relatedLimit = 5

    public static func classify(_ graph: ContentGraph, config: SiteConfig, jobs: Int) async -> ContentGraph {
        var graph = graph
        // Weights order pages within their own section; across sections, as on a term's page, they mean nothing.
        let orders = graph.pages.map { DisplayOrder(weight: nil, title: $0.title, path: $0.source.path) }
        graph.taxonomies = config.taxonomies.map { taxonomyIndex($0, pages: graph.pages, orders: orders, basePath: config.baseURL.path) }
        graph.recentlyUpdated = recency(graph.pages)
        graph.alphabetical = alphabetical(graph.pages)
        graph.related = await related(graph.pages, jobs: jobs)
        return graph
    }

    static func taxonomyIndex(_ taxonomy: Taxonomy, pages: [Page], orders: [DisplayOrder], basePath: String) -> TaxonomyIndex {
        var pagesByKey: [String: [Int]] = [:]
        var spelling: [String: String] = [:]
        // Pages are in path order, so the first spelling of an open term is the same in every build.
        for (index, page) in pages.enumerated() {
            for key in page.frontMatter.terms[taxonomy.name] ?? [] {
                pagesByKey[key, default: []].append(index)
                if spelling[key] == nil { spelling[key] = page.frontMatter.spellings[taxonomy.name]?[key] }
            }
        }
        let folder = URLPath.segment(taxonomy.name) + "/"
        func term(_ key: String, label: String) -> TaxonomyIndex.Term {
            let termFolder = folder + key + "/"
            return TaxonomyIndex.Term(key: key, label: label, pages: (pagesByKey[key] ?? []).sorted { orders[$0] < orders[$1] },
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
    static func recency(_ pages: [Page]) -> [Int] {
        let keyed = pages.indices.compactMap { index -> (CalendarDate, DisplayOrder, Int)? in
            guard let date = pages[index].updated else { return nil }
            return (date, DisplayOrder(weight: nil, title: pages[index].title, path: pages[index].source.path), index)
        }
        return keyed.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.2)
    }

    /// Every page under the first letter of its title, accents folded (`Ōtautahi` under O), digits
    /// under "0–9" first and anything else under "#" last.
    static func alphabetical(_ pages: [Page]) -> [LetterGroup] {
        var groups: [String: [(DisplayOrder, Int)]] = [:]
        for (index, page) in pages.enumerated() {
            let folded = SortKey.folded(page.title)
            let first = folded.first { $0.isLetter || $0.isNumber }
            let letter: String
            if let first, first.isNumber {
                letter = LetterGroup.digits
            } else if let first {
                letter = first.uppercased()
            } else {
                letter = LetterGroup.other
            }
            groups[letter, default: []].append((DisplayOrder(weight: nil, title: page.title, path: page.source.path), index))
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
    static func related(_ pages: [Page], jobs: Int) async -> [[Int]] {
        // Number every (taxonomy, term) once, and list each term's pages.
        var termIDs: [String: Int] = [:]
        var pagesOfTerm: [[Int32]] = []
        var termsOfPage: [[Int]] = []
        termsOfPage.reserveCapacity(pages.count)
        for (index, page) in pages.enumerated() {
            var ids: [Int] = []
            for (taxonomy, keys) in page.frontMatter.terms.sorted(by: { $0.key < $1.key }) {
                for key in keys {
                    let name = taxonomy + "\u{0}" + key
                    let id = termIDs[name] ?? {
                        termIDs[name] = pagesOfTerm.count
                        pagesOfTerm.append([])
                        return pagesOfTerm.count - 1
                    }()
                    pagesOfTerm[id].append(Int32(index))
                    ids.append(id)
                }
            }
            termsOfPage.append(ids)
        }
        let recency = pages.map { $0.updated.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0 }
        let orders = pages.map { DisplayOrder(weight: nil, title: $0.title, path: $0.source.path) }
        let shared = (pagesOfTerm, termsOfPage, recency, orders)

        let chunkSize = 256
        let chunks = stride(from: 0, to: pages.count, by: chunkSize).map { $0..<min($0 + chunkSize, pages.count) }
        let results = await Parallel.map(chunks, jobs: jobs) { range -> [[Int]] in
            let (pagesOfTerm, termsOfPage, recency, orders) = shared
            var counts = [Int32](repeating: 0, count: termsOfPage.count)
            var touched: [Int32] = []
            return range.map { page in
                for term in termsOfPage[page] {
                    for other in pagesOfTerm[term] where Int(other) != page {
                        if counts[Int(other)] == 0 { touched.append(other) }
                        counts[Int(other)] += 1
                    }
                }
                // Keep the best few while scanning, instead of sorting everything touched.
                var best: [(count: Int32, page: Int)] = []
                func better(_ a: (count: Int32, page: Int), _ b: (count: Int32, page: Int)) -> Bool {
                    if a.count != b.count { return a.count > b.count }
                    if recency[a.page] != recency[b.page] { return recency[a.page] > recency[b.page] }
                    return orders[a.page] < orders[b.page]
                }
                for other in touched {
                    let candidate = (count: counts[Int(other)], page: Int(other))
                    counts[Int(other)] = 0
                    if best.count == relatedLimit, !better(candidate, best[relatedLimit - 1]) { continue }
                    let position = best.firstIndex { better(candidate, $0) } ?? best.count
                    best.insert(candidate, at: position)
                    if best.count > relatedLimit { best.removeLast() }
                }
                touched.removeAll(keepingCapacity: true)
                return best.map(\.page)
            }
        }
        return results.flatMap { $0 }
    }
}

/// The pages whose titles start with one letter, for the A–Z index.
public struct LetterGroup: Sendable {
    static let digits = "0–9"
    static let other = "#"

    public var letter: String
    public var pages: [Int]
}
