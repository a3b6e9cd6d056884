import Foundation

/// Finds GitHub-flavoured Markdown in the text cmark left as text: readers would see the pipes,
/// tildes and brackets as written. Works on one text node's bytes; offsets are byte offsets into it.
enum UnsupportedSyntaxScanner {
    typealias Kind = RenderedMarkdown.UnsupportedSyntax.Kind

    /// `startsListItem`: the text begins a list item (so `[ ]` would be a task box).
    static func scan(_ text: UnsafeBufferPointer<UInt8>, startsListItem: Bool) -> [(Kind, Int)] {
        var found: [(Kind, Int)] = []
        if startsListItem, isTaskBox(text) { found.append((.taskList, 0)) }
        // Nearly all text has none of it: one quick pass says whether to look closer.
        let (hasTilde, mayHoldURL) = markers(text)
        if hasTilde, let offset = strikethrough(text) { found.append((.strikethrough, offset)) }
        if mayHoldURL { found += bareURLs(text).map { (.bareURL($0.url), $0.offset) } }
        return found
    }

    /// Whether `text` has a `~`, and whether it has `://` or a `.` after `www` (any case): without
    /// those there is no strikethrough or bare address to find.
    static func markers(_ text: UnsafeBufferPointer<UInt8>) -> (tilde: Bool, url: Bool) {
        guard let base = text.baseAddress, !text.isEmpty else { return (false, false) }
        let count = text.count
        // Each kind of byte found with memchr, which reads many bytes at a time: text is nearly
        // all letters and spaces.
        func positions(of byte: UInt8, _ body: (Int) -> Bool) {
            var from = 0
            while from < count, let hit = memchr(base + from, Int32(byte), count - from) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if body(index) { return }
                from = index + 1
            }
        }
        let tilde = memchr(base, Int32(UInt8(ascii: "~")), count) != nil
        var url = false
        positions(of: UInt8(ascii: ":")) { index in
            url = index + 2 < count && text[index + 1] == UInt8(ascii: "/") && text[index + 2] == UInt8(ascii: "/")
            return url
        }
        if !url {
            positions(of: UInt8(ascii: ".")) { index in
                url = index >= 3 && text[index - 1] | 0x20 == UInt8(ascii: "w") && text[index - 2] | 0x20 == UInt8(ascii: "w")
                    && text[index - 3] | 0x20 == UInt8(ascii: "w")
                return url
            }
        }
        return (tilde, url)
    }

    /// `[ ] `, `[x] ` or `[X] ` (or the box alone).
    static func isTaskBox(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 3, text[0] == UInt8(ascii: "["), text[2] == UInt8(ascii: "]") else { return false }
        guard [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(text[1]) else { return false }
        return text.count == 3 || text[3] == UInt8(ascii: " ")
    }

    /// The first line of a pipe table among a paragraph's source lines: a line with a `|` followed
    /// by a delimiter row. Looks at the Markdown as written, since cmark's smart punctuation turns
    /// `---` into dashes in the text it keeps.
    static func pipeTableStart(_ lines: [ArraySlice<UInt8>]) -> Int? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count where lines[index - 1].contains(UInt8(ascii: "|")) && isDelimiterRow(lines[index]) {
            return index - 1
        }
        return nil
    }

    /// `|---|:--:|`, `--- | ---`: only pipes, hyphens, colons and spaces, with at least one pipe and
    /// hyphens in every cell.
    static func isDelimiterRow(_ text: ArraySlice<UInt8>) -> Bool {
        var pipes = 0
        var hyphensInCell = 0
        var cells = 0
        var emptyCells = 0
        var isFirst = true
        for byte in text {
            switch byte {
            case UInt8(ascii: "|"):
                if hyphensInCell > 0 { cells += 1 } else if !isFirst { emptyCells += 1 }
                hyphensInCell = 0
                pipes += 1
            case UInt8(ascii: "-"): hyphensInCell += 1
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return false
            }
            isFirst = false
        }
        if hyphensInCell > 0 { cells += 1 }
        return pipes > 0 && cells > 0 && emptyCells <= 1
    }

    /// The offset of `~~` that opens a `~~struck~~` span.
    static func strikethrough(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        let tilde = UInt8(ascii: "~")
        var index = 0
        while index + 1 < text.count {
            if text[index] == tilde, text[index + 1] == tilde {
                var close = index + 2
                guard close < text.count, text[close] != tilde, text[close] != UInt8(ascii: " ") else {
                    index += 2
                    continue
                }
                while close + 1 < text.count {
                    if text[close] == tilde, text[close + 1] == tilde, text[close - 1] != UInt8(ascii: " ") { return index }
                    close += 1
                }
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Addresses starting `http://`, `https://` or `www.` at the start of a word.
    static func bareURLs(_ text: UnsafeBufferPointer<UInt8>) -> [(url: String, offset: Int)] {
        var found: [(url: String, offset: Int)] = []
        var index = 0
        while index < text.count {
            let atWordStart = index == 0 || !isWordByte(text[index - 1])
            if atWordStart, let length = prefixLength(text, at: index) {
                var end = index + length
                while end < text.count, !isSpace(text[end]) { end += 1 }
                // Trailing punctuation belongs to the sentence, as GitHub's autolinker decides.
                while end > index + length, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: ";"),
                                             UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(text[end - 1]) {
                    end -= 1
                }
                if end > index + length {
                    found.append((String(decoding: UnsafeBufferPointer(rebasing: text[index..<end]), as: UTF8.self), index))
                }
                index = end
                continue
            }
            index += 1
        }
        return found
    }

    private static let urlPrefixes = ["https://", "http://", "www."].map { Array($0.utf8) }

    private static func prefixLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let first = text[index] | 0x20
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") else { return nil }
        for bytes in urlPrefixes {
            guard index + bytes.count <= text.count else { continue }
            var matches = true
            for (offset, byte) in bytes.enumerated() where text[index + offset] | (byte >= 0x61 ? 0x20 : 0) != byte {
                matches = false
                break
            }
            if matches { return bytes.count }
        }
        return nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
