/// What a piece of evidence says, once understood: the typed reading of a file whose `kind` Dossier knows.
package enum EvidenceRecord: Sendable, Hashable {
    case checklist(ChecklistAnswers)
    case approval(ApprovalRecord)
    case processingActivity(ProcessingActivity)
    case applicability(ApplicabilityDecisions)
    case waiver(Waiver)
    case agreement(Agreement)
    /// A user's own framework catalog, added to the built-in ones.
    case framework(Catalog)
    /// A user's own checklist definition, read against every catalog once all are known.
    case checklistDefinition(UnresolvedContent)
    /// A user's own cross-framework mapping, read against every catalog once all are known.
    case mapping(UnresolvedContent)
    /// A description of a log export's fields, read with the other log formats before logs are read.
    case logFormat(UnresolvedContent)
    /// Systems and the flows between them, written natively or imported from Threat Dragon.
    case dataFlow(DataFlowGraph)
    /// Work under way to clear findings; it changes no verdict.
    case remediation(Remediation)

    /// The `kind:` values evidence files may declare, in their front matter or top-level object.
    package static let kinds = [
        "checklist", "approval", "processing-activity", "applicability", "waiver", "agreement", "framework",
        "checklist-definition", "mapping", "log-format", "data-flow", "remediation",
    ]
}

/// Compliance content whose cross-references (controls, frameworks) can only be checked once every
/// catalog, the user's included, has been read: its ID now, the rest in `ComplianceContent`.
package struct UnresolvedContent: Sendable, Hashable {
    package var id: String
    package var tree: JSONNode
}

extension EvidenceRecord {
    /// The record as a processing activity, for `[EvidenceDocument].records(\.processingActivity)`.
    package var processingActivity: ProcessingActivity? { if case .processingActivity(let activity) = self { activity } else { nil } }
}

extension EvidenceDocument {
    /// Whether the file declares `kind` but could not be read as that record (a date written another
    /// way, say): messages about a missing record name it instead.
    package func failedToRead(kind: String) -> Bool {
        record == nil && tree?["kind"]?.string == kind
    }
}

extension Array where Element == EvidenceDocument {
    /// Each document holding a record of one kind, with that record: `records(\.processingActivity)`.
    package func records<T>(_ extract: (EvidenceRecord) -> T?) -> [(T, EvidenceDocument)] {
        // A loop over positions: `compactMap` through the generic closure copied every one of 10 000
        // documents, on each of the dozen calls a build makes (2 % of `check`).
        var found: [(T, EvidenceDocument)] = []
        for index in indices {
            guard let record = self[index].record, let value = extract(record) else { continue }
            found.append((value, self[index]))
        }
        return found
    }

    /// The documents whose path is not in `paths`; the array itself, not a copy, when there is none to leave out.
    package func excluding(_ paths: Set<String>) -> [EvidenceDocument] {
        paths.isEmpty ? self : filter { !paths.contains($0.path) }
    }

    /// The positions of the documents in path order. The snapshot lists them so already, and then
    /// nothing is sorted; sorting the documents themselves copied each of 10 000 several times.
    package var pathOrder: [Int] {
        let inOrder = indices.dropFirst().allSatisfy { self[$0 - 1].path < self[$0].path }
        return inOrder ? [Int](indices) : indices.sorted { self[$0].path < self[$1].path }
    }
}
