import Foundation

extension String {
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
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
