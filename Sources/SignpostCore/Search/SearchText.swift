import Foundation

/// How text becomes search words, the same way in the build (for the index) and in the search
/// page's script (for the query): decompose (NFD), drop combining marks, lower-case, and split on
/// anything that is not a letter or a digit. So `Māori` is `maori`, `co-production` is `co` and
/// `production`, and `Ōtautahi` files under `otautahi`.
///
/// The script's version is `fold(...).match(/[\p{L}\p{N}]+/gu)` after
/// `normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()`; keep the two in step.
enum SearchText {
    /// Words this long or longer (in characters) are not indexed: nobody types them, and a hostile
    /// page could otherwise put megabytes into one entry. Scripts written without spaces (Chinese,
    /// Japanese, Thai) form long "words" here and are found only from the start of a run: a known
    /// limit of matching by words.
    static let maximumWordLength = 40

    /// Words too common to tell pages apart. The script drops them from queries too.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into",
        "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their", "then", "there",
        "these", "they", "this", "to", "was", "were", "will", "with",
    ]

    /// The distinct words of `text` worth indexing: folded, at least two characters long (or a
    /// number), shorter than `maximumWordLength`, and not stop words; in the order first seen.
    static func indexWords(in text: String) -> [String] {
        var builder = PostingsBuilder()
        builder.add(text, document: 0)
        return builder.postings().map(\.word)
    }

    /// Every folded word of `text`, in order, stop words included.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var text = text
        text.withUTF8 { bytes in forEachWord(in: bytes) { word, _ in words.append(String(decoding: word, as: UTF8.self)) } }
        return words
    }

    static func isIndexable(_ word: String) -> Bool {
        let count = word.utf8.count
        // Characters, not bytes: a 14-letter word in a script of 3-byte letters is still a word.
        guard count < maximumWordLength || word.unicodeScalars.count < maximumWordLength,
              !stopWords.contains(word) else { return false }
        if count >= 2 { return true }
        return word.utf8.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of `text`, in order, and, for a
    /// word that is plain ASCII (nearly all), its hash (`ByteWordTable.hash`) taken while reading
    /// it; nil for a word with any other character, which goes through `fold`. ASCII words are
    /// lower-cased into the same positions of a scratch copy, so each is handed over as one slice.
    @inline(__always)
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt64?) -> Void) {
        let count = bytes.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { lowered in
            var start = -1
            var isASCII = true
            var hash = ByteWordTable.hashStart

            @inline(__always) func endWord(_ end: Int) {
                defer {
                    start = -1
                    isASCII = true
                }
                if isASCII {
                    body(UnsafeBufferPointer(rebasing: lowered[start..<end]), hash)
                    return
                }
                // Folding can itself produce separators (a compatibility character), so split again.
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                for part in fold(word).split(whereSeparator: { !$0.unicodeScalars.allSatisfy(isWordScalar) }) {
                    var part = String(part)
                    part.withUTF8 { body($0, nil) }
                }
            }

            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    let lower = byte | 0x20
                    let letter = lower &- UInt8(ascii: "a") < 26
                    if letter || byte &- UInt8(ascii: "0") < 10 {
                        let folded = letter ? lower : byte
                        if start < 0 {
                            start = index
                            hash = ByteWordTable.hashStart
                        }
                        lowered[index] = folded
                        hash = ByteWordTable.hash(hash, folded)
                    } else if start >= 0 {
                        endWord(index)
                    }
                    index += 1
                    continue
                }
                // A multi-byte scalar: decode it to see whether it belongs to a word.
                let (scalar, end) = scalar(in: bytes, at: index)
                if let scalar, isWordScalar(scalar) {
                    if start < 0 { start = index }
                    isASCII = false
                } else if start >= 0 {
                    endWord(index)
                }
                index = end
            }
            if start >= 0 { endWord(count) }
        }
    }

    /// The scalar whose UTF-8 starts with the byte at `index` (0x80 or above), and where the next
    /// one starts, in valid UTF-8.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar?, end: Int) {
        let byte = bytes[index]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        let end = min(index + length, bytes.count)
        var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        for next in (index + 1)..<end { value = value << 6 | UInt32(bytes[next] & 0x3F) }
        return (Unicode.Scalar(value), end)
    }

    /// Letters, digits and combining marks (which belong to the letter before them).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// NFD, without combining marks, lower-cased, final sigma as sigma: `Māori` -> `maori`.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: scalars.append(scalar)
            }
        }
        // `lowercased()` maps each character alone (Σ -> σ); JavaScript writes a word's last
        // sigma as ς. Both sides write every sigma as σ.
        return String(String(scalars).lowercased().map { $0 == "ς" ? "σ" : $0 })
    }
}

