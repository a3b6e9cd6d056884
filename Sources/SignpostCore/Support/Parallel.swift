/// Runs independent work on several cores and returns results in input order, so output never
/// depends on scheduling. Child tasks get `Sendable` inputs and return values; nothing is shared.
enum Parallel {
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, _ transform: @escaping @Sendable (Input) -> Output
    ) async -> [Output] {
        let jobs = max(1, min(jobs, inputs.count))
        if jobs == 1 { return inputs.map(transform) }
        // Contiguous chunks, a few per worker, balance uneven pages without per-item task overhead.
        let chunkCount = min(inputs.count, jobs * 4)
        let chunkSize = (inputs.count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [Output]).self) { group in
            var next = 0
            func addChunk(_ start: Int) {
                let slice = Array(inputs[start..<min(start + chunkSize, inputs.count)])
                group.addTask { (start, slice.map(transform)) }
            }
            while next < inputs.count, next / chunkSize < jobs {
                addChunk(next)
                next += chunkSize
            }
            var chunks: [(Int, [Output])] = []
            for await chunk in group {
                chunks.append(chunk)
                if next < inputs.count {
                    addChunk(next)
                    next += chunkSize
                }
            }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
