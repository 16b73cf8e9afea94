import DossierModel

/// A checklist answered as a GFM task list: one item per answer, each with a stable ID.
public struct ChecklistAnswers: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case done
        case open
        /// `N/A — why`: the justification is required.
        case notApplicable(justification: String)
    }

    public struct Answer: Sendable, Hashable {
        public var id: String
        public var state: State
        /// The item's words after its ID.
        public var text: String
        public var location: SourceLocation
        /// Relative link destinations inside the item: the evidence offered for it.
        public var evidence: [String]
    }

    /// Which checklist this answers (front matter `checklist:`), e.g. `pre-launch`.
    public var checklist: String?
    /// The processing activity or integration it concerns (front matter `integration:`).
    public var integration: String?
    public var answers: [Answer]
    /// Where `integration:` is written, for a diagnostic when it names no activity.
    public var integrationLocation: SourceLocation? = nil
}
