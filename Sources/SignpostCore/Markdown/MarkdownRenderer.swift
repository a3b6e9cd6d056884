import CCmark
import Foundation

/// The only code that touches cmark. Parses, walks, renders and frees inside one call; no C pointer
/// leaves it. cmark is safe by default (raw HTML omitted, `javascript:` and similar URLs dropped);
/// `CMARK_OPT_UNSAFE` is never passed.
public enum MarkdownRenderer {
    /// Renders `markdown`, whose first line is line `firstLine` of its file.
    public static func render(_ markdown: String, firstLine: Int = 1) -> RenderedMarkdown {
        var markdown = markdown
        let options = CMARK_OPT_SMART
        let parsed: OpaquePointer? = markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let root = parsed else { return .empty }
        defer { cmark_node_free(root) }

        var result = walk(root, lineOffset: firstLine - 1, source: markdown)
        guard let html = cmark_render_html(root, options) else { return result }
        defer { free(html) }
        result.html = String(cString: html)
        return result
    }

    /// Renders one paragraph of inline Markdown (a crisis banner's text) without the `<p>`, or
    /// returns nil when the text is anything else (a heading, a list, several paragraphs), which
    /// would not fit inside the element the theme puts it in.
    public static func renderInline(_ markdown: String) -> String? {
        var markdown = markdown
        let parsed: OpaquePointer? = markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_SMART) }
        }
        guard let root = parsed else { return nil }
        defer { cmark_node_free(root) }
        guard let paragraph = cmark_node_first_child(root), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              cmark_node_next(paragraph) == nil else { return nil }
        var html = ""
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            if let rendered = cmark_render_html(node, CMARK_OPT_SMART) {
                html += String(cString: rendered)
                free(rendered)
            }
            child = cmark_node_next(node)
        }
        return html.trimmingWhitespace().description
    }

    /// One pass over the tree with cmark's iterator (never Swift recursion, which overflows the stack
    /// on deeply nested input that cmark itself handles), collecting text, headings and links.
    /// All text goes into one byte buffer; headings, links and the first paragraph remember where
    /// they start in it and take their slice at the end, so nested links cost no more than flat ones.
    private static func walk(_ root: OpaquePointer, lineOffset: Int, source: String) -> RenderedMarkdown {
        var result = RenderedMarkdown.empty
        var plain: [UInt8] = []
        plain.reserveCapacity(4096)
        var headingStart: (level: Int, offset: Int, line: Int)?
        var openLinks: [(destination: String, offset: Int, isImage: Bool, line: Int, byteColumn: Int)] = []
        var paragraphDepth = 0
        var firstParagraph: (start: Int, end: Int)?
        var firstParagraphStart: Int?
        var columns = ColumnConverter(source)

        func appendLiteral(of node: OpaquePointer) {
            guard let literal = cmark_node_get_literal(node) else { return }
            plain.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
        }
        func newline() {
            if let last = plain.last, last != UInt8(ascii: "\n") { plain.append(UInt8(ascii: "\n")) }
        }

        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                appendLiteral(of: node)
            case CMARK_NODE_CODE_BLOCK:
                appendLiteral(of: node)
                newline()
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                plain.append(UInt8(ascii: " "))
            case CMARK_NODE_HEADING:
                if entering {
                    newline()
                    headingStart = (Int(cmark_node_get_heading_level(node)), plain.count, Int(cmark_node_get_start_line(node)))
                } else if let start = headingStart {
                    result.headings.append(.init(level: start.level, text: text(plain, from: start.offset),
                                                 line: start.line + lineOffset))
                    headingStart = nil
                    newline()
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering {
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    openLinks.append((url, plain.count, type == CMARK_NODE_IMAGE,
                                      Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))))
                } else if let link = openLinks.popLast() {
                    result.links.append(.init(destination: link.destination, text: text(plain, from: link.offset, limit: 300),
                                              isImage: link.isImage, line: link.line + lineOffset,
                                              column: columns.characterColumn(line: link.line, byteColumn: link.byteColumn)))
                }
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    if paragraphDepth == 0, firstParagraph == nil { firstParagraphStart = plain.count }
                    paragraphDepth += 1
                } else {
                    paragraphDepth -= 1
                    if paragraphDepth == 0, firstParagraph == nil, let start = firstParagraphStart, plain.count > start {
                        firstParagraph = (start, plain.count)
                    }
                    newline()
                }
            case CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                if !entering { newline() }
            case CMARK_NODE_THEMATIC_BREAK:
                newline()
            default:
                break
            }
        }
        result.plainText = String(String(decoding: plain, as: UTF8.self).trimmingWhitespace())
        result.firstParagraph = firstParagraph.map { String(decoding: plain[$0.start..<$0.end], as: UTF8.self) }
        return result
    }

    /// The text written since `offset`, at most `limit` bytes, cut on a character boundary.
    private static func text(_ plain: [UInt8], from offset: Int, limit: Int = .max) -> String {
        var end = plain.count
        if end - offset > limit {
            end = offset + limit
            while end > offset, plain[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return String(decoding: plain[offset..<end], as: UTF8.self)
    }
}

/// cmark counts columns in bytes; editors and the YAML parser count characters. Converts, looking
/// at each line once: ASCII lines need nothing, others get a byte-to-character table.
struct ColumnConverter {
    private let bytes: [UInt8]
    private var lineStarts: [Int]?
    /// Per line: nil for plain ASCII, else the character column of each byte.
    private var tables: [Int: [Int]?] = [:]

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// The 1-based character column of 1-based `byteColumn` on 1-based `line` of the source.
    mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
        if lineStarts == nil {
            var starts = [0]
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
            lineStarts = starts
        }
        guard let starts = lineStarts, line >= 1, line <= starts.count, byteColumn >= 1 else { return byteColumn }
        if tables[line] == nil {
            let start = starts[line - 1]
            let end = line < starts.count ? starts[line] : bytes.count
            let lineBytes = bytes[start..<end]
            if lineBytes.allSatisfy({ $0 < 0x80 }) {
                tables[line] = .some(nil)
            } else {
                var table: [Int] = []
                table.reserveCapacity(lineBytes.count + 1)
                var column = 0
                for byte in lineBytes {
                    if byte & 0xC0 != 0x80 { column += 1 }
                    table.append(column)
                }
                table.append(column + 1)
                tables[line] = .some(table)
            }
        }
        guard let table = tables[line] ?? nil else { return byteColumn }
        return table[min(byteColumn - 1, table.count - 1)]
    }
}

extension StringProtocol {
    /// Foundation's `trimmingCharacters(in:)` goes through NSString; this stays in Swift.
    func trimmingWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
