import DossierIntake
import DossierModel

/// A remediation must name findings that can exist: a rule ID Dossier reports, an evidence file of the
/// folder, a control of its framework. A misspelt one would match nothing, and the plan would pass
/// for stale while the finding it meant stays unplanned.
///
/// How a plan stands against the findings (overdue, done but still firing, stale) can only be judged
/// once every other finding and verdict is known: `RemediationPlan.review` does that, after the
/// verdicts, and reports the other three IDs declared here.
package struct RemediationRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.remediationUnknownRule, DiagnosticID.remediationUnknownFile, DiagnosticID.remediationUnknownControl,
        DiagnosticID.remediationOverdue, DiagnosticID.remediationNotFixed, DiagnosticID.remediationStale,
    ]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        let files = Self.files(context)
        return context.documents(\.remediation).flatMap { remediation, document in
            remediation.findings.compactMap { reference in
                Self.problem(with: reference, of: remediation, in: document.path, context: context, files: files)
                    .map { RuleFinding(diagnostic: $0, standing: nil) }
            }
        }
    }

    /// Every evidence file a finding can be on.
    static func files(_ context: RuleContext) -> Set<String> { Set(context.documents.map(\.path)) }

    /// What is wrong with a reference, or nil when what it names exists; the plan's review skips a
    /// reference with a problem, which is reported here once.
    static func problem(
        with reference: Remediation.Reference, of remediation: Remediation, in file: String, context: RuleContext, files: Set<String>
    ) -> Diagnostic? {
        func error(_ id: DiagnosticID, _ summary: String, _ suggestion: Suggestion?) -> Diagnostic {
            Diagnostic(.error, id, "\(remediation.id): \(summary)\(suggestion?.hint ?? "")", file: file, at: reference.location, suggestion: suggestion)
        }
        switch reference.target {
        case .finding(let rule, let evidence, _):
            if !KnownFindings.isKnown(rule) {
                let why = rule.hasPrefix(KnownFindings.ownPrefix) ? "is about a remediation plan, which no plan clears" : "is not an ID Dossier reports"
                return error(.remediationUnknownRule, "'\(rule)' \(why)", KnownFindings.suggestion(for: rule))
            }
            if !files.contains(evidence) {
                return error(.remediationUnknownFile, "'\(evidence)' is not a file of the evidence folder; write its path from the folder's top",
                             Spelling.suggestion(for: evidence, among: files.sorted()))
            }
        case .control(let framework, let control):
            guard let catalog = context.content.catalog(framework), catalog.control(control) == nil else { return nil }
            return error(.remediationUnknownControl, "'\(control)' is not a control of \(catalog.name)",
                         Spelling.suggestion(for: ApplicabilityRule.bare(control), among: catalog.controls.map(\.id)))
        }
        return nil
    }
}
