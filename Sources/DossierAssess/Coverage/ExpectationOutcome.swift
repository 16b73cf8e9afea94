import DossierIntake

/// Whether one expectation of an item holds, on which evidence, and why: one link of the chain an
/// auditor follows from a verdict down to a file and line.
package struct ExpectationOutcome: Sendable, Hashable {
    package enum State: String, Sendable, Hashable {
        /// Met by sound evidence.
        case met
        /// Met, but only by evidence past its freshness window.
        case stale
        case unmet
    }

    package var expectation: Expectation
    package var state: State
    /// What met it, as `file` or `file:line`.
    package var evidence: [String]
    /// Why it holds or not, naming the evidence: `met by logs/a.jsonl (412 llm-inference events)`.
    package var reason: String
    /// When a waiver met it, the control that waiver covers (`soc2 CC6.1`): the item is then proven for
    /// that control only, since a waiver accepts one control's gap, not every framework's.
    package var waives: String? = nil

    /// `a log of llm-inference events: met by logs/a.jsonl (412 events)`.
    package var text: String { "\(expectation.summary): \(reason)" }
}