/// Byte strings numbered in the order first inserted, for telling a word already seen from its
/// bytes alone: FNV-1a hashes in an open-addressed table over one shared byte buffer.
/// `Set<String>` or `[String: Int]` would need a String made and hashed for every occurrence.
struct ByteWordTable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 512)

    var count: Int { hashes.count }

    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a, one byte further.
    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// `word`'s number, and whether this call added it.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        var hash = Self.hashStart
        for byte in word { hash = Self.hash(hash, byte) }
        return insert(word, hash: hash)
    }

    /// `word`'s number, and whether this call added it; `hash` is its hash, taken while reading it.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int, isNew: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if hashes[index] == hash {
                let start = index == 0 ? 0 : ends[index - 1]
                if ends[index] - start == word.count, bytes.withUnsafeBufferPointer({ stored in
                    word.count == 0 || memcmp(stored.baseAddress! + start, word.baseAddress!, word.count) == 0
                }) {
                    return (index, false)
                }
            }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        slots[slot] = Int32(id)
        hashes.append(hash)
        bytes.append(contentsOf: word)
        ends.append(bytes.count)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The word numbered `id`.
    func word(_ id: Int) -> String {
        String(decoding: bytes[(id == 0 ? 0 : ends[id - 1])..<ends[id]], as: UTF8.self)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}

/// The postings of a run of documents: each indexed word with the documents (ascending) it is
/// in. Words are told apart by their bytes, and a word's last document is remembered, so a
/// repeated word costs one table probe and no String.
struct PostingsBuilder {
    private var table = ByteWordTable()
    /// Per word: the last document it was added for, or `unindexed`.
    private var lastDocument: [Int32] = []
    private var documents: [[Int32]] = []
    private static let unindexed: Int32 = -2

    /// Adds the words of `text` (`SearchText.forEachWord`) as document `document`; documents must
    /// come in ascending order.
    mutating func add(_ text: String, document: Int32) {
        var text = text
        text.withUTF8 { add(utf8: $0, document: document) }
    }

    /// `add(_:document:)` for text as UTF-8 bytes.
    mutating func add(_ text: [UInt8], document: Int32) {
        text.withUnsafeBufferPointer { add(utf8: $0, document: document) }
    }

    private mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>, document: Int32) {
        SearchText.forEachWord(in: bytes) { word, hash in add(word, hash: hash, document) }
    }

    @inline(__always)
    private mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64?, _ document: Int32) {
        let (id, isNew) = hash.map { table.insert(word, hash: $0) } ?? table.insert(word)
        if isNew {
            let indexable = SearchText.isIndexable(String(decoding: word, as: UTF8.self))
            lastDocument.append(indexable ? -1 : Self.unindexed)
            documents.append([])
        }
        let last = lastDocument[id]
        guard last != document, last != Self.unindexed else { return }
        lastDocument[id] = document
        documents[id].append(document)
    }

    /// Every indexed word and its documents, words in the order first seen.
    func postings() -> [(word: String, documents: [Int32])] {
        documents.indices.compactMap { id in documents[id].isEmpty ? nil : (table.word(id), documents[id]) }
    }
}
