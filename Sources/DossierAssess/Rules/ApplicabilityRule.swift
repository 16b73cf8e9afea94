import DossierIntake
import DossierModel

/// An applicability decision must name a control of its framework. A misspelt one (`A.7.11` for
/// `7.11`, `CC6.04`) would otherwise decide nothing, silently: the control it meant would fall back
/// to out of scope, and the Statement of Applicability would lose its justification.
package struct ApplicabilityRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [DiagnosticID.applicabilityUnknownControl, DiagnosticID.applicabilityNoJustification]

    /// Whether a decision either way gives a reason that says something: `-` or `TBD` does not, and
    /// such a decision decides nothing (the control is judged from its items, undecided).
    package static func isJustified(_ decision: ApplicabilityDecisions.Decision) -> Bool {
        decision.applicable == nil || !(FillerText.givesNoReason(decision.justification ?? "") || PlaceholderRule.isPlaceholder(decision.justification ?? ""))
    }

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for (decisions, document) in context.documents({ if case .applicability(let a) = $0 { a } else { nil } }) {
            for decision in decisions.decisions {
                if !Self.isJustified(decision) {
                    findings.append(RuleFinding(diagnostic: Diagnostic(
                        .error, .applicabilityNoJustification,
                        "The decision on \(decision.control) gives '\(decision.justification ?? "")' as its justification, which says nothing, so it decides nothing; write why the control \(decision.applicable == true ? "applies" : "does not apply")",
                        file: document.path, at: decision.location), standing: nil))
                }
                guard let catalog = context.content.catalog(decision.framework), catalog.control(decision.control) == nil else { continue }
                let suggestion = Spelling.suggestion(for: Self.bare(decision.control), among: catalog.controls.map(\.id))
                let hint = suggestion?.hint ?? ""
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .error, .applicabilityUnknownControl, "Control '\(decision.control)' is not in \(catalog.name), so this decision applies to nothing\(hint)",
                    file: document.path, at: decision.location, suggestion: suggestion), standing: nil))
            }
        }
        return findings
    }

    /// `A.7.11` and `Annex A 7.11` are how ISO controls are often cited; the catalog says `7.11`.
    package static func bare(_ control: String) -> String {
        for prefix in ["Annex A ", "A."] where control.hasPrefix(prefix) { return String(control.dropFirst(prefix.count)) }
        return control
    }
}
