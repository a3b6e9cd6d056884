import Testing
@testable import SignpostCore

@Suite struct UnsupportedSyntaxMarkerTests {
    /// The quick pass that decides whether text needs the strikethrough and bare-address scans
    /// agrees with the plain definition on text full of near misses.
    @Test func markersAreTheTildeAndTheURLSigns() {
        func reference(_ bytes: [UInt8]) -> (Bool, Bool) {
            let tilde = bytes.contains(UInt8(ascii: "~"))
            var url = false
            for index in bytes.indices {
                if bytes[index] == UInt8(ascii: ":"), index + 2 < bytes.count,
                   bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") { url = true }
                if bytes[index] == UInt8(ascii: "."), index >= 3,
                   bytes[(index - 3)..<index].allSatisfy({ $0 | 0x20 == UInt8(ascii: "w") }) { url = true }
            }
            return (tilde, url)
        }
        let pieces = ["a", " ", "~", ":", "/", ".", "w", "W", "ww", "www", "://", ":/", "é", "https", "x."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = Array((0..<Int.random(in: 0..<16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            let found = bytes.withUnsafeBufferPointer { UnsupportedSyntaxScanner.markers($0) }
            let expected = reference(bytes)
            #expect(found.tilde == expected.0 && found.url == expected.1, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}
