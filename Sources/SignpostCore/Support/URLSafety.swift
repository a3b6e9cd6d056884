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
        let allowedLocal = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$&'*+-/=^_`{|}~")
        let allowedDomain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        return parts[0].unicodeScalars.allSatisfy(allowedLocal.contains) && parts[1].unicodeScalars.allSatisfy(allowedDomain.contains)
    }

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
}
