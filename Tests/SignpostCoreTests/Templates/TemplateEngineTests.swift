import Foundation
import Mustache
import Testing
@testable import SignpostCore

/// Signpost's template engine renders what swift-mustache renders, whitespace included: each case
/// here goes through both and the outputs are compared byte for byte.
@Suite struct TemplateEngineTests {
    static var data: Tree { Tree([
        "name": .text(#"<b>"Tom" & 'Jerry'</b>"#),
        "empty": .text(""),
        "edges": .text("'Māori' & ēnd>"),
        "yes": .bool(true),
        "no": .bool(false),
        "count": .number(3),
        "nothing": .null,
        "words": .list(["alpha", "beta", "gamma"]),
        "none": .list([String]()),
        "noteHTML": .text("<em>made safe by the generator</em>"),
        "bodyHTML": .utf8(Array("<p>Tom &amp; \"Jerry\" – Māori</p>".utf8)),
        "person": Tree([
            "name": .text("Ana"),
            "contact": Tree(["phone": .text("1300 000 000")]).templateValue,
            "tags": .list([Tree(["label": .text("peer")]), Tree(["label": .text("carer")])]),
        ]).templateValue,
        "items": .list([
            Tree(["title": .text("First"), "url": .text("/a/"), "summary": .text("One")]),
            Tree(["title": .text("Second & last"), "url": .text("/b/?x=1&y=2")]),
        ]),
    ]) }

    static let partials: [String: String] = [
        "item": "<li>{{title}}</li>\n{{#summary}}\n<p>{{summary}}</p>\n{{/summary}}\n",
        "lines": "one\ntwo {{name}}\n\nthree\n",
        "parent": "<h1>{{$title}}Default title{{/title}}</h1>\n{{$body}}\n<p>default body</p>\n{{/body}}\n<footer>{{name}}</footer>\n",
        "layout": "<main>\n  {{$content}}\n  <p>nothing</p>\n  {{/content}}\n</main>\n",
        "middle": "{{<parent}}{{$title}}Middle{{/title}}{{/parent}}",
    ]

    static let cases: [String] = [
        "Hello {{name}}! {{{noteHTML}}} {{&noteHTML}}",
        "{{bodyHTML}}|{{{bodyHTML}}}|{{#bodyHTML}}[{{.}}]{{/bodyHTML}}{{^bodyHTML}}never{{/bodyHTML}}",
        "{{ name }}|{{edges}}|{{{noteHTML}}}|{{empty}}|{{nothing}}|{{missing}}|{{count}}|{{yes}}|{{no}}",
        "{{#yes}}shown{{/yes}}{{#no}}hidden{{/no}}{{^no}}inverted{{/no}}{{^yes}}hidden{{/yes}}",
        "{{#words}}[{{.}}]{{/words}}{{^none}}no items{{/none}}{{#none}}never{{/none}}",
        "{{#nothing}}never{{/nothing}}{{^nothing}}absent{{/nothing}}{{^missing}}missing{{/missing}}",
        "{{#empty}}[{{.}}]{{/empty}}{{#count}}{{.}} items{{/count}}",
        "{{#person}}{{name}} {{contact.phone}} {{#tags}}{{label}} of {{name}}; {{/tags}}{{/person}}",
        "{{person.name}} {{person.contact.phone}} {{person.missing.phone}} {{#person.contact}}{{phone}} {{.phone}} {{.name}}{{/person.contact}}",
        "{{#items}}{{title}} {{url}} {{summary}} {{count}}\n{{/items}}",
        "<ul>\n  {{#items}}\n  <li>{{title}}</li>\n  {{/items}}\n</ul>\n",
        "<ul>\n{{#items}}\n  {{> item}}\n{{/items}}\n</ul>\n",
        "  {{> lines}}\ntext\n    {{> lines}}",
        "before {{> lines}} after\n",
        "{{! a comment }}\n  {{! standalone }}\nline {{! inline }} end\n{{!\nmulti\nline\n}}\nlast\n",
        "{{#words}}{{#first()}}<{{/first()}}{{.}}{{^last()}}, {{/last()}}{{#last()}}>{{/last()}}{{index()}}{{/words}}",
        "{{#items}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{/items}}{{first()}}",
        "{{<parent}}\n{{$title}}Child title{{/title}}\n{{/parent}}\n",
        "{{<parent}}\n{{$body}}\n<p>child body {{name}}</p>\n{{/body}}\n{{/parent}}",
        "{{<layout}}\n  {{$content}}\n    <p>indented</p>\n    <p>twice</p>\n  {{/content}}\n{{/layout}}\n",
        "{{<middle}}{{$title}}Outermost{{/title}}{{/middle}}|{{<middle}}{{/middle}}",
        "{{$solo}}a block with no parent{{/solo}}\n",
        "line one\r\n{{#yes}}\r\ncrlf\r\n{{/yes}}\r\nend",
        "{{#yes}}\n  indented {{name}}\n{{/yes}}",
        "{{#words}}\n{{.}}\n{{/words}}\n  {{^none}}  \n  none\n  {{/none}}  \nend",
        "{ single { braces } and {{name}}}",
        "no newline at the end {{#yes}}x{{/yes}}",
        "{{#person}}\n{{#contact}}\n{{phone}} {{name}} {{count}}\n{{/contact}}\n{{/person}}\n",
        "\t{{#yes}}\t\ntabs\n\t{{/yes}}\t\n",
    ]

    @Test(arguments: cases)
    func rendersAsSwiftMustacheDoes(_ text: String) throws {
        var reference = MustacheLibrary()
        var templates: [String: Template] = [:]
        for (name, partial) in Self.partials.merging(["main": text], uniquingKeysWith: { first, _ in first }) {
            try reference.register(partial, named: name)
            let parsed = TemplateParser.parse(partial, file: "\(name).mustache")
            #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
            let template = try #require(parsed.template)
            templates[name] = template
        }
        let ours = try TemplateLibrary(templates: templates).render(Self.data, template: "main").map { String(decoding: $0, as: UTF8.self) }
        let theirs = reference.render(Reference(object: Self.data), withTemplate: "main")
        #expect(ours == theirs)
    }

    /// Every template of the default theme parses cleanly (its output is checked byte for byte
    /// through the committed site/).
    @Test func defaultThemeTemplatesParseWithoutDiagnostics() {
        for (path, text) in DefaultThemeFiles.files where path.hasSuffix(".mustache") {
            let parsed = TemplateParser.parse(text, file: path)
            #expect(parsed.template != nil && parsed.diagnostics.isEmpty, "\(path): \(parsed.diagnostics)")
        }
    }

    @Test(arguments: [
        ("{{#a}}\n{{/b}}", 2, 1, "'{{/b}}' is closed with a different name than its section was opened with ('a')"),
        ("x\n  {{#a}}\n", 3, 1, "'a' is opened but never closed with {{/a}}"),
        ("{{/a}}", 1, 1, "'{{/a}}' closes a section that was never opened"),
        ("ok\n é {{name", 2, 4, "a tag is not closed with }}, or its name has characters names cannot have"),
        ("{{! never closed", 1, 1, "a comment is not closed with }}"),
        ("{{uppercased(name)}}", 1, 3, "'uppercased(name)': template functions are not supported (only first(), last(), index(), even() and odd())"),
        ("{{#reversed()}}{{/reversed()}}", 1, 4, "'reversed()' is not something templates can use; a list item's position is first(), last(), index(), even() or odd()"),
        ("{{>*dynamic}}", 1, 4, "dynamic partials ('*dynamic') are not supported: name the template"),
        ("{{}}", 1, 1, "a tag has no name"),
        ("text then {{", 1, 11, "a tag is not closed with }}"),
        ("{{<parent}}{{name}}{{/parent}}", 1, 1, "inside '{{<parent}}' only '{{$block}}' overrides may appear"),
    ])
    func syntaxErrorsSayWhereAndWhat(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        let parsed = TemplateParser.parse(text, file: "t.mustache")
        #expect(parsed.template == nil)
        #expect(parsed.diagnostics == [
            .error("template-syntax", at: SourceLocation(file: "t.mustache", line: line, column: column),
                   "this template cannot be read: \(message)"),
        ])
    }

    @Test func unsafeTagsAreAllReportedAndTheRestStillParses() {
        let parsed = TemplateParser.parse("{{% CONTENT_TYPE: TEXT }}\n{{{title}}} {{& page.summary }} {{{page.contentHTML}}}\n{{=<% %>=}}", file: "t.mustache")
        #expect(parsed.template != nil)
        #expect(parsed.diagnostics.map(\.location.line) == [1, 2, 2, 3])
        #expect(parsed.diagnostics.map(\.location.column) == [1, 1, 13, 1])
        #expect(parsed.diagnostics.allSatisfy { $0.code == "unsafe-template" })
    }

    @Test func parentsInFoldersCanBeClosed() throws {
        let child = TemplateParser.parse("{{<partials/base}}\n{{$body}}x{{/body}}\n{{/partials/base}}\n", file: "page.mustache")
        let parent = TemplateParser.parse("[{{$body}}default{{/body}}]", file: "partials/base.mustache")
        #expect(child.diagnostics.isEmpty && parent.diagnostics.isEmpty)
        let library = TemplateLibrary(templates: ["page": try #require(child.template), "partials/base": try #require(parent.template)])
        #expect(try library.render(Self.data, template: "page").map { String(decoding: $0, as: UTF8.self) } == "[x]")
    }

    @Test func partialsAndParentsAreListedWithTheirPlaces() {
        let parsed = TemplateParser.parse("{{<base}}\n{{$main}}\n  {{> card}}\n{{/main}}\n{{/base}}", file: "t.mustache")
        #expect(parsed.references.map(\.name) == ["base", "card"])
        #expect(parsed.references.map(\.location.line) == [1, 3])
        #expect(parsed.references.map(\.location.column) == [1, 3])
    }
}

/// A template value with named fields, for tests.
struct Tree: TemplateObject {
    var fields: [String: TemplateValue]
    init(_ fields: [String: TemplateValue]) { self.fields = fields }
    func value(named name: String) -> TemplateValue { fields[name] ?? .null }
}

/// Shows a `TemplateObject` to swift-mustache as the plain values it expects.
private struct Reference: MustacheParent {
    var object: any TemplateObject

    func child(named name: String) -> Any? {
        Self.plain(object.value(named: name))
    }

    static func plain(_ value: TemplateValue) -> Any? {
        switch value {
        case .null: nil
        case .bool(let flag): flag
        case .number(let number): number
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .list(let list): (0..<list.count).compactMap { plain(list.value(at: $0)) }
        case .object(let object): Reference(object: object)
        }
    }
}
