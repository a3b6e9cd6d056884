import Foundation

/// Checks for addresses that come from config and front matter.
public enum URLSafety {
    /// An absolute `http:` or `https:` URL with a host, and nothing a browser could run.
    public static func isWebURL(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// A plain email address (`name@example.org`), with nothing that could smuggle a header or a scheme.
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return parts[0].unicodeScalars.allSatisfy(allowedLocal.contains) && parts[1].unicodeScalars.allSatisfy(allowedDomain.contains)
    }

    private static let allowedLocal = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$&'*+-/=^_`{|}~")
    private static let allowedDomain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")

    /// A phone number as people write it: digits, spaces, `+`, `-`, `.` and parentheses.
    public static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.filter(\.isASCII).filter(\.isNumber).count
        return digits >= 3 && text.allSatisfy { ($0.isASCII && $0.isNumber) || " +-.()".contains($0) }
    }

    /// `(03) 9455 7923` -> `tel:0394557923`; a leading `+` is kept.
    public static func telURL(for phone: String) -> String {
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        return "tel:" + (phone.trimmingCharacters(in: .whitespaces).hasPrefix("+") ? "+" : "") + digits
    }

    /// `text` with every ASCII character that may not appear in a URL percent-encoded (space,
    /// controls, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`), as browsers do before following
    /// a link. Existing `%XX` escapes and non-ASCII characters (valid in an IRI) are kept.
    public static func hrefEncoded(_ text: String) -> String {
        guard text.utf8.contains(where: needsEncoding) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if needsEncoding(byte) {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEncoding(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
             UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }
}
