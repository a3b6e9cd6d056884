import Foundation

/// Sort keys that ignore case and accents, the same in every locale and every process.
enum SortKey {
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
