/// What a piece of evidence says, once understood: the typed reading of a file whose `kind` Dossier knows.
public enum EvidenceRecord: Sendable, Hashable {
    case checklist(ChecklistAnswers)
    case approval(ApprovalRecord)

    /// The `kind:` values evidence files may declare, in their front matter or top-level object.
    public static let kinds = ["checklist", "approval"]
}
