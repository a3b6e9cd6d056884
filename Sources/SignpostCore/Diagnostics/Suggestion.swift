/// Finds the closest known word to a mistyped one, for "did you mean" hints.
enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let needle = Array(word.lowercased())
        var best: (distance: Int, candidate: String)?
        for candidate in candidates.sorted() {
            let distance = editDistance(needle, Array(candidate.lowercased()))
            let limit = max(2, min(needle.count, candidate.count) / 3)
            let isPrefix = needle.count >= 3 && candidate.lowercased().hasPrefix(String(needle))
            // `carers` for `carer-workers`: the word is a near miss of the candidate's start.
            let nearStart = needle.count >= 4 && candidate.count > needle.count
                && editDistance(needle, Array(candidate.lowercased().prefix(needle.count))) <= 1
            guard distance <= limit || isPrefix || nearStart else { continue }
            let score = isPrefix ? min(distance, 1) : distance <= limit ? distance : limit + 1
            if best == nil || score < best!.distance { best = (score, candidate) }
        }
        return best?.candidate
    }

    /// " (did you mean 'x'?)" or nothing.
    static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        guard let match = closest(to: word, in: candidates) else { return "" }
        return " (did you mean '\(match)'?)"
    }

    /// Damerau-Levenshtein distance (with adjacent transpositions), small inputs only.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
