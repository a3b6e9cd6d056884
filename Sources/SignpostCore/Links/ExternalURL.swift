/// An `http(s)` address outside the site, normalised so that spellings of one address share one
/// leave-site notice: scheme and host lower-cased, default port dropped, the rest as written.
public struct ExternalURL: Sendable, Hashable {
    /// `https://www.example.org/Path?q=1#top`
    public var normalized: String
    /// `www.example.org`
    public var host: String

    // The host is part of the normalised address, so the address alone decides equality.
    public static func == (lhs: ExternalURL, rhs: ExternalURL) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    /// Parses `http://` and `https://` addresses (any case), including ones with spaces or non-ASCII
    /// characters that `URLComponents` refuses but browsers follow. Nil for anything else, and for
    /// addresses with a user name (`https://trusted.org@elsewhere.example/`), which mislead readers.
    public init?(_ text: String) {
        // Byte by byte: every link of every page comes through here.
        let bytes = text.utf8
        guard let separator = Self.firstSchemeSeparator(in: bytes) else { return nil }
        let scheme = Substring(bytes[..<separator.lowerBound]).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let afterScheme = bytes[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")),
              !authority.contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }) else { return nil }
        if authority.contains(where: { $0 >= 0x80 }), Substring(authority).contains(where: \.isWhitespace) { return nil }
        var hostEnd = authority.endIndex
        var port = ""
        if let colon = authority.lastIndex(of: UInt8(ascii: ":")), !authority[colon...].contains(UInt8(ascii: "]")) {
            hostEnd = colon
            let digits = authority[authority.index(after: colon)...]
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            let number = String(Substring(digits))
            if !number.isEmpty, number != (scheme == "https" ? "443" : "80") { port = ":" + number }
        }
        let host = authority[..<hostEnd]
        guard !host.isEmpty else { return nil }
        var rest = String(Substring(afterScheme[authorityEnd...]))
        if !rest.hasPrefix("/") { rest = "/" + rest }
        self.host = Substring(host).lowercased()
        self.normalized = "\(scheme)://\(self.host)\(port)\(rest)"
    }

    /// Where `://` first occurs (the generic `firstRange(of:)` is several times slower).
    static func firstSchemeSeparator(in bytes: String.UTF8View) -> Range<String.Index>? {
        var start = bytes.startIndex
        while let colon = bytes[start...].firstIndex(of: UInt8(ascii: ":")) {
            let first = bytes.index(after: colon)
            guard first < bytes.endIndex else { return nil }
            if bytes[first] == UInt8(ascii: "/") {
                let second = bytes.index(after: first)
                guard second < bytes.endIndex else { return nil }
                if bytes[second] == UInt8(ascii: "/") { return colon..<bytes.index(after: second) }
            }
            start = first
        }
        return nil
    }

    /// A name for the notice page derived from the normalised address alone, so it is the same on
    /// every build: 64-bit FNV-1a in hex. It names a page rather than guarding anything, so a fast,
    /// dependency-free hash is enough.
    public var noticeID: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in normalized.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        // Sixteen lower-case hex digits, leading zeros kept.
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: hash >> UInt64(60 - 4 * index) & 0xF)
                buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            }
            return 16
        }
    }
}
