/// Every template of a library as one list of instructions. A template, a section's body or a
/// block is a `Span` of consecutive instructions; text, names, indentation and block overrides
/// live in side tables that instructions refer to by number.
///
/// `@unchecked Sendable`: everything is set in `init` and only read afterwards; the text is held
/// as a buffer the program owns so that copying a run of it into a page takes no reference count.
final class TemplateProgram: @unchecked Sendable {
    struct Span: Sendable {
        var start: Int32
        var count: Int32
        static let empty = Span(start: 0, count: 0)
    }

    enum Instruction: Sendable {
        /// `count` bytes of `text` from `start`.
        case text(start: Int32, count: Int32)
        case variable(name: Int32, escaped: Bool)
        case section(name: Int32, body: Span, inverted: Bool)
        /// `template` is -1 for a partial the library does not have (it renders nothing);
        /// `indentation` and `overrides` are -1 for none.
        case partial(template: Int32, indentation: Int32, overrides: Int32)
        /// `{{$name}}default{{/name}}`: `name` numbers block names across the library.
        case block(name: Int32, body: Span, indentation: Int32)
    }

    let instructions: [Instruction]
    let text: UnsafeBufferPointer<UInt8>
    let names: [Template.Name]
    let indentations: [[UInt8]]
    /// Each `{{< parent}}` tag's block overrides, by block name number.
    let overrideSets: [[Int32: Span]]
    /// Each template's instructions, and its name, by template number.
    let templates: [Span]
    let templateNames: [String]
    let templateIndex: [String: Int]
    /// For the instruction starting a section's body: the start of the first body with the same
    /// instructions (a list of the same items renders them alike wherever it is).
    let sameBody: [Int32]

    init(_ trees: [String: Template]) {
        var compiler = Compiler(templateNames: trees.keys.sorted())
        var spans: [Span] = []
        for name in compiler.templateNames { spans.append(compiler.compile(trees[name]!.nodes)) }
        instructions = compiler.instructions
        let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(compiler.text.count, 1))
        _ = text.initialize(from: compiler.text)
        self.text = UnsafeBufferPointer(text)
        names = compiler.names
        indentations = compiler.indentations
        overrideSets = compiler.overrideSets
        templates = spans
        templateNames = compiler.templateNames
        templateIndex = compiler.templateIndex
        sameBody = Self.sameBodies(compiler.instructions, text: compiler.text, indentations: compiler.indentations)
    }

    deinit {
        text.deallocate()
    }

    /// `sameBody`: section bodies told apart by a description of their instructions, nested ones
    /// included (text and indentation by their bytes; blocks and overrides never match).
    private static func sameBodies(_ instructions: [Instruction], text: [UInt8], indentations: [[UInt8]]) -> [Int32] {
        var result = (0..<Int32(instructions.count)).map { $0 }
        var firstByDescription: [[UInt8]: Int32] = [:]
        func describe(_ span: Span, into description: inout [UInt8]) {
            for index in Int(span.start)..<Int(span.start + span.count) {
                switch instructions[index] {
                case .text(let start, let count):
                    description += [0] + withUnsafeBytes(of: count.littleEndian, Array.init) + text[Int(start)..<Int(start + count)]
                case .variable(let name, let escaped):
                    description += [1, escaped ? 1 : 0] + withUnsafeBytes(of: name.littleEndian, Array.init)
                case .section(let name, let body, let inverted):
                    description += [2, inverted ? 1 : 0] + withUnsafeBytes(of: name.littleEndian, Array.init)
                    describe(body, into: &description)
                    description += [3]
                case .partial(let template, let indentation, let overrides):
                    description += [4] + withUnsafeBytes(of: template.littleEndian, Array.init)
                    if indentation >= 0 {
                        let bytes = indentations[Int(indentation)]
                        description += withUnsafeBytes(of: Int32(bytes.count).littleEndian, Array.init) + bytes
                    }
                    if overrides >= 0 { description += [5] + withUnsafeBytes(of: Int32(index).littleEndian, Array.init) }
                case .block:
                    description += [6] + withUnsafeBytes(of: Int32(index).littleEndian, Array.init)
                }
            }
        }
        for instruction in instructions {
            guard case .section(_, let body, false) = instruction, body.count > 0 else { continue }
            var description: [UInt8] = []
            describe(body, into: &description)
            result[Int(body.start)] = firstByDescription[description, default: body.start]
            if firstByDescription[description] == nil { firstByDescription[description] = body.start }
        }
        return result
    }

    private struct Compiler {
        var instructions: [Instruction] = []
        var text: [UInt8] = []
        var names: [Template.Name] = []
        var nameNumbers: [Template.Name: Int32] = [:]
        var indentations: [[UInt8]] = []
        var overrideSets: [[Int32: Span]] = []
        var blockNumbers: [String: Int32] = [:]
        let templateNames: [String]
        let templateIndex: [String: Int]

        init(templateNames: [String]) {
            self.templateNames = templateNames
            templateIndex = Dictionary(uniqueKeysWithValues: templateNames.enumerated().map { ($1, $0) })
        }

        /// Compiles `nodes` into consecutive instructions (their children after them) and returns
        /// where they are.
        mutating func compile(_ nodes: [Template.Node]) -> Span {
            // Reserve the run first: children are compiled after it, so the run stays contiguous.
            let start = instructions.count
            instructions += Array(repeating: .text(start: 0, count: 0), count: nodes.count)
            for (offset, node) in nodes.enumerated() {
                let compiled = instruction(node)
                instructions[start + offset] = compiled
            }
            return Span(start: Int32(start), count: Int32(nodes.count))
        }

        private mutating func instruction(_ node: Template.Node) -> Instruction {
            switch node {
            case .text(let bytes):
                let start = text.count
                text += bytes
                return .text(start: Int32(start), count: Int32(bytes.count))
            case .variable(let name, let escaped):
                return .variable(name: number(name), escaped: escaped)
            case .section(let name, let children, let inverted):
                return .section(name: number(name), body: compile(children), inverted: inverted)
            case .partial(let name, let indentation, let overrides):
                var overridesNumber: Int32 = -1
                if let overrides {
                    var set: [Int32: Span] = [:]
                    for (block, nodes) in overrides { set[blockNumber(block)] = compile(nodes) }
                    overridesNumber = Int32(overrideSets.count)
                    overrideSets.append(set)
                }
                return .partial(template: templateIndex[name].map(Int32.init) ?? -1,
                                indentation: indentation.map { number($0) } ?? -1, overrides: overridesNumber)
            case .block(let name, let defaultNodes, let indentation):
                return .block(name: blockNumber(name), body: compile(defaultNodes), indentation: number(indentation))
            case .override:
                // Gathered by the parser into their parent's overrides.
                return .text(start: 0, count: 0)
            }
        }

        private mutating func number(_ name: Template.Name) -> Int32 {
            if let number = nameNumbers[name] { return number }
            names.append(name)
            nameNumbers[name] = Int32(names.count - 1)
            return Int32(names.count - 1)
        }

        private mutating func number(_ indentation: [UInt8]) -> Int32 {
            indentations.append(indentation)
            return Int32(indentations.count - 1)
        }

        private mutating func blockNumber(_ name: String) -> Int32 {
            if let number = blockNumbers[name] { return number }
            blockNumbers[name] = Int32(blockNumbers.count)
            return Int32(blockNumbers.count - 1)
        }
    }
}
