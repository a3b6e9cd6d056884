/// A parsed Mustache template: what `TemplateParser` makes of a `.mustache` file, and
/// `TemplateProgram` compiles for `TemplateRenderer` to walk for every page.
///
/// Signpost parses and renders Mustache itself rather than through swift-mustache. That library
/// resolves every `{{name}}` by splitting the name into new strings and casting `Any` values to a
/// handful of protocols at each level of the context stack; on the 10,000-page benchmark corpus
/// this was more than half of the whole build. Here names are split once, at parse time, and
/// values are a closed enum (`TemplateValue`) that views produce without casts or boxing.
///
/// The language is Mustache as the spec and swift-mustache define it: variables (escaped for HTML),
/// `{{{ }}}`/`{{& }}` (names ending in `HTML` only, see `TemplateParser`), sections, inverted
/// sections, comments, partials with standalone indentation, inheritance (`{{<parent}}` with
/// `{{$block}}` overrides), dotted names, `{{.}}`, and a list item's position (`first()`,
/// `last()`, `index()`, `even()`, `odd()`). Delimiter changes, pragmas, lambdas and dynamic
/// partials are not part of it.
struct Template: Sendable {
    var nodes: [Node]

    enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool)
        /// `{{> name}}`, or `{{< name}}...{{/name}}` with its block overrides.
        case partial(String, indentation: [UInt8]?, overrides: [String: [Node]]?)
        /// `{{$name}}default{{/name}}` outside a `{{< parent}}`: the override if one is inherited.
        case block(String, defaultNodes: [Node], indentation: [UInt8])
        /// `{{$name}}...{{/name}}` directly inside `{{< parent}}`. Only the parser sees these: it
        /// gathers them into the parent partial's `overrides`.
        case override(String, [Node])
    }

    /// A name as written in a tag, split once: `page.title` -> ["page", "title"], `.` -> [].
    struct Name: Sendable, Hashable {
        var parts: [String]
        /// `.name`: look only in the current value, not up the context stack.
        var currentOnly: Bool
        /// `first()` and friends: the position of the current list item.
        var position: ListPosition?
    }

    enum ListPosition: String, Sendable, CaseIterable {
        case first, last, index, even, odd
    }
}
