/// A theme's templates by name (`page`, `list-item`, `partials/card`).
///
/// The parsed trees are compiled into one flat program (`TemplateProgram`) when the library is
/// made: every instruction is plain integers, so walking a template for each of thousands of pages
/// copies no nodes, arrays or strings (only the values it looks up).
public struct TemplateLibrary: Sendable {
    let program: TemplateProgram

    init(templates: [String: Template] = [:]) {
        program = TemplateProgram(templates)
    }

    /// `name` rendered with `root` as the context (UTF-8), or nil if there is no such template.
    /// `cache` keeps what list sections render for shared views, across the calls given it.
    func render(_ root: some TemplateObject, template name: String,
                reusing cache: TemplateCache? = nil) throws(TemplateError) -> [UInt8]? {
        guard let template = program.templateIndex[name] else { return nil }
        var renderer = TemplateRenderer(program: program)
        renderer.cache = cache
        renderer.stack.append(root.templateValue)
        renderer.render(program.templates[template], TemplateRenderer.Scope())
        if let chain = renderer.runaway.map({ $0.map { program.templateNames[$0] } }) {
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

/// Walks a template's instructions, appending to one byte buffer. Follows swift-mustache's
/// semantics, so themes written for it render the same: a missing name is empty text; a section
/// repeats over a list, shows once for `true`, and pushes any other present value as the context;
/// a name not found in the current value is looked up in the enclosing ones.
struct TemplateRenderer {
    typealias Span = TemplateProgram.Span
    let program: TemplateProgram
    var output: [UInt8] = []
    var stack: [TemplateValue] = []
    /// The partials being rendered, outermost first; a theme whose partials include each other
    /// for ever stops at `maximumDepth` and is reported rather than exhausting the stack.
    private var partials: [Int] = []
    private(set) var runaway: [Int]?
    static let maximumDepth = 64
    var cache: TemplateCache?
    /// While a shared list item's output is being rendered for `cache`: what it depended on.
    private var recording: Recording?

    /// What an item's output depends on besides the item. Lookups that resolve in the item (or
    /// in values pushed above it) depend only on the item; a name found in none of the values
    /// depends on the context not having it either; anything else makes the output unkeepable.
    private struct Recording {
        /// The item's place in the stack.
        let floor: Int
        var absentNames: [Int32] = []
        var dependsOnContext = false
    }

    struct Scope {
        /// Inside a list section: the item's index and whether it is the last.
        var position: (index: Int, isLast: Bool)?
        /// A standalone partial's indentation, put before each line it renders.
        var indentation: [UInt8]?
        /// Block overrides inherited from `{{< parent}}` tags, nearest first.
        var overrides: [Int32: Span]?
    }

    init(program: TemplateProgram) {
        self.program = program
        output.reserveCapacity(16 * 1024)
        stack.reserveCapacity(8)
    }

    mutating func render(_ span: Span, _ scope: Scope) {
        let range = Int(span.start)..<Int(span.start + span.count)
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for index in range { render(program.instructions[index], scope) }
            return
        }
        // An instruction's output that starts a new line of this template's output is indented.
        let start = output.count
        for index in range {
            let mark = output.count
            render(program.instructions[index], scope)
            if output.count > mark, mark > start, output[mark - 1] == 0x0A {
                output.insert(contentsOf: indentation, at: mark)
            }
        }
    }

    private mutating func render(_ instruction: TemplateProgram.Instruction, _ scope: Scope) {
        switch instruction {
        case .text(let start, let count):
            guard count > 0 else { return }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: program.text[Int(start)..<Int(start + count)]))

        case .variable(let name, let escaped):
            switch lookup(name, scope) {
            case .text(let text):
                if escaped { HTMLEscaping.append(text, to: &output) } else { appendRaw(text) }
            case .utf8(let bytes):
                if escaped {
                    bytes.withUnsafeBufferPointer { HTMLEscaping.append($0, to: &output) }
                } else {
                    output.append(contentsOf: bytes)
                }
            case .bool(let flag):
                output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .number(let number):
                output.append(contentsOf: String(number).utf8)
            case .null, .list, .object:
                break
            }

        case .section(let name, let body, let inverted):
            let value = lookup(name, scope)
            if inverted {
                renderInverted(value, body, scope)
            } else {
                renderSection(value, body, scope)
            }

        case .partial(let template, let indentation, let overrides):
            guard template >= 0, runaway == nil else { return }
            guard partials.count < Self.maximumDepth else {
                runaway = partials + [Int(template)]
                return
            }
            partials.append(Int(template))
            defer { partials.removeLast() }
            var inner = scope
            inner.position = nil
            if indentation >= 0 { inner.indentation = (scope.indentation ?? []) + program.indentations[Int(indentation)] }
            if overrides >= 0 {
                let own = program.overrideSets[Int(overrides)]
                inner.overrides = scope.overrides.map { $0.merging(own) { nearer, _ in nearer } } ?? own
            }
            render(program.templates[Int(template)], inner)

        case .block(let name, let body, let indentation):
            recording?.dependsOnContext = true
            var inner = scope
            inner.position = nil
            inner.indentation = (scope.indentation ?? []) + program.indentations[Int(indentation)]
            render(scope.overrides?[name] ?? body, inner)
        }
    }

