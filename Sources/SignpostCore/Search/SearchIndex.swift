/// What `/search.json` holds: the pages a reader can find, and an inverted index of the words in
/// their bodies. Titles, summaries and terms travel whole in `docs` (the results list shows them),
/// so the script matches those itself; bodies, by far the most text, travel only as the index.
///
/// The file, with keys in this order:
/// - `format`: `signpost-search-1`.
/// - `taxonomies`: every configured taxonomy as `{name, title, facet, terms: [[key, label], ...]}`,
///   terms in the order the site lists them; `facet` is true for the closed ones (audience,
///   workforce, region), which the search page offers as filters.
/// - `docs`: one object per published page, in A–Z order of title: `url`, `title`, `summary`,
///   `section` (its title), then one array of term keys per taxonomy (`audience`, `workforce`,
///   `region`, `tags`).
/// - `words`: every indexed body word (see `SearchText`), sorted by UTF-8 bytes, separated by spaces.
/// - `postings`: for each word, in the same order and also space-separated, the docs it occurs
///   in: doc numbers ascending, each written as its gap from the one before minus one (the first
///   as its number), in base 32, most significant digit first, with nothing between numbers:
///   digits `0-9a-v` (0 to 31) end a number, and `A-Z w x y z - _` (also 0 to 31) are digits with
///   more to come. `02Dr` is docs 0, 3 and 127 (gaps 1, 3 and 124, minus one: 0, 2 and 3×32+27).
///
/// Sorting the words lets the script find every word with a given prefix by binary search.
public struct SearchIndex: Sendable {
    public struct Doc: Sendable, Equatable {
        public var url: String
        public var title: String
        public var summary: String
        public var section: String
        /// Term keys, one list per configured taxonomy, in the config's order.
        public var terms: [[String]]
    }

    public var docs: [Doc]
    /// Sorted by UTF-8 bytes (Swift's `<` on these folded words agrees, and so does JavaScript's
    /// `<` on the BMP letters that make up nearly all of them; the script compares the same way).
    public var words: [String]
    /// `postings[i]`: the docs (ascending) whose body holds `words[i]`.
    public var postings: [[Int32]]
    public var taxonomies: [TaxonomyEntry]

    public struct TaxonomyEntry: Sendable, Equatable {
        public var name: String
        public var title: String
        public var isFacet: Bool
        /// Keys and labels, in the order the site lists them.
        public var terms: [Term]

        public struct Term: Sendable, Equatable {
            public var key: String
            public var label: String
        }
    }

    public static let empty = SearchIndex(docs: [], words: [], postings: [], taxonomies: [])

    public static let format = "signpost-search-1"

    /// `a < b` comparing UTF-8 bytes.
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

// MARK: Building

extension SearchIndex {
    /// Stage: the classified graph -> the search index. Parallel over pages for the word lists.
    public static func build(_ graph: ContentGraph, config: SiteConfig, jobs: Int) async -> SearchIndex {
        let keys = graph.pages.indices.map { graph.pages[$0].titleKey }
        let order = graph.pages.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a] < keys[b] : graph.pages[a].source.path < graph.pages[b].source.path
        }

        let bodies = order.map { graph.pages[$0].body.plainTextBytes }
        // Each job lists the pages of its chunk under their words, grouped by the words' first
        // byte; then each first byte's lists are joined in chunk order (so every word's pages stay
        // in document order) and its words sorted, also in parallel. Words sorted by bytes within
        // each first byte, taken in first-byte order, are sorted by bytes overall.
        let chunkSize = 256
        let chunks = stride(from: 0, to: bodies.count, by: chunkSize).map { $0..<min($0 + chunkSize, bodies.count) }
        let partials = await Parallel.map(chunks, jobs: jobs) { range -> [[(word: String, documents: [Int32])]] in
            var builder = PostingsBuilder()
            for doc in range { builder.add(bodies[doc], document: Int32(doc)) }
            var byFirstByte = Array(repeating: [(word: String, documents: [Int32])](), count: 256)
            for posting in builder.postings() { byFirstByte[Int(posting.word.utf8.first!)].append(posting) }
            return byFirstByte
        }
        let firstBytes = (0..<256).filter { byte in partials.contains { !$0[byte].isEmpty } }
        let merged = await Parallel.map(firstBytes, jobs: jobs) { byte -> [(word: String, documents: [Int32])] in
            var postingsByWord: [String: [Int32]] = [:]
            for partial in partials {
                for (word, docs) in partial[byte] { postingsByWord[word, default: []].append(contentsOf: docs) }
            }
            return postingsByWord.sorted { byteOrder($0.key, $1.key) }.map { ($0.key, $0.value) }
        }.flatMap { $0 }
        releaseInBackground(partials)

