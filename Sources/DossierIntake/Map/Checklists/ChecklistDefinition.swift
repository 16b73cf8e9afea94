/// A checklist Dossier knows how to judge: answerable items, the controls each evidences in every
/// framework (or why a framework has none), and the kinds of evidence that can prove it.
public struct ChecklistDefinition: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var id: String
        public var section: String
        public var text: String
        /// Control IDs per framework ID; a framework with none has a reason in `noControlReason`.
        public var controls: [String: [String]]
        public var noControlReason: [String: String]
        /// What must be shown for the item to be proven; all must hold.
        public var expects: [Expectation]
        /// What evidence would prove it, in one sentence: shown to whoever answers the checklist.
        public var wants: String
    }

    /// The kinds of evidence an item may ask for.
    public static let evidenceKinds = [
        "processing-activity", "approval", "agreement", "waiver", "applicability", "log-extract", "data-flow", "document", "checklist",
    ]

    public var id: String
    public var name: String
    public var source: String
    /// The frameworks every item maps to or explains why not.
    public var frameworks: [String]
    public var items: [Item]
    public var origin: String

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
}

extension ChecklistDefinition.Item {
    /// The evidence kinds that can meet its expectations, in the order of `ChecklistDefinition.evidenceKinds`.
    public var evidence: [String] {
        let kinds = expects.reduce(into: Set<String>()) { $0.formUnion($1.reliedKinds) }
        return ChecklistDefinition.evidenceKinds.filter(kinds.contains)
    }
}
