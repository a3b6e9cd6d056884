/// Unique, stable `id`s for headings: the same heading text gives the same id on every build, and
/// a repeated heading is numbered (`contact`, `contact-1`, `contact-2`).
struct AnchorIDs {
    private var used: Set<String>
    private var lastNumber: [String: Int] = [:]

    init(reserved: Set<String> = []) {
        used = reserved
    }

    /// `Get in touch!` -> `get-in-touch`; `Kōrero` -> `korero`. Letters are folded to ASCII where
    /// they have a plain form, others are kept; an empty result becomes `section`.
    static func slug(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? asciiSlug(text) : characterSlug(SortKey.folded(text))
    }

    /// The rule Character by Character: letters and digits kept (lower-cased), each run of
    /// anything else one hyphen between them; nothing left is `section`.
    static func characterSlug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
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

    /// `characterSlug` for ASCII text, byte by byte: the letters and digits of ASCII are its only
    /// `isLetter` and `isNumber` characters.
    private static func asciiSlug(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            let lower = byte | 0x20
            let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
            if isLetter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(isLetter ? lower : byte)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }

    mutating func unique(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        // Numbering goes on from the last number this base was given, so a page with the same
        // heading a thousand times costs a thousand checks, not half a million.
        var number = lastNumber[base] ?? 0
        while used.contains(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        if number > 0 { lastNumber[base] = number }
        used.insert(candidate)
        return candidate
    }
}
