/// Text escaped for HTML text and quoted attributes: `& < > " '`, the five characters Mustache
/// escapes. Works on bytes, and returns text with nothing to escape untouched.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: needsEscaping) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 32)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, to: &output) }
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        // Copy the runs between special characters whole: most text has none at all.
        var runStart = 0
        for (index, byte) in bytes.enumerated() where needsEscaping(byte) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            default: output.append(contentsOf: "&#39;".utf8)
            }
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// `& < > " '` as bits of one word (all five are below 0x3F), so a byte is checked with one
    /// comparison and one mask.
    private static let specialBelow0x3F: UInt64 = (1 << 0x26) | (1 << 0x3C) | (1 << 0x3E) | (1 << 0x22) | (1 << 0x27)

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte <= 0x3E && specialBelow0x3F & (1 << UInt64(byte)) != 0
    }
}
