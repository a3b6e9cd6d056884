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

        var result = walk(root, lineOffset: firstLine - 1)
        guard let html = cmark_render_html(root, options) else { return result }
        defer { free(html) }
        result.html = String(cString: html)
        return result
    }

    /// Renders a single paragraph of inline Markdown (a crisis banner's text) without the `<p>`.
    public static func renderInline(_ markdown: String) -> String {
        var html = render(markdown.replacingOccurrences(of: "\n", with: " ")).html
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasSuffix("</p>") { html.removeLast(4) }
        return html
    }

    /// One pass over the tree with cmark's iterator (never Swift recursion, which overflows the stack
    /// on deeply nested input that cmark itself handles), collecting text, headings and links.
    private static func walk(_ root: OpaquePointer, lineOffset: Int) -> RenderedMarkdown {
        var result = RenderedMarkdown.empty
        var plain = ""
        plain.reserveCapacity(4096)
        var heading: (level: Int, text: String, line: Int)?
        var openLinks: [(destination: String, text: String, isImage: Bool, line: Int, column: Int)] = []
        var paragraphDepth = 0
        var firstParagraph: String?
        var paragraphText = ""

        func append(_ text: String) {
            plain += text
            if heading != nil { heading!.text += text }
            for index in openLinks.indices { openLinks[index].text += text }
            if paragraphDepth > 0, firstParagraph == nil { paragraphText += text }
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
                if let literal = cmark_node_get_literal(node) { append(String(cString: literal)) }
            case CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) { append(String(cString: literal)); plain += "\n" }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                append(" ")
            case CMARK_NODE_HEADING:
                if entering {
                    heading = (Int(cmark_node_get_heading_level(node)), "", Int(cmark_node_get_start_line(node)) + lineOffset)
                } else if let done = heading {
                    result.headings.append(.init(level: done.level, text: done.text, line: done.line))
                    heading = nil
                    plain += "\n"
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering {
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    openLinks.append((url, "", type == CMARK_NODE_IMAGE,
                                      Int(cmark_node_get_start_line(node)) + lineOffset, Int(cmark_node_get_start_column(node))))
                } else if let link = openLinks.popLast() {
                    result.links.append(.init(destination: link.destination, text: link.text, isImage: link.isImage,
                                              line: link.line, column: link.column))
                }
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    paragraphDepth += 1
                } else {
                    paragraphDepth -= 1
                    if firstParagraph == nil, paragraphDepth == 0, !paragraphText.isEmpty {
                        firstParagraph = paragraphText
                    }
                    plain += "\n"
                }
            case CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_THEMATIC_BREAK:
                if !entering || type == CMARK_NODE_THEMATIC_BREAK, !plain.hasSuffix("\n") { plain += "\n" }
            default:
                break
            }
        }
        result.plainText = String(plain.trimmingWhitespace())
        result.firstParagraph = firstParagraph
        return result
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
