import Testing
@testable import SignpostCore

/// A list item's output is kept for reuse only when it depends on the item alone, and reused only
/// where it would come out the same: every render below goes through one cache and is compared
/// with the same render without one.
@Suite struct TemplateCacheTests {
    /// A shared view that counts the lookups made in it.
    final class Item: TemplateObject {
        let fields: [String: TemplateValue]
        var lookups = 0
        init(_ fields: [String: TemplateValue]) { self.fields = fields }
        var isShared: Bool { true }
        func value(named name: String) -> TemplateValue {
            lookups += 1
            return fields[name] ?? .null
        }
    }

    static let partials: [String: String] = [
        "card": "<li><a href=\"{{url}}\">{{title}}</a>{{#summary}} {{summary}}{{/summary}}{{^summary}} {{note}}{{/summary}}</li>\n",
        "frame": "<ul>\n{{$entries}}{{/entries}}</ul>\n",
        "blocky": "{{title}}: {{$label}}default{{/label}}\n",
        "listing": "{{#items}}\n{{title}} {{$label}}default{{/label}}\n{{/items}}\n",
    ]

    static let templates: [String: String] = [
        "cards": "<ul>\n{{#items}}\n{{> card}}\n{{/items}}\n</ul>\n",
        "numbers": "{{#items}}\n{{index()}}. {{title}}{{#last()}}.{{/last()}}\n{{/items}}\n",
        "framed": "{{<frame}}\n{{$entries}}\n{{#items}}\n{{> card}}\n{{/items}}\n{{/entries}}\n{{/frame}}",
        "indented": "<ul>\n  {{#items}}\n  {{> card}}\n  {{/items}}\n</ul>\n",
        "blocks": "{{#items}}\n{{<blocky}}{{$label}}{{note}}{{/label}}{{/blocky}}\n{{/items}}\n",
        "labelled": "{{<listing}}{{$label}}first{{/label}}{{/listing}}",
        "relabelled": "{{<listing}}{{$label}}second{{/label}}{{/listing}}",
        "emptyFirst": "{{#items}}\n{{/items}}\n<ul>\n{{#items}}\n<li>{{title}}</li>\n{{/items}}\n</ul>\n{{#items}}{{/items}}",
        "dated": "{{#items}}\n{{title}}{{#updated}} ({{iso}}){{/updated}} {{site}}\n{{/items}}\n",
    ]

    static func library() throws -> TemplateLibrary {
        var parsed: [String: Template] = [:]
        for (name, text) in partials.merging(templates, uniquingKeysWith: { first, _ in first }) {
            parsed[name] = TemplateParser.parse(text, file: "\(name).mustache").template
        }
        return TemplateLibrary(templates: parsed)
    }

    static func items() -> [Item] {
        [
            Item(["title": .text("Peer work"), "url": .text("/peer/"), "summary": .text("What it is")]),
            Item(["title": .text("Carers & families"), "url": .text("/carers/"),
                  "updated": Tree(["iso": .text("2026-01-05")]).templateValue]),
            Item(["title": .text("Supervision"), "url": .text("/supervision/"), "summary": .text("<b>Who</b>")]),
        ]
    }

    /// Contexts that differ in what a list item might fall back on (`note`, `site`) and in the
    /// order and company of the same items.
    static func roots(_ items: [Item]) -> [Tree] {
        [
            Tree(["items": .list(items)]),
            Tree(["items": .list(Array(items.reversed())), "note": .text("from the page")]),
            Tree(["items": .list([items[1]]), "site": .text("the hub")]),
            Tree(["items": .list(items), "note": .text("another note"), "site": .text("hub")]),
            Tree(["items": .list(items)]),
        ]
    }

    @Test func keptOutputIsWhatRenderingAgainWouldGive() throws {
        let library = try Self.library()
        let items = Self.items()
        let cache = TemplateCache()
        for root in Self.roots(items) {
            for template in Self.templates.keys.sorted() {
                let kept = try library.render(root, template: template, reusing: cache).map { String(decoding: $0, as: UTF8.self) }
                let fresh = try library.render(root, template: template).map { String(decoding: $0, as: UTF8.self) }
                #expect(kept == fresh, "\(template)")
            }
        }
        #expect(cache.count > 0)
    }

    @Test func anItemIsRenderedOnceForEachKindOfList() throws {
        let library = try Self.library()
        let items = Self.items()
        let cache = TemplateCache()
        let root = Tree(["items": .list(items)])
        let first = try library.render(root, template: "cards", reusing: cache)
        let lookups = items.map(\.lookups)
        #expect(lookups.allSatisfy { $0 > 0 })
        #expect(cache.count == 3)
        let second = try library.render(root, template: "cards", reusing: cache)
        #expect(second == first)
        // Only the names an item lacked (`summary`, then `note`, which the page around it might
        // have) are looked up again, once each.
        #expect(items.map(\.lookups) == [lookups[0], lookups[1] + 2, lookups[2]])

        // Another template's list with the same body reuses the same output; an item that used
        // a name from the page around it (`note`, now there) is rendered again and not kept.
        let noted = Tree(["items": .list(items), "note": .text("a note")])
        let before = items.map(\.lookups)
        _ = try library.render(noted, template: "framed", reusing: cache)
        _ = try library.render(noted, template: "framed", reusing: cache)
        #expect(cache.count == 3)
        #expect(items[0].lookups == before[0] && items[2].lookups == before[2])
        #expect(items[1].lookups > before[1] + 4)

        // Items whose output depends on their place in the list are never kept.
        _ = try library.render(root, template: "numbers", reusing: cache)
        let numbered = items.map(\.lookups)
        _ = try library.render(root, template: "numbers", reusing: cache)
        #expect(zip(items.map(\.lookups), numbered).allSatisfy { $0 > $1 })
    }

    @Test func viewsThatAreNotSharedAreNotKept() throws {
        let library = try Self.library()
        let cache = TemplateCache()
        let root = Tree(["items": .list([Tree(["title": .text("Once"), "url": .text("/once/")])])])
        let first = try library.render(root, template: "cards", reusing: cache)
        let second = try library.render(root, template: "cards")
        #expect(first == second)
        #expect(cache.count == 0)
    }
}
