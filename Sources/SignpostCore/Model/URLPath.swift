import Foundation

/// How source names become URL path segments, and which paths the generator keeps for itself.
public enum URLPath {
    /// `Peer Work` -> `peer-work`: lower-cased, spaces to hyphens (file names keep their other characters).
    public static func segment(_ name: String) -> String {
        // Most names are already lower-case ASCII without spaces.
        if name.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) && $0 != 0x20 && !(0x09...0x0D).contains($0) }) {
            return name
        }
        var result = ""
        var pendingHyphen = false
        for character in name.lowercased() {
            if character.isWhitespace {
                pendingHyphen = true
            } else {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.append(character)
            }
        }
        return result
    }

    /// Percent-encodes what is not allowed in a URL path (`māori/` -> `m%C4%81ori/`), keeping `/`.
    public static func percentEncoded(_ path: String) -> String {
        if path.utf8.allSatisfy({ allowedASCII[Int($0)] }) { return path }
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// `allowed` as a table of ASCII bytes (every other byte is encoded), to skip Foundation for
    /// the common case of a path with nothing to encode.
    private static let allowedASCII: [Bool] = (0..<256).map { byte in
        guard byte < 0x80, let scalar = Unicode.Scalar(byte) else { return false }
        return allowed.contains(scalar)
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: ";")
        return set
    }()

    /// Top-level paths the generator writes itself, with what they are for.
    public static let generatedTopLevel = [
        "assets": "the theme's styles and scripts",
        "a-z": "the A–Z index",
        "search": "the search page",
        "leave": "leave-site notices",
        "page": "pagination of the home page",
        "browsing-safely": "the page explaining quick exit",
    ]

    /// Top-level paths that pages and sections may not take, with what they are for.
    public static func reservedTopLevel(config: SiteConfig) -> [String: String] {
        var reserved = generatedTopLevel
        for taxonomy in config.taxonomies {
            reserved[taxonomy.name] = "the \(taxonomy.title.lowercased()) pages"
        }
        return reserved
    }
}
