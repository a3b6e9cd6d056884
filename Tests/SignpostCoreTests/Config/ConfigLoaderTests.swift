import Testing
@testable import SignpostCore

@Suite struct ConfigLoaderTests {
    func errors(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try ConfigLoader.parse(yaml)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func loc(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: "signpost.yml", line: line, column: column)
    }

    @Test func readsTheSpecExample() throws {
        let config = try ConfigLoader.parse("""
            title: Lived Experience Workforce Hub
            base_url: https://example.gov.au/hub
            language: en-AU
            theme: default
            leave_notice:
              enabled: true
              exempt_hosts: [hub.example.org, WWW.Health.gov.au]
            quick_exit:
              enabled: false
              url: https://www.bom.gov.au/
            crisis:
              text: "Call Lifeline on 13 11 14."
            acknowledgement: "We acknowledge the Traditional Custodians."
            review:
              max_age_months: 12
            taxonomies:
              region:
                title: Region
                terms: { wa: Western Australia, vic: Victoria }
              format:
                title: Format
                terms:
                  online: Online
            """)
        #expect(config.title == "Lived Experience Workforce Hub")
        #expect(config.baseURL.description == "https://example.gov.au/hub/")
        #expect(config.baseURL.path == "/hub/")
        #expect(config.language == "en-AU")
        #expect(config.leaveNotice == LeaveNoticeSettings(enabled: true, exemptHosts: ["hub.example.org", "www.health.gov.au"]))
        #expect(config.quickExit == QuickExitSettings(enabled: false, url: "https://www.bom.gov.au/"))
        #expect(config.crisisText == "Call Lifeline on 13 11 14.")
        #expect(config.acknowledgement == "We acknowledge the Traditional Custodians.")
        #expect(config.review.maxAgeMonths == 12)
        // Configured taxonomies replace the defaults of the same name; the other defaults remain.
        #expect(config.taxonomies.map(\.name) == ["audience", "workforce", "region", "tags", "format"])
        #expect(config.taxonomy(named: "region")?.terms.map(\.key) == ["wa", "vic"])
        #expect(config.taxonomy(named: "tags")?.isOpen == true)
        #expect(config.taxonomy(named: "format")?.label(for: "online") == "Online")
        #expect(config.paginate == 20)
    }

    @Test func baseURLKeepsPortAndDropsDefaultPort() throws {
        #expect(try ConfigLoader.parse("title: T\nbase_url: HTTPS://Hub.Example.org:443").baseURL.description == "https://hub.example.org/")
        #expect(try ConfigLoader.parse("title: T\nbase_url: http://localhost:8080/x/y/").baseURL.description == "http://localhost:8080/x/y/")
        #expect(try ConfigLoader.parse("title: T\nbase_url: https://a.org/", baseURLOverride: "https://b.org/p").baseURL.path == "/p/")
    }

