/// Short excerpts of page text, for lists and descriptions.
enum Summary {
    /// The first sentence-sized piece of `text`, cut at a word boundary with an ellipsis.
    static func excerpt(from text: String, limit: Int = 200) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        var cut = String(collapsed.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        while let last = cut.last, ",;:–—-".contains(last) { cut.removeLast() }
        return cut + "…"
    }
}
