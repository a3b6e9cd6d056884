/// A theme's templates by name (`page`, `list-item`, `partials/card`).
public struct TemplateLibrary: Sendable {
    var templates: [String: Template]

    init(templates: [String: Template] = [:]) {
        self.templates = templates
    }

    /// `name` rendered with `root` as the context (UTF-8), or nil if there is no such template.
    func render(_ root: some TemplateObject, template name: String) throws(TemplateError) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(templates: templates)
        renderer.stack.append(root.templateValue)
        renderer.render(template.nodes, TemplateRenderer.Scope())
        if let chain = renderer.runaway {
            // Start where the loop starts: base > loop > again > loop > ... shows as loop > again > loop.
            let start = chain.firstIndex { name in chain.lazy.filter { $0 == name }.count > 1 } ?? 0
            let first = chain[start]
            let cycle = chain[(start + 1)...].prefix { $0 != first }
            throw TemplateError(message: "templates include each other without end: "
                                + ([first] + cycle + [first]).joined(separator: " > "))
        }
        return renderer.output
    }
}

struct TemplateError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Walks a template's nodes, appending to one byte buffer. Follows swift-mustache's semantics, so
/// themes written for it render the same: a missing name is empty text; a section repeats over a
/// list, shows once for `true`, and pushes any other present value as the context; a name not
/// found in the current value is looked up in the enclosing ones.
struct TemplateRenderer {
    let templates: [String: Template]
    var output: [UInt8] = []
    var stack: [TemplateValue] = []
    /// The partials being rendered, outermost first; a theme whose partials include each other
    /// for ever stops at `maximumDepth` and is reported rather than exhausting the stack.
    private var partials: [String] = []
    private(set) var runaway: [String]?
    static let maximumDepth = 64

    struct Scope {
        /// Inside a list section: the item's index and whether it is the last.
        var position: (index: Int, isLast: Bool)?
        /// A standalone partial's indentation, put before each line it renders.
        var indentation: [UInt8]?
        /// Block overrides inherited from `{{< parent}}` tags, nearest first.
        var overrides: [String: [Template.Node]]?
    }

    init(templates: [String: Template]) {
        self.templates = templates
        output.reserveCapacity(16 * 1024)
        stack.reserveCapacity(8)
    }

    mutating func render(_ nodes: [Template.Node], _ scope: Scope) {
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, scope) }
            return
        }
        // A node's output that starts a new line of this template's output is indented.
        let start = output.count
        for node in nodes {
            let mark = output.count
            render(node, scope)
            if output.count > mark, mark > start, output[mark - 1] == 0x0A {
                output.insert(contentsOf: indentation, at: mark)
            }
        }
    }

    private mutating func render(_ node: Template.Node, _ scope: Scope) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)

        case .variable(let name, let escaped):
            switch lookup(name, scope) {
            case .text(let text):
                if escaped { HTMLEscaping.append(text, to: &output) } else { appendRaw(text) }
            case .bool(let flag):
                output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .number(let number):
                output.append(contentsOf: String(number).utf8)
            case .null, .list, .object:
                break
            }

        case .section(let name, let children, let inverted):
            let value = lookup(name, scope)
            if inverted {
                renderInverted(value, children, scope)
            } else {
                renderSection(value, children, scope)
            }

        case .partial(let name, let indentation, let overrides):
            guard let template = templates[name], runaway == nil else { return }
            guard partials.count < Self.maximumDepth else {
                runaway = partials + [name]
                return
            }
            partials.append(name)
            defer { partials.removeLast() }
            var inner = scope
            inner.position = nil
            if let indentation { inner.indentation = (scope.indentation ?? []) + indentation }
            if let overrides {
                inner.overrides = scope.overrides.map { $0.merging(overrides) { nearer, _ in nearer } } ?? overrides
            }
            render(template.nodes, inner)

        case .block(let name, let defaultNodes, let indentation):
            var inner = scope
            inner.position = nil
            inner.indentation = (scope.indentation ?? []) + indentation
            render(scope.overrides?[name] ?? defaultNodes, inner)

        case .override:
            break
        }
    }

    private mutating func renderSection(_ value: TemplateValue, _ children: [Template.Node], _ scope: Scope) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            if flag { render(children, scope) }
        case .list(let list):
            let count = list.count
            var inner = scope
            for index in 0..<count {
                inner.position = (index, index == count - 1)
                stack.append(list.value(at: index))
                render(children, inner)
                stack.removeLast()
            }
        case .text, .number, .object:
            var inner = scope
            inner.position = nil
            stack.append(value)
            render(children, inner)
            stack.removeLast()
        }
    }

    private mutating func renderInverted(_ value: TemplateValue, _ children: [Template.Node], _ scope: Scope) {
        switch value {
        case .null:
            render(children, scope)
        case .bool(let flag):
            if !flag { render(children, scope) }
        case .list(let list):
            guard list.count == 0 else { return }
            var inner = scope
            inner.position = nil
            stack.append(value)
            render(children, inner)
            stack.removeLast()
        case .text, .number, .object:
            return
        }
    }

    private func lookup(_ name: Template.Name, _ scope: Scope) -> TemplateValue {
        if let position = name.position {
            guard let current = scope.position else { return .null }
            switch position {
            case .first: return .bool(current.index == 0)
            case .last: return .bool(current.isLast)
            case .index: return .number(current.index)
            case .even: return .bool(current.index % 2 == 0)
            case .odd: return .bool(current.index % 2 == 1)
            }
        }
        guard let first = name.parts.first, let top = stack.last else { return stack.last ?? .null }
        var value = TemplateValue.null
        if name.currentOnly {
            value = Self.child(of: top, named: first)
        } else {
            for entry in stack.reversed() {
                value = Self.child(of: entry, named: first)
                if case .null = value { continue }
                break
            }
        }
        for part in name.parts.dropFirst() {
            if case .null = value { return .null }
            value = Self.child(of: value, named: part)
        }
        return value
    }

    private mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    private static func child(of value: TemplateValue, named name: String) -> TemplateValue {
        guard case .object(let object) = value else { return .null }
        return object.value(named: name)
    }
}