    @Test func unknownKeyIsAnErrorWithSuggestion() {
        #expect(errors("title: T\nbase_url: https://a.org/\nlanguge: en\n") == [
            .error("unknown-field", at: loc(3, 1), "unknown field 'languge' in signpost.yml (did you mean 'language'?)"),
        ])
        #expect(errors("title: T\nbase_url: https://a.org/\nquick_exit:\n  enabeld: true\n") == [
            .error("unknown-field", at: loc(4, 3), "unknown field 'enabeld' in quick_exit (did you mean 'enabled'?)"),
        ])
    }

    @Test(arguments: ["https://example.org//evil.example/", "https://example.org/a/../b/", "https://example.org/./hub/"])
    func baseURLPathsMayNotHaveEmptyOrDotParts(_ url: String) {
        #expect(errors("title: T\nbase_url: \(url)\n") == [
            .error("invalid-base-url", at: loc(2, 11), "'base_url' must not have empty, '.' or '..' parts in its path, not '\(url)'"),
        ])
    }

    @Test func crisisTextLinksMustBeFollowable() {
        let message = "in 'crisis.text': links may point to pages, files, http(s) addresses, mailto: or tel:, not "
        #expect(errors("title: T\nbase_url: https://a.org/\ncrisis:\n  text: \"Call [Lifeline](javascript:alert(1)) now\"\n") == [
            .error("unsafe-link", at: loc(4, 9), message + "'javascript:alert(1)'"),
        ])
        #expect(errors("title: T\nbase_url: https://a.org/\ncrisis:\n  text: \"[help](jav&#x61;script:x) or ![x](data:text/html,x)\"\n") == [
            .error("unsafe-link", at: loc(4, 9), message + "'javascript:x'"),
        ])
        #expect(errors("title: T\nbase_url: https://a.org/\ncrisis:\n  text: \"[13 11 14](tel:131114), [web](https://a.org/x), [us](/contact/), [mail](mailto:a@a.org)\"\n") == [])
    }

    @Test func crisisTextMustBeOneParagraph() {
        #expect(errors("title: T\nbase_url: https://a.org/\ncrisis:\n  text: \"# Call 000\"\n") == [
            .error("invalid-crisis-text", at: loc(4, 9),
                   "'crisis.text' must be one paragraph of text (**bold** and [links](https://...) are fine; headings, lists and blank lines are not)"),
        ])
    }

    @Test func aConfigWithMistakesStillGivesItsValidSettings() throws {
        let loaded = try ConfigLoader.read("title: T\nbase_url: https://a.org/hub/\nlanguge: en\npaginate: 5\n")
        #expect(loaded.diagnostics.map(\.code) == ["unknown-field"])
        #expect(loaded.config.baseURL.path == "/hub/")
        #expect(loaded.config.paginate == 5)
    }

    @Test func windowsLineEndingsAreRead() throws {
        let config = try ConfigLoader.parse("title: T\r\nbase_url: https://a.org/\r\ntheme: default\r\n")
        #expect(config.title == "T")
        #expect(errors("title: T\r\nbase_url: https://a.org/\r\ntitle: U\r\n").first?.location == loc(3, 1))
    }

    @Test func missingTitleAndBaseURL() {
        let found = errors("language: en\n")
        #expect(found.map(\.code) == ["missing-field", "missing-field"])
        #expect(found.allSatisfy { $0.location == loc(1, 1) })
    }

    @Test func invalidBaseURL() {
        #expect(errors("title: T\nbase_url: ftp://a.org/\n") == [
            .error("invalid-base-url", at: loc(2, 11), "'base_url' must start with https:// or http://, not ftp:, not 'ftp://a.org/'"),
        ])
        #expect(errors("title: T\nbase_url: hub.example.org\n").first?.code == "invalid-base-url")
    }

    @Test func booleansAreTrueOrFalseOnly() {
        #expect(errors("title: T\nbase_url: https://a.org/\nleave_notice:\n  enabled: yes\n") == [
            .error("wrong-type", at: loc(4, 12), "'enabled' must be true or false, not 'yes'"),
        ])
    }

    @Test func numbersAreWholeAndPositive() {
        #expect(errors("title: T\nbase_url: https://a.org/\nreview:\n  max_age_months: 0x10\n") == [
            .error("wrong-type", at: loc(4, 19), "'max_age_months' must be a whole number, not '0x10'"),
        ])
        #expect(errors("title: T\nbase_url: https://a.org/\npaginate: 0\n") == [
            .error("out-of-range", at: loc(3, 11), "'paginate' must be at least 1, not 0"),
        ])
    }

    @Test func quickExitURLMustBeWeb() {
        #expect(errors("title: T\nbase_url: https://a.org/\nquick_exit:\n  url: javascript:alert(1)\n") == [
            .error("invalid-url", at: loc(4, 8), "'quick_exit.url' must be an https:// or http:// address, not 'javascript:alert(1)'"),
        ])
    }

    @Test func languageTag() {
        #expect(errors("title: T\nbase_url: https://a.org/\nlanguage: english please\n").first?.location == loc(3, 11))
    }

    @Test func taxonomyProblems() {
        let found = errors("""
            title: T
            base_url: https://a.org/
            taxonomies:
              format:
                title: Format
              Bad Name:
                open: true
              region:
                terms:
                  WA: Western Australia
            """)
        #expect(found == [
            .error("missing-field", at: loc(4, 3), "taxonomy 'format' needs 'terms' (the values pages may use) or `open: true`"),
            .error("invalid-taxonomy", at: loc(6, 3), "'Bad Name' cannot name a taxonomy: use lower-case letters, digits and hyphens, and not a page field or a reserved path"),
            .error("invalid-term", at: loc(10, 7), "term key 'WA' must use lower-case letters, digits and hyphens (it becomes part of a URL)"),
        ])
    }

    @Test func everyErrorIsReportedAtOnce() {
        let found = errors("title: [a]\nbase_url: nope\nlanguage: x\npaginate: many\nextra: 1\n")
        #expect(found.map(\.code) == ["wrong-type", "invalid-base-url", "invalid-language", "wrong-type", "unknown-field"])
    }

    @Test func exemptHostsMustBeHostNames() {
        #expect(errors("title: T\nbase_url: https://a.org/\nleave_notice:\n  exempt_hosts: [ok.org, \"https://x.org/\"]\n") == [
            .error("invalid-host", at: loc(4, 26), "exempt host must be a host name such as www.example.org, not 'https://x.org/'"),
        ])
    }
}