    private mutating func renderSection(_ value: TemplateValue, _ body: Span, _ scope: Scope) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            if flag { render(body, scope) }
        case .list(let list):
            let count = list.count
            var inner = scope
            // An empty body has nothing to keep (and shares its start with the next body compiled).
            let keeps = cache != nil && recording == nil && body.count > 0 && scope.indentation?.isEmpty ?? true
            for index in 0..<count {
                inner.position = (index, index == count - 1)
                let item = list.value(at: index)
                stack.append(item)
                if keeps, case .object(let object) = item, object.isShared {
                    renderShared(object, body, inner)
                } else {
                    render(body, inner)
                }
                stack.removeLast()
            }
        case .text, .utf8, .number, .object:
            var inner = scope
            inner.position = nil
            stack.append(value)
            render(body, inner)
            stack.removeLast()
        }
    }

    /// A list section's body for a shared item (on top of the stack): the kept output when the
    /// context still lacks every name it lacked then, else rendered and kept if it can be.
    private mutating func renderShared(_ object: any TemplateObject & AnyObject, _ body: Span, _ scope: Scope) {
        guard let cache else { return render(body, scope) }
        let key = TemplateCache.Key(body: program.sameBody[Int(body.start)], object: ObjectIdentifier(object))
        if let kept = cache.entry(key) {
            // The cache owns the entry for as long as this render can run.
            let reused = kept._withUnsafeGuaranteedRef { entry -> Bool in
                for name in entry.absentNames {
                    if case .null = lookup(name, scope) { continue }
                    return false
                }
                output.append(contentsOf: entry.bytes)
                return true
            }
            if !reused { render(body, scope) }
            return
        }
        let start = output.count
        recording = Recording(floor: stack.count - 1)
        render(body, scope)
        let recorded = recording!
        recording = nil
        guard !recorded.dependsOnContext, runaway == nil else { return }
        cache.keep(TemplateCache.Entry(object: object, bytes: output[start...], absentNames: recorded.absentNames), for: key)
    }

    private mutating func renderInverted(_ value: TemplateValue, _ body: Span, _ scope: Scope) {
        switch value {
        case .null:
            render(body, scope)
        case .bool(let flag):
            if !flag { render(body, scope) }
        case .list(let list):
            guard list.count == 0 else { return }
            var inner = scope
            inner.position = nil
            stack.append(value)
            render(body, inner)
            stack.removeLast()
        case .text, .utf8, .number, .object:
            return
        }
    }

    private mutating func lookup(_ number: Int32, _ scope: Scope) -> TemplateValue {
        let name = program.names[Int(number)]
        if let position = name.position {
            recording?.dependsOnContext = true
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
            var index = stack.count - 1
            while index >= 0 {
                if case .object(let object) = stack[index] {
                    value = object.value(named: first)
                    if case .null = value {} else { break }
                }
                index -= 1
            }
            if let floor = recording?.floor, index < floor {
                if case .null = value {
                    if !recording!.absentNames.contains(number) { recording!.absentNames.append(number) }
                } else {
                    recording!.dependsOnContext = true
                }
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
