import DossierIntake

extension EvidenceDocument {
    /// The kind of evidence this file is, in the vocabulary checklist items use to say what they
    /// accept (`ChecklistDefinition.evidenceKinds`).
    package var evidenceKind: String {
        if case .log = content { return "log-extract" }
        switch record {
        case .approval: return "approval"
        case .processingActivity: return "processing-activity"
        case .agreement: return "agreement"
        case .waiver: return "waiver"
        case .applicability: return "applicability"
        case .dataFlow: return "data-flow"
        // Answers and compliance content say what is claimed or asked, never what is shown: an answers
        // file with an owner and a review date must not prove another checklist's items as a document.
        case .checklist: return "checklist"
        case .framework, .checklistDefinition, .mapping, .logFormat: return "compliance-content"
        // A plan to fix is not proof of anything: no checklist item may take it (not in `evidenceKinds`).
        case .remediation: return "remediation"
        case nil: return "document"
        }
    }
}

/// Whether a piece of evidence can prove anything today, as judged by the assessment rules.
package enum EvidenceStanding: Sendable, Hashable {
    case sound
    /// Past its freshness window at the build date.
    case stale(String)
    /// A rule found an error in it (an approval by its own author, a hash that no longer matches, …).
    case unsound(String)
}
