/// The order of pages and sections in lists: weighted items first, lightest first; then by title,
/// ignoring case and accents; then by path, so equal titles sort the same way every time.
public struct DisplayOrder: Comparable, Sendable {
    let hasWeight: Bool
    let weight: Int
    let foldedTitle: String
    let path: String

    public init(weight: Int?, title: String, path: String) {
        self.init(weight: weight, foldedTitle: SortKey.folded(title), path: path)
    }

    /// `foldedTitle` is `SortKey.folded` of the title, made earlier.
    init(weight: Int?, foldedTitle: String, path: String) {
        self.hasWeight = weight != nil
        self.weight = weight ?? 0
        self.foldedTitle = foldedTitle
        self.path = path
    }

    public static func < (lhs: DisplayOrder, rhs: DisplayOrder) -> Bool {
        if lhs.hasWeight != rhs.hasWeight { return lhs.hasWeight }
        if lhs.weight != rhs.weight { return lhs.weight < rhs.weight }
        if lhs.foldedTitle != rhs.foldedTitle { return lhs.foldedTitle < rhs.foldedTitle }
        return lhs.path < rhs.path
    }
}
