import Foundation
import Testing
@testable import SignpostCore

@Suite struct ThemeTests {
    /// The binary carries themes/default; this fails when the two drift apart.
    @Test func embeddedDefaultThemeMatchesThemesDefault() throws {
        let folder = TestHub.packageRoot.appendingPathComponent("themes/default")
        let onDisk = try TestHub.snapshot(folder).filter { !$0.key.hasPrefix(".") }
        let embedded = DefaultThemeFiles.files.mapValues { Data($0.utf8) }
        #expect(Set(onDisk.keys) == Set(embedded.keys), "run `make embed-theme`")
        for (path, data) in onDisk {
            #expect(embedded[path] == data, "\(path) differs from the embedded copy: run `make embed-theme`")
        }
    }

    @Test func hubWithoutThemesFolderUsesTheBuiltInTheme() async throws {
        let hub = try TestHub(["content/a.md": page("title: A")])
        defer { hub.remove() }
        try await hub.build()
        #expect(try hub.read("assets/signpost.css") == DefaultThemeFiles.files["assets/signpost.css"])
        #expect(try hub.read("a/index.html").contains("<h1>A</h1>"))
    }

    @Test func themeExtendsAnotherAndOverridesSomeFiles() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/commission/theme.yml": "extends: default\n",
            "themes/commission/templates/page.mustache": """
                {{<base}}{{$main}}<h1 class="commission">{{page.title}}</h1>{{{page.contentHTML}}}{{/main}}{{/base}}
                """,
            "themes/commission/assets/brand.css": "body { color: #111; }\n",
        ], config: TestHub.minimalConfig + "\ntheme: commission\n")
        defer { hub.remove() }
        try await hub.build()
        let html = try hub.read("a/index.html")
        #expect(html.contains("<h1 class=\"commission\">A</h1>"))
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"), "base.mustache is inherited")
        #expect(try hub.read("assets/brand.css") == "body { color: #111; }\n")
        #expect(hub.exists("assets/signpost.css"))
    }

    @Test func hubsOwnDefaultThemeOverridesTheBuiltInOneFileByFile() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/default/assets/signpost.css": "/* local */\n",
        ])
        defer { hub.remove() }
        try await hub.build()
        #expect(try hub.read("assets/signpost.css") == "/* local */\n")
        #expect(try hub.read("a/index.html").contains("<h1>A</h1>"))
    }

    @Test func unknownThemeAndCyclesAreErrors() async throws {
        let unknown = try TestHub(["content/a.md": page("title: A")], config: TestHub.minimalConfig + "\ntheme: comission\n")
        defer { unknown.remove() }
        try unknown.write("themes/commission/theme.yml", "extends: default\n")
        #expect(await unknown.buildErrors() == [
            .error("unknown-theme", at: SourceLocation(file: "signpost.yml"), "no theme 'comission' in themes/ (did you mean 'commission'?)"),
        ])

        let cycle = try TestHub([
            "content/a.md": page("title: A"),
            "themes/one/theme.yml": "extends: two\n",
            "themes/two/theme.yml": "extends: one\n",
        ], config: TestHub.minimalConfig + "\ntheme: one\n")
        defer { cycle.remove() }
        #expect(await cycle.buildErrors().map(\.code) == ["theme-cycle"])
    }

    @Test func templatesMayNotInsertAuthorValuesUnescaped() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/default/templates/page.mustache": "{{<base}}{{$main}}\n<h1>{{{page.title}}}</h1>{{& page.summary}}{{{page.contentHTML}}}\n{{/main}}{{/base}}",
        ])
        defer { hub.remove() }
        let errors = await hub.buildErrors()
        #expect(errors == [
            .error("unsafe-template", at: SourceLocation(file: "themes/default/templates/page.mustache", line: 2, column: 5),
                   "'page.title' is inserted without HTML escaping; use {{page.title}} (only values whose names end in HTML may use {{{ }}})"),
            .error("unsafe-template", at: SourceLocation(file: "themes/default/templates/page.mustache", line: 2, column: 26),
                   "'page.summary' is inserted without HTML escaping; use {{page.summary}} (only values whose names end in HTML may use {{{ }}})"),
        ])
    }

    @Test func templatesMayNotChangeDelimitersOrHideTripleMustachesAcrossLines() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/default/templates/page.mustache": "{{<base}}{{$main}}{{{\npage.summary\n}}}{{=<% %>=}}<h1><%& page.title%></h1><%/main%><%/base%>",
        ])
        defer { hub.remove() }
        let errors = await hub.buildErrors()
        // Tags written with other delimiters are read as text, which is why changing them is refused
        // (and why the sections they would have closed are reported as never closed).
        #expect(errors.map(\.code) == ["unsafe-template", "unsafe-template", "template-syntax"])
        #expect(errors.first?.message.hasPrefix("'page.summary' is inserted without HTML escaping") == true)
        #expect(errors.dropFirst().first?.message.hasPrefix("changing Mustache's delimiters") == true)
    }

    @Test func missingPartialsAreErrors() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/default/templates/page.mustache": "{{<base}}{{$main}}\n{{> contact-crad}}{{/main}}{{/base}}",
        ])
        defer { hub.remove() }
        #expect(await hub.buildErrors() == [
            .error("missing-template", at: SourceLocation(file: "themes/default/templates/page.mustache", line: 2, column: 1),
                   "no template 'contact-crad' in this theme or the themes it extends (did you mean 'contact-card'?)"),
        ])
    }

    @Test func extendsCannotReachOutsideThemes() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/mine/theme.yml": "extends: ../../elsewhere\n",
        ], config: TestHub.minimalConfig + "\ntheme: mine\n")
        defer { hub.remove() }
        #expect(await hub.buildErrors() == [
            .error("invalid-theme", at: SourceLocation(file: "themes/mine/theme.yml", line: 1, column: 10),
                   "'extends' must name a folder in themes/, not '../../elsewhere': it contains '/', which separates folders"),
        ])
    }

    @Test func partialsThatIncludeEachOtherForEverAreAnErrorNotACrash() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/default/templates/page.mustache": "{{<base}}{{$main}}{{> loop}}{{/main}}{{/base}}",
            "themes/default/templates/loop.mustache": "{{#page}}<div>{{> again}}</div>{{/page}}",
            "themes/default/templates/again.mustache": "{{> loop}}",
        ])
        defer { hub.remove() }
        let errors = await hub.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.code == "write-failed")
        #expect(errors.first?.message.contains("templates include each other without end: loop > again > loop") == true)
        #expect(!FileManager.default.fileExists(atPath: hub.output.path))
    }

    @Test func templateSyntaxErrorsHaveAPlace() async throws {
        let hub = try TestHub([
            "content/a.md": page("title: A"),
            "themes/default/templates/page.mustache": "{{<base}}\n{{$main}}\n{{#page}}<h1>{{title}}</h1>{{/pages}}\n{{/main}}{{/base}}",
        ])
        defer { hub.remove() }
        let errors = await hub.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.code == "template-syntax")
        #expect(errors.first?.location.file == "themes/default/templates/page.mustache")
        #expect(errors.first?.location.line == 3)
        #expect(errors.first?.location.column == 28)
        #expect(errors.first?.message.contains("closed with a different name") == true)
    }
}

@Suite struct SampleHubTests {
    /// `site/` in the repository is exactly what `signpost build` makes of the sample hub.
    @Test func committedSiteEqualsAFreshBuild() async throws {
        let root = TestHub.packageRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try await Builder.build(BuildOptions(root: root, output: output))
        let fresh = try TestHub.snapshot(output)
        let committed = try TestHub.snapshot(root.appendingPathComponent("site"))
        #expect(Set(fresh.keys) == Set(committed.keys), "rebuild the sample site with `make site`")
        for (path, data) in fresh where committed[path] != data {
            Issue.record("site/\(path) differs from a fresh build: rebuild the sample site with `make site`")
        }
    }

    @Test func sampleHubIsSubstantial() async throws {
        let prepared = try await Builder.prepare(BuildOptions(root: TestHub.packageRoot, output: nil))
        #expect(prepared.graph.pages.count >= 25)
        #expect(prepared.graph.pages.contains { $0.frontMatter.contact != nil })
        for taxonomy in ["audience", "workforce", "region"] {
            #expect(prepared.graph.pages.allSatisfy { !($0.frontMatter.terms[taxonomy] ?? []).isEmpty }, "every page has \(taxonomy)")
        }
    }
}
