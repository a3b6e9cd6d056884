import Foundation

/// A theme resolved through its `extends` chain down to the built-in default: compiled templates
/// and the assets to copy, each taken from the nearest theme that has it.
public struct Theme: Sendable {
    var library: TemplateLibrary
    /// Asset paths relative to `assets/`, sorted, with where each comes from.
    public var assets: [(path: String, source: AssetSource)]

    public enum AssetSource: Sendable {
        case file(URL)
        case embedded(String)
    }

    /// Templates every theme must provide (directly or by inheritance).
    public static let requiredTemplates = ["base", "page", "section", "home", "taxonomy", "term", "a-z", "404", "leave", "browsing-safely", "search"]
}

/// One theme file's text and where it came from.
struct ThemeFile: Sendable {
    var text: String?
    var url: URL?
    /// For diagnostics: `themes/commission/templates/page.mustache`, or the built-in theme's path.
    var displayPath: String
}
