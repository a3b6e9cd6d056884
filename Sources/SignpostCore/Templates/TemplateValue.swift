/// A value as a template sees it. Views turn their fields into these by name
/// (`TemplateObject.value(named:)`), so a lookup is one `switch` with no casts.
enum TemplateValue {
    /// Missing or absent: lookups go on up the context stack, sections are skipped.
    case null
    case bool(Bool)
    case number(Int)
    case text(String)
    /// Text as UTF-8 bytes (a page's HTML body), shown as `text` would be.
    case utf8([UInt8])
    case list(any TemplateList)
    /// A reference, so that copying a value (the context stack does, at every lookup) is one
    /// retain: views that are structs are boxed once, when they become a value.
    case object(any TemplateObject & AnyObject)
}

/// A view with named fields.
protocol TemplateObject: TemplateValueConvertible {
    /// The field called `name`, or `.null` if there is none.
    func value(named name: String) -> TemplateValue
    /// True for a view that appears in many lists of one build (a page's list item) and never
    /// changes: what a list section renders for it is kept (`TemplateCache`) and reused.
    var isShared: Bool { get }
}

/// A list a section repeats over.
protocol TemplateList {
    var count: Int { get }
    func value(at index: Int) -> TemplateValue
}

protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension TemplateObject {
    var templateValue: TemplateValue { .object(TemplateBox(self)) }
    var isShared: Bool { false }
}

extension TemplateObject where Self: AnyObject {
    var templateValue: TemplateValue { .object(self) }
}

/// A struct view as a reference.
final class TemplateBox<View: TemplateObject>: TemplateObject {
    let view: View
    init(_ view: View) { self.view = view }
    func value(named name: String) -> TemplateValue { view.value(named: name) }
}

extension String: TemplateValueConvertible {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateValueConvertible {
    var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateValueConvertible {
    var templateValue: TemplateValue { .number(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateValueConvertible, TemplateList where Element: TemplateValueConvertible {
    var templateValue: TemplateValue { .list(self) }
    func value(at index: Int) -> TemplateValue { self[index].templateValue }
}