        let docs = await Parallel.map(order, jobs: jobs) { index -> Doc in
            let section = graph.sections[graph.pages[index].section]
            return Doc(url: graph.pages[index].url, title: graph.pages[index].title, summary: graph.pages[index].summary,
                       section: section.isHome ? "" : section.title,
                       terms: config.taxonomies.map { graph.pages[index].frontMatter.terms[$0.name] ?? [] })
        }
        let taxonomies = config.taxonomies.map { taxonomy in
            let index = graph.taxonomies.first { $0.taxonomy.name == taxonomy.name }
            return TaxonomyEntry(name: taxonomy.name, title: taxonomy.title, isFacet: !taxonomy.isOpen,
                                 terms: (index?.terms ?? []).map { TaxonomyEntry.Term(key: $0.key, label: $0.label) })
        }
        return SearchIndex(docs: docs, words: merged.map(\.word), postings: merged.map(\.documents), taxonomies: taxonomies)
    }
}

// MARK: Encoding

extension SearchIndex {
    static let endDigits = Array("0123456789abcdefghijklmnopqrstuv".utf8)
    static let moreDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_".utf8)

    /// `search.json`'s bytes. Written by hand rather than with `JSONEncoder`: the order of keys is
    /// part of the format, and the postings are one long string built byte by byte.
    public func json() -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"format\":")
        out.string(Self.format)
        out.raw(",\n\"taxonomies\":[")
        for (number, taxonomy) in taxonomies.enumerated() {
            if number > 0 { out.raw(",") }
            out.raw("{\"name\":")
            out.string(taxonomy.name)
            out.raw(",\"title\":")
            out.string(taxonomy.title)
            out.raw(taxonomy.isFacet ? ",\"facet\":true,\"terms\":[" : ",\"facet\":false,\"terms\":[")
            for (termNumber, term) in taxonomy.terms.enumerated() {
                out.raw(termNumber > 0 ? ",[" : "[")
                out.string(term.key)
                out.raw(",")
                out.string(term.label)
                out.raw("]")
            }
            out.raw("]}")
        }
        out.raw("],\n\"docs\":[")
        for (number, doc) in docs.enumerated() {
            out.raw(number > 0 ? ",\n{\"url\":" : "\n{\"url\":")
            out.string(doc.url)
            out.raw(",\"title\":")
            out.string(doc.title)
            out.raw(",\"summary\":")
            out.string(doc.summary)
            out.raw(",\"section\":")
            out.string(doc.section)
            for (taxonomy, keys) in zip(taxonomies, doc.terms) {
                out.raw(",")
                out.string(taxonomy.name)
                out.raw(":[")
                for (keyNumber, key) in keys.enumerated() {
                    if keyNumber > 0 { out.raw(",") }
                    out.string(key)
                }
                out.raw("]")
            }
            out.raw("}")
        }
        out.raw("],\n\"words\":\"")
        for (number, word) in words.enumerated() {
            if number > 0 { out.bytes.append(UInt8(ascii: " ")) }
            out.stringContents(word)
        }
        out.raw("\",\n\"postings\":\"")
        for (number, list) in postings.enumerated() {
            if number > 0 { out.bytes.append(UInt8(ascii: " ")) }
            var previous: Int32 = -1
            for doc in list {
                Self.appendNumber(UInt32(doc - previous - 1), to: &out.bytes)
                previous = doc
            }
        }
        out.raw("\"}\n")
        return out.bytes
    }

    static func appendNumber(_ value: UInt32, to bytes: inout [UInt8]) {
        var shift = 0
        while shift < 30, value >> UInt32(shift + 5) != 0 { shift += 5 }
        while shift > 0 {
            bytes.append(moreDigits[Int((value >> UInt32(shift)) & 31)])
            shift -= 5
        }
        bytes.append(endDigits[Int(value & 31)])
    }

    /// Reads `postings` strings back, for tests: the inverse of `appendNumber` over a list.
    static func decodePostings(_ text: Substring) -> [Int32] {
        var result: [Int32] = []
        var value: UInt32 = 0
        var previous: Int32 = -1
        for byte in text.utf8 {
            if let digit = endDigits.firstIndex(of: byte) {
                previous += Int32(value << 5 | UInt32(digit)) + 1
                result.append(previous)
                value = 0
            } else if let digit = moreDigits.firstIndex(of: byte) {
                value = value << 5 | UInt32(digit)
            }
        }
        return result
    }
}
