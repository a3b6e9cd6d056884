import Synchronization

/// Runs independent work on several cores and returns results in input order, so output never
/// depends on scheduling.
enum Parallel {
    /// `inputs.map(transform)`, `jobs` at a time. Each worker takes the next small batch of inputs
    /// as it finishes one, so a slow stretch of inputs (long pages, big lists) never leaves the
    /// other cores waiting at the end; each result goes straight to its place in the output.
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, _ transform: @escaping @Sendable (Input) -> Output
    ) async -> [Output] {
        let jobs = max(1, min(jobs, inputs.count))
        if jobs == 1 { return inputs.map(transform) }
        let count = inputs.count
        // Small enough that the last batch is a sliver of the work, large enough that taking one
        // is rare next to the work in it.
        let batch = max(1, min(64, count / (jobs * 64)))
        let next = Counter()
        let results = Slots<Output>(count: count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<jobs {
                group.addTask {
                    while true {
                        let start = next.value.wrappingAdd(batch, ordering: .relaxed).oldValue
                        guard start < count else { return }
                        for index in start..<min(start + batch, count) {
                            results.initialize(index, to: transform(inputs[index]))
                        }
                    }
                }
            }
        }
        return results.moveToArray()
    }

    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Output slots written by several workers at once. `@unchecked Sendable`: the counter hands
    /// each index to exactly one worker, which initializes it once, and the slots are read only
    /// after every worker has finished (the task group's end orders the writes before the read).
    private final class Slots<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
        }

        func initialize(_ index: Int, to value: Element) {
            (base + index).initialize(to: value)
        }

        /// The elements, moved out; the slots are left empty.
        func moveToArray() -> [Element] {
            Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: base, count: count)
                initialized = count
            }
        }

        deinit { base.deallocate() }
    }
}

/// Drops `value` on a background task. Freeing a large structure (thousands of pages, their
/// strings and arrays) takes a noticeable moment on one core, and nothing after it needs to wait.
func releaseInBackground<Value: Sendable>(_ value: consuming Value) {
    Task.detached(priority: .background) { [value] in withExtendedLifetime(value) {} }
}
