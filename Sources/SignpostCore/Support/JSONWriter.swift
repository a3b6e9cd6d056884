/// JSON text as bytes. Strings escape what JSON requires, and also `<`, `>`, `&` and the two
/// line separators JavaScript once treated as line ends, so the output is safe to inline anywhere
/// (a `<script>` element included: no value can write `</script>` or `<!--`).
struct JSONWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        stringContents(text)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func stringContents(_ text: String) {
        append(text, escapingJSONSyntax: true)
    }

    /// `json` as `JSONEncoder` wrote it (its strings already escaped as JSON requires), with the
    /// characters that matter to HTML escaped as well, as `string` does.
    static func markupSafe(_ json: String) -> String {
        var writer = JSONWriter()
        writer.append(json, escapingJSONSyntax: false)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private mutating func append(_ text: String, escapingJSONSyntax: Bool) {
        // Nearly every string (a title, a URL, a search word) has nothing to escape: copied whole.
        var text = text
        let plain = text.withUTF8 { buffer in
            guard !buffer.contains(where: Self.mayNeedEscaping) else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if plain { return }
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\"") where escapingJSONSyntax, UInt8(ascii: "\\") where escapingJSONSyntax:
                bytes += [0x5C, byte]
            case UInt8(ascii: "\n") where escapingJSONSyntax: bytes += [0x5C, UInt8(ascii: "n")]
            case UInt8(ascii: "\t") where escapingJSONSyntax: bytes += [0x5C, UInt8(ascii: "t")]
            case UInt8(ascii: "\r") where escapingJSONSyntax: bytes += [0x5C, UInt8(ascii: "r")]
            case 0..<0x20 where escapingJSONSyntax, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                bytes += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)]]
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                // U+2028 and U+2029
                bytes += Array("\\u202".utf8) + [utf8[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                index += 2
            default:
                bytes.append(byte)
            }
            index += 1
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Controls, `"`, `\`, `<`, `>`, `&`, and the first byte of U+2028 and U+2029 (and of other
    /// characters, which the full pass then copies as they are).
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
    }
}
