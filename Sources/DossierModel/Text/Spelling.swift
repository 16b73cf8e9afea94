/// Suggestions for misspelt keys and values ("did you mean …?").
package enum Spelling {
    /// The closest candidate within a small edit distance, or nil when nothing is close.
    package static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// The closest candidate as a diagnostic's structured suggestion.
    package static func suggestion(for word: String, among candidates: [String]) -> Suggestion? {
        closest(to: word, among: candidates).map(Suggestion.init(replacement:))
    }

    /// Levenshtein distance over characters.
    package static func distance(_ a: String, _ b: String) -> Int {
        let left = Array(a), right = Array(b)
        if left.isEmpty { return right.count }
        var previous = Array(0...right.count)
        for (i, x) in left.enumerated() {
            var current = [i + 1]
            for (j, y) in right.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }
}

/// A diagnostic's structured fix: the value the author probably meant. Tools read `replacement`;
/// the message carries it as a trailing "; did you mean '…'?" (`hint`).
package struct Suggestion: Sendable, Hashable {
    package var replacement: String

    package init(replacement: String) {
        self.replacement = replacement
    }

    /// The words a message ends with.
    package var hint: String { "; did you mean '\(replacement)'?" }
}
