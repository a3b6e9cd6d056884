import Testing
@testable import SignpostCore

@Suite struct ParallelTests {
    /// Results come back in input order whatever the number of workers and however the inputs
    /// fall into batches; values that own memory (strings) arrive intact.
    @Test(arguments: [0, 1, 2, 63, 64, 65, 1_000, 10_007], [1, 2, 3, 8])
    func mapKeepsInputOrder(count: Int, jobs: Int) async {
        let inputs = Array(0..<count)
        let outputs = await Parallel.map(inputs, jobs: jobs) { number -> String in
            // Uneven work, so workers finish batches at different times.
            var text = "page \(number)"
            for _ in 0..<(number % 7) * 3 { text = String(text.reversed()) }
            return text
        }
        let expected = inputs.map { number -> String in
            var text = "page \(number)"
            for _ in 0..<(number % 7) * 3 { text = String(text.reversed()) }
            return text
        }
        #expect(outputs == expected)
    }
}
