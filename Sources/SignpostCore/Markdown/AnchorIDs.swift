/// Unique, stable `id`s for headings: the same heading text gives the same id on every build, and
/// a repeated heading is numbered (`contact`, `contact-1`, `contact-2`).
struct AnchorIDs {
    private var used: Set<String>

    init(reserved: Set<String> = []) {
        used = reserved
    }

    /// `Get in touch!` -> `get-in-touch`; `Kōrero` -> `korero`. Letters are folded to ASCII where
    /// they have a plain form, others are kept; an empty result becomes `section`.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in SortKey.folded(text).lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    mutating func unique(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var number = 0
        while used.contains(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        used.insert(candidate)
        return candidate
    }
}
