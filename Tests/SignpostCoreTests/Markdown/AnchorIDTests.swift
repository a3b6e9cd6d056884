import Testing
@testable import SignpostCore

@Suite struct AnchorIDTests {
    @Test func slugsKeepLettersAndDigitsJoinedByHyphens() {
        #expect(AnchorIDs.slug("Get in touch!") == "get-in-touch")
        #expect(AnchorIDs.slug("  2026 -- Training & Support (TAS) ") == "2026-training-support-tas")
        #expect(AnchorIDs.slug("Kōrero") == "korero")
        #expect(AnchorIDs.slug("?!") == "section")
        #expect(AnchorIDs.slug("") == "section")
    }

    /// ASCII headings take a byte-by-byte path; it must give what the Character-by-Character
    /// definition gives for every ASCII character.
    @Test func asciiSlugsAreWhatTheCharacterRulesGive() {
        let every = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        #expect(AnchorIDs.slug(String(every)) == AnchorIDs.characterSlug(String(every)))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0..<24, using: &generator)).map { _ in every.randomElement(using: &generator)! })
            #expect(AnchorIDs.slug(text) == AnchorIDs.characterSlug(text), "\(text.debugDescription)")
        }
    }

    @Test func repeatedHeadingsAreNumbered() {
        var ids = AnchorIDs(reserved: ["main"])
        #expect(["Contact", "contact", "Main", "Contact-1"].map { ids.unique(for: $0) } == ["contact", "contact-1", "main-1", "contact-1-1"])
    }
}
