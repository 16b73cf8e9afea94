/// What a piece of evidence says, once understood: the typed reading of a file whose `kind` Dossier knows.
public enum EvidenceRecord: Sendable, Hashable {
    case checklist(ChecklistAnswers)
    case approval(ApprovalRecord)
    case processingActivity(ProcessingActivity)
    case applicability(ApplicabilityDecisions)
    case waiver(Waiver)
    case agreement(Agreement)
    /// A user's own framework catalog, added to the built-in ones.
    case framework(Catalog)

    /// The `kind:` values evidence files may declare, in their front matter or top-level object.
    public static let kinds = ["checklist", "approval", "processing-activity", "applicability", "waiver", "agreement", "framework"]
}
