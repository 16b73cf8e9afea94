import DossierIntake
import DossierModel

/// A waiver needs a control that exists, an approver other than its owner, and an expiry within a
/// year of its grant; an expired waiver stops applying, and says so.
package struct WaiverRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.waiverExpired, DiagnosticID.waiverSelfApproved, DiagnosticID.waiverUnknownControl, DiagnosticID.waiverNotYetGranted,
        DiagnosticID.waiverTooLong, DiagnosticID.waiverNoJustification,
    ]

    /// An accepted risk is looked at again at least once a year: a waiver running longer (`expires_at:
    /// 2099-12-31`) accepts a gap for good, and accepts nothing.
    static let longestDays = 366

    /// A justification says why a gap is acceptable: `OK`, `Accepted`, `Legacy` or a placeholder says
    /// nothing of that (fewer than three words is no reason an auditor can weigh).
    static func givesNoReason(_ justification: String) -> Bool {
        guard !FillerText.givesNoReason(justification), !FillerText.isPlaceholder(justification) else { return true }
        // A script written without blanks (Chinese, Japanese) is judged by its letters.
        if !justification.contains(where: \.isWhitespace), !justification.contains(where: { $0.isASCII && $0.isLetter }) {
            return justification.count { $0.isLetter } < 6
        }
        return justification.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count < 3
    }

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for (waiver, document) in context.documents({ if case .waiver(let w) = $0 { w } else { nil } }) {
            // Each at the field it is about.
            func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, at key: String, unsound: Bool) {
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(severity, id, summary, file: document.path, at: document.tree?[key]?.location),
                    standing: unsound ? .unsound(summary) : nil))
            }
            if context.content.catalog(waiver.framework)?.control(waiver.control) == nil {
                add(.error, .waiverUnknownControl, "\(waiver.id) waives \(waiver.framework) \(waiver.control), which is not a control of that framework", at: "control", unsound: true)
            }
            if Self.givesNoReason(waiver.justification) {
                add(.error, .waiverNoJustification,
                    "\(waiver.id) gives '\(waiver.justification)' as its justification, which does not say why the gap is acceptable, so it accepts nothing; write why, and what compensates for it",
                    at: "justification", unsound: true)
            }
            if PersonName.same(waiver.owner.name, waiver.approver.name) {
                add(.error, .waiverSelfApproved, "\(waiver.id) is approved by its own owner, \(waiver.owner.name); a second person must approve it", at: "approver", unsound: true)
            }
            let days = RuleContext.days(since: waiver.grantedAt, buildDate: waiver.expiresAt)
            if days > Self.longestDays {
                add(.warning, .waiverTooLong,
                    "\(waiver.id) runs \(days) days, from \(ISODate.day(waiver.grantedAt)) to \(ISODate.day(waiver.expiresAt)): an accepted risk is looked at again within a year, so it accepts nothing; set expires_at within \(Self.longestDays) days of granted_at, and renew it when it is reviewed",
                    at: "expires_at", unsound: true)
            }
            if context.hasExpired(waiver.expiresAt) {
                add(.warning, .waiverExpired, "\(waiver.id) expired on \(ISODate.day(waiver.expiresAt)); \(waiver.framework) \(waiver.control) is judged without it. Renew it or close the gap", at: "expires_at", unsound: true)
            } else if waiver.grantedAt > context.buildDate {
                add(.note, .waiverNotYetGranted, "\(waiver.id) is granted from \(ISODate.day(waiver.grantedAt)), after the build date; it does not apply yet", at: "granted_at", unsound: false)
            }
        }
        return findings
    }
}
