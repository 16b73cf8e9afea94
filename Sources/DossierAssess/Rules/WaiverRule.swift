import DossierIntake
import DossierModel

/// A waiver needs a control that exists, an approver other than its owner, and an expiry; an
/// expired waiver stops applying, and says so.
package struct WaiverRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [DiagnosticID.waiverExpired, DiagnosticID.waiverSelfApproved, DiagnosticID.waiverUnknownControl, DiagnosticID.waiverNotYetGranted]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for (waiver, document) in context.documents({ if case .waiver(let w) = $0 { w } else { nil } }) {
            func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, unsound: Bool) {
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(severity, id, summary, file: document.path),
                    standing: unsound ? .unsound(summary) : nil))
            }
            if context.content.catalog(waiver.framework)?.control(waiver.control) == nil {
                add(.error, .waiverUnknownControl, "\(waiver.id) waives \(waiver.framework) \(waiver.control), which is not a control of that framework", unsound: true)
            }
            if PersonName.same(waiver.owner.name, waiver.approver.name) {
                add(.error, .waiverSelfApproved, "\(waiver.id) is approved by its own owner, \(waiver.owner.name); a second person must approve it", unsound: true)
            }
            if context.hasExpired(waiver.expiresAt) {
                add(.warning, .waiverExpired, "\(waiver.id) expired on \(ISODate.day(waiver.expiresAt)); \(waiver.framework) \(waiver.control) is judged without it. Renew it or close the gap", unsound: true)
            } else if waiver.grantedAt > context.buildDate {
                add(.note, .waiverNotYetGranted, "\(waiver.id) is granted from \(ISODate.day(waiver.grantedAt)), after the build date; it does not apply yet", unsound: false)
            }
        }
        return findings
    }
}
