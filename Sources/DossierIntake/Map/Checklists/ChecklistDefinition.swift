/// A checklist Dossier knows how to judge: answerable items, the controls each evidences in every
/// framework (or why a framework has none), and the kinds of evidence that can prove it.
package struct ChecklistDefinition: Sendable, Hashable {
    package struct Item: Sendable, Hashable {
        package var id: String
        package var section: String
        package var text: String
        /// Control IDs per framework ID; a framework with none has a reason in `noControlReason`.
        package var controls: [String: [String]]
        package var noControlReason: [String: String]
        /// What must be shown for the item to be proven; all must hold.
        package var expects: [Expectation]
        /// What evidence would prove it, in one sentence: shown to whoever answers the checklist.
        package var wants: String
    }

    /// The kinds of evidence an item may ask for.
    package static let evidenceKinds = [
        "processing-activity", "approval", "agreement", "waiver", "applicability", "log-extract", "data-flow", "document", "checklist",
    ]

    package var id: String
    package var name: String
    package var source: String
    /// The frameworks every item maps to or explains why not.
    package var frameworks: [String]
    package var items: [Item]
    package var origin: String

    package func item(_ id: String) -> Item? { items.first { $0.id == id } }
}

extension ChecklistDefinition.Item {
    /// The evidence kinds that can meet its expectations, in the order of `ChecklistDefinition.evidenceKinds`.
    package var evidence: [String] {
        let kinds = expects.reduce(into: Set<String>()) { $0.formUnion($1.reliedKinds) }
        return ChecklistDefinition.evidenceKinds.filter(kinds.contains)
    }
}
