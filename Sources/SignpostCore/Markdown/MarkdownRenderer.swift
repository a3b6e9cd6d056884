import CCmark
import Foundation

/// The only code that touches cmark. Parses, walks, renders and frees inside one call; no C pointer
/// leaves it. cmark is safe by default (raw HTML omitted, `javascript:` and similar URLs dropped);
/// `CMARK_OPT_UNSAFE` is never passed.
public enum MarkdownRenderer {
    /// Text appended inside every link that leaves the site, for screen-reader users.
    public static let leavesSiteHTML = "<span class=\"visually-hidden\"> (leaves this site)</span>"

    /// Renders `markdown`, whose first line is line `firstLine` of its file.
    public static func render(_ markdown: String, firstLine: Int = 1) -> RenderedMarkdown {
        render(markdown, options: MarkdownOptions(firstLine: firstLine))
    }

    /// Renders `markdown`, giving headings unique ids and pointing each link and image where
    /// `rewriteLink` says: links are changed on the syntax tree, never in the HTML text.
    /// `rewriteLink` is called during this call, once per link, in the order of `links`.
    public static func render(_ markdown: String, options: MarkdownOptions,
                              rewriteLink: (RenderedMarkdown.Link) -> LinkRewrite = { _ in .keep }) -> RenderedMarkdown {
        let cmarkOptions = CMARK_OPT_SMART
        guard let root = parseDocument(markdown, options: cmarkOptions) else { return .empty }
        defer { cmark_node_free(root) }

        var (result, nodes) = walk(root, lineOffset: options.firstLine - 1, source: markdown)
        // The tree is changed only now that the walk is over: cmark's iterator must not see it change.
        var ids = AnchorIDs(reserved: options.reservedIDs)
        for (index, node) in zip(result.headings.indices, nodes.headings) {
            let id = ids.unique(for: result.headings[index].text)
            result.headings[index].id = id
            giveID(id, to: node, level: result.headings[index].level)
        }
        for (index, node) in zip(result.links.indices, nodes.links) {
            switch rewriteLink(result.links[index]) {
            case .keep:
                break
            case .replace(let url):
                cmark_node_set_url(node, url)
            case .replaceLeavingSite(let url):
                cmark_node_set_url(node, url)
                if !result.links[index].isImage, let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) {
                    cmark_node_set_on_enter(marker, leavesSiteHTML)
                    if cmark_node_append_child(node, marker) == 0 { cmark_node_free(marker) }
                }
            }
        }
        guard let html = cmark_render_html(root, cmarkOptions) else { return result }
        defer { free(html) }
        result.htmlBytes = Array(UnsafeRawBufferPointer(start: html, count: strlen(html)))
        return result
    }

    /// Splits text nodes (outside links) around phone numbers and wraps each number in a `tel:` link.
    private static func linkPhoneNumbers(in root: OpaquePointer) {
        var textNodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return }
        var linkDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK { linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1 }
            if type == CMARK_NODE_TEXT, linkDepth == 0 { textNodes.append(node) }
        }
        cmark_iter_free(iterator)
        for node in textNodes {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            let numbers = PhoneNumbers.find(in: text)
            guard !numbers.isEmpty else { continue }
            var cursor = text.startIndex
            for range in numbers {
                if cursor < range.lowerBound, let before = cmark_node_new(CMARK_NODE_TEXT) {
                    cmark_node_set_literal(before, String(text[cursor..<range.lowerBound]))
                    cmark_node_insert_before(node, before)
                }
                if let link = cmark_node_new(CMARK_NODE_LINK), let label = cmark_node_new(CMARK_NODE_TEXT) {
                    let number = String(text[range])
                    cmark_node_set_url(link, URLSafety.telURL(for: number))
                    cmark_node_set_literal(label, number)
                    cmark_node_append_child(link, label)
                    cmark_node_insert_before(node, link)
                }
                cursor = range.upperBound
            }
            cmark_node_set_literal(node, String(text[cursor...]))
        }
    }

    /// Replaces a heading with a custom block that writes the same element with an `id`, holding
    /// the heading's inline content. `id` holds only letters, digits and hyphens, so it needs no escaping.
    private static func giveID(_ id: String, to heading: OpaquePointer, level: Int) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(block, "</h\(level)>")
        guard cmark_node_insert_before(heading, block) != 0 else {
            cmark_node_free(block)
            return
        }
        while let child = cmark_node_first_child(heading) {
            if cmark_node_append_child(block, child) == 0 { break }
        }
        cmark_node_free(heading)
    }

    /// Renders one paragraph of inline Markdown (a crisis banner's text) without the `<p>`, or
    /// returns nil when the text is anything else (a heading, a list, several paragraphs), which
    /// would not fit inside the element the theme puts it in.
    /// With `linkingPhoneNumbers`, numbers written plainly in the text (`13 11 14`, `(03) 9455 7923`)
    /// also become `tel:` links, so a reader on a phone can call with one tap.
    public static func renderInline(_ markdown: String, linkingPhoneNumbers: Bool = false) -> String? {
        guard let root = parseDocument(markdown, options: CMARK_OPT_SMART) else { return nil }
        defer { cmark_node_free(root) }
        guard let paragraph = onlyParagraph(of: root) else { return nil }
        if linkingPhoneNumbers { linkPhoneNumbers(in: root) }
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

    /// The destinations of the links and images in one paragraph of inline Markdown, in order; nil
    /// when the text is not one paragraph (what `renderInline` would refuse).
    public static func inlineLinkDestinations(_ markdown: String) -> [String]? {
        guard let root = parseDocument(markdown, options: CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_node_free(root) }
        guard onlyParagraph(of: root) != nil, let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        var destinations: [String] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                destinations.append(String(cString: url))
            }
        }
        return destinations
    }

    /// cmark's tree of `markdown`, for the caller to free.
    private static func parseDocument(_ markdown: String, options: Int32) -> OpaquePointer? {
        var markdown = markdown
        return markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        }
    }

    /// The document's paragraph when that is all it holds.
    private static func onlyParagraph(of root: OpaquePointer) -> OpaquePointer? {
        guard let paragraph = cmark_node_first_child(root), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              cmark_node_next(paragraph) == nil else { return nil }
        return paragraph
    }

    /// One pass over the tree with cmark's iterator (never Swift recursion, which overflows the stack
    /// on deeply nested input that cmark itself handles), collecting text, headings and links.
    /// All text goes into one byte buffer; headings, links and the first paragraph remember where
    /// they start in it and take their slice at the end, so nested links cost no more than flat ones.
    /// `bytes` without white space at either end (as `trimmingWhitespace()` would take off the
    /// text), going through a String only when an end is not plain ASCII.
    static func trimmingWhiteSpace(_ bytes: [UInt8]) -> [UInt8] {
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0, end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        if start == end { return [] }
        if bytes[start] < 0x80, bytes[end - 1] < 0x80 {
            return start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
        }
        return Array(String(decoding: bytes, as: UTF8.self).trimmingWhitespace().utf8)
    }

    private static func walk(_ root: OpaquePointer, lineOffset: Int, source: String)
        -> (RenderedMarkdown, (headings: [OpaquePointer], links: [OpaquePointer])) {
        var result = RenderedMarkdown.empty
        var headingNodes: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        var plain: [UInt8] = []
        plain.reserveCapacity(4096)
        var headingStart: (level: Int, offset: Int, line: Int, column: Int)?
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

        guard let iterator = cmark_iter_new(root) else { return (result, ([], [])) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_TEXT:
                appendLiteral(of: node)
                if openLinks.isEmpty, let literal = cmark_node_get_literal(node) {
                    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
                    let line = Int(cmark_node_get_start_line(node))
                    let column = Int(cmark_node_get_start_column(node))
                    for (kind, offset) in UnsupportedSyntaxScanner.scan(bytes, startsListItem: startsTaskList(node)) {
                        result.unsupportedSyntax.append(.init(kind: kind, line: line + lineOffset,
                                                              column: columns.characterColumn(line: line, byteColumn: column + offset)))
                    }
                }
            case CMARK_NODE_CODE:
                appendLiteral(of: node)
            case CMARK_NODE_CODE_BLOCK:
                appendLiteral(of: node)
                newline()
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                plain.append(UInt8(ascii: " "))
            case CMARK_NODE_HEADING:
                if entering {
                    newline()
                    headingStart = (Int(cmark_node_get_heading_level(node)), plain.count, Int(cmark_node_get_start_line(node)),
                                    Int(cmark_node_get_start_column(node)))
                } else if let start = headingStart {
                    result.headings.append(.init(level: start.level, text: text(plain, from: start.offset),
                                                 line: start.line + lineOffset,
                                                 column: columns.characterColumn(line: start.line, byteColumn: start.column)))
                    headingNodes.append(node)
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
                    linkNodes.append(node)
                }
            case CMARK_NODE_PARAGRAPH:
                let firstLine = Int(cmark_node_get_start_line(node)), lastLine = Int(cmark_node_get_end_line(node))
                if entering, lastLine > firstLine,
                   let start = UnsupportedSyntaxScanner.pipeTableStart((firstLine...lastLine).map { columns.lineBytes($0) }) {
                    result.unsupportedSyntax.append(.init(kind: .pipeTable, line: firstLine + start + lineOffset, column: 1))
                }
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
        result.plainTextBytes = trimmingWhiteSpace(plain)
        result.firstParagraph = firstParagraph.map { String(decoding: plain[$0.start..<$0.end], as: UTF8.self) }
        return (result, (headingNodes, linkNodes))
    }

    /// Whether `node` opens a list item whose box (`[ ]` on GitHub) starts a run of such items:
    /// one warning per task list, not one per line.
    private static func startsTaskList(_ node: OpaquePointer) -> Bool {
        guard let item = itemOpened(by: node) else { return false }
        guard let previous = cmark_node_previous(item), let paragraph = cmark_node_first_child(previous),
              cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, let text = cmark_node_first_child(paragraph),
              cmark_node_get_type(text) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(text) else { return true }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        return !UnsupportedSyntaxScanner.isTaskBox(bytes)
    }

    /// The list item whose first paragraph `node` begins, if any.
    private static func itemOpened(by node: OpaquePointer) -> OpaquePointer? {
        guard cmark_node_previous(node) == nil, let paragraph = cmark_node_parent(node),
              cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, cmark_node_previous(paragraph) == nil,
              let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM else { return nil }
        return item
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
    /// The scalars counted on `line` up to byte offset `position`, for the next request.
    private var lastCount: (line: Int, position: Int, count: Int)?

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// The bytes of 1-based `line` of the source, without its line break.
    mutating func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        let starts = findLineStarts()
        guard line >= 1, line <= starts.count else { return [] }
        let end = line < starts.count ? starts[line] - 1 : bytes.count
        return bytes[starts[line - 1]..<max(starts[line - 1], end)]
    }

    private mutating func findLineStarts() -> [Int] {
        if let lineStarts { return lineStarts }
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
        return starts
    }

    /// The 1-based character column of 1-based `byteColumn` on 1-based `line` of the source:
    /// the Unicode scalars that start on that line up to and including that byte. Past the end of
    /// a line holding any non-ASCII byte, one past its last character.
    mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
        let starts = findLineStarts()
        guard line >= 1, line <= starts.count, byteColumn >= 1 else { return byteColumn }
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] : bytes.count
        let target = min(start + byteColumn, end)
        // Requests come in document order: on a long line (a megabyte paragraph with thousands
        // of links), counting on from the last answer keeps the work linear in the line.
        var position = start, count = 0
        if let last = lastCount, last.line == line, last.position <= target { (position, count) = (last.position, last.count) }
        while position < target {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        lastCount = (line, position, count)
        if byteColumn - 1 < end - start { return count }
        if count == end - start { return byteColumn } // an ASCII line: columns past its end as given
        return count + 1
    }
}
