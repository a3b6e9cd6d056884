import Mustache

/// HTML escaping for templates: the same five characters as Mustache's own (`& < > " '`), but
/// working on bytes and returning text with nothing to escape untouched. Mustache's version walks
/// every character through a dictionary, which took a quarter of a 10,000-page build.
struct HTMLEscaping: MustacheContentType {
    static let name = "SIGNPOST_HTML"
    /// Put before every template, so everything rendered with it escapes this way.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Registers the content type with Mustache; safe to call more than once.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
