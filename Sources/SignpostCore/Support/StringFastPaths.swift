import Foundation

// String operations the build does for every file, link or word, kept off Foundation's slower
// general paths.

extension String {
    /// Whether the UTF-8 bytes include `byte`, found with `memchr` (the generic `contains` on
    /// `utf8` goes byte by byte through the collection protocols).
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false }
    }

    /// With Windows (CR LF) and old Mac (CR) line breaks as LF, the only break the stages after
    /// reading know.
    func normalizingLineBreaks() -> String {
        guard containsByte(0x0D) else { return self }
        return replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `trimmingCharacters(in: .whitespaces)` (spaces, tabs and other Unicode spaces, not line
    /// breaks), without the trip through NSString when neither end needs it: nearly always.
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if plain(first), plain(last) { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}

extension StringProtocol {
    /// Foundation's `trimmingCharacters(in:)` goes through NSString; this stays in Swift.
    func trimmingWhitespace() -> SubSequence {
        // Nearly always neither end is white space: an ASCII byte other than space and the
        // controls (tab to carriage return) settles it without reading a Character.
        let plainEnds = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
        }
        if plainEnds == true { return self[startIndex..<endIndex] }
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
