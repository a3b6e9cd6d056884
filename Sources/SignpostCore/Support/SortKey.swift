import Foundation

/// Sort keys that ignore case and accents, the same in every locale and every process.
enum SortKey {
    static func folded(_ text: String) -> String {
        // ASCII folds to its lower case, without the trip through NSString.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
