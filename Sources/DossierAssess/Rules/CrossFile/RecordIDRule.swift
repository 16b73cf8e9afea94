import DossierIntake
import DossierModel

/// Record IDs are how controls, findings and other records cite a record, so two records of the
/// same kind may not share one, even in different files.
package struct RecordIDRule: AssessmentRule {
    package init() {}

    /// `dossier.<kind>.duplicate-id`, one per record kind (`DiagnosticID.field`).
    package static let identifiers: [DiagnosticID] = []

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        // A user's framework, checklist or mapping may not reuse a built-in one's ID.
        let builtIn = ComplianceContent.builtIn
        var firstFile = Dictionary(uniqueKeysWithValues:
            builtIn.catalogs.map { ("framework\u{0}" + $0.framework, "a built-in framework") }
            + builtIn.checklists.map { ("checklist-definition\u{0}" + $0.id, "a built-in checklist") }
            + builtIn.mappings.map { ("mapping\u{0}" + $0.id, "a built-in mapping") })
        for index in context.documents.pathOrder {
            let document = context.documents[index]
            guard let (kind, id) = identity(of: document.record) else { continue }
            let key = kind + "\u{0}" + id
            if let earlier = firstFile[key] {
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .error, .field(kind, .duplicateID), "ID '\(id)' is already used by \(earlier); give each \(kind) its own ID",
                    file: document.path), standing: nil))
            } else {
                firstFile[key] = document.path
            }
        }
        return findings
    }

    private func identity(of record: EvidenceRecord?) -> (String, String)? {
        switch record {
        case .approval(let approval): ("approval", approval.id)
        case .processingActivity(let activity): ("processing-activity", activity.id)
        case .waiver(let waiver): ("waiver", waiver.id)
        case .agreement(let agreement): ("agreement", agreement.id)
        case .framework(let catalog): ("framework", catalog.framework)
        case .checklistDefinition(let pending): ("checklist-definition", pending.id)
        case .mapping(let pending): ("mapping", pending.id)
        case .logFormat(let pending): ("log-format", pending.id)
        case .dataFlow(let graph): ("data-flow", graph.id)
        case .remediation(let remediation): ("remediation", remediation.id)
        case .checklist, .applicability, nil: nil
        }
    }
}
