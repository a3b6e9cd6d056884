/// One taxonomy's terms that pages use, each with its pages: what `/audience/` and
/// `/audience/consumer-workers/` list.
public struct TaxonomyIndex: Sendable {
    public struct Term: Sendable {
        public var key: String
        public var label: String
        /// Pages classified under this term, by title (then path).
        public var pages: [Int]
        /// `/hub/audience/consumer-workers/`
        public var url: String
        /// `audience/consumer-workers/`
        public var outputFolder: String
    }

    public var taxonomy: Taxonomy
    /// `/hub/audience/`
    public var url: String
    /// `audience/`
    public var outputFolder: String
    /// Terms with at least one page: a closed taxonomy's in the config's order, an open one's by label.
    /// Terms no page uses are left out, so no list a reader opens is empty.
    public var terms: [Term]

    public func term(_ key: String) -> Term? {
        terms.first { $0.key == key }
    }
}
