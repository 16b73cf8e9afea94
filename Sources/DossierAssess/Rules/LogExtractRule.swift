import DossierIntake
import DossierModel
import Foundation

/// Log extracts as evidence: each event kind shows the fields the articles ask for, prompts appear
/// only as hashes, bursts of failed sign-ins are flagged, and the extracts cover the audit period.
package struct LogExtractRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.logIncompleteEvents, DiagnosticID.logRawPrompt, DiagnosticID.logAuthBurst, DiagnosticID.logOutsidePeriod,
        DiagnosticID.logPartialPeriod, DiagnosticID.logRetentionUnproven, DiagnosticID.logFutureEvents,
    ]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        // The oldest event of all (for retention), and the span of the extracts that reach into the
        // audit period (for its coverage: an extract wholly outside it covers none of it).
        var earliest: Double?
        var periodEarliest: Double?
        var periodLatest: Double?
        for document in context.documents {
            guard case .log(let log) = document.content else { continue }
            func add(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String, at location: SourceLocation? = nil, standing: EvidenceStanding? = nil) {
                findings.append(RuleFinding(diagnostic: Diagnostic(severity, id, summary, file: document.path, at: location), standing: standing))
            }
            for kind in log.missingFields.keys.sorted() {
                let total = log.kinds[kind]?.count ?? 0
                for field in LogEventField.allCases {
                    guard let missing = log.missingFields[kind]?[field] else { continue }
                    add(.warning, .logIncompleteEvents,
                        "\(missing) of \(total) \(kind.label.lowercased()) events have no \(field.rawValue); map it in log format '\(log.format)' or export it")
                }
            }
            if log.rawPrompts > 0 {
                let summary = "\(log.rawPrompts) events carry the prompt text itself; log its hash (prompt_hash) instead and remove the text from the extract"
                add(.error, .logRawPrompt, summary, at: log.firstRawPrompt, standing: .unsound(summary))
            }
            if log.authFailureBursts > 0 {
                add(.warning, .logAuthBurst,
                    "\(log.authFailureBursts) burst\(log.authFailureBursts == 1 ? "" : "s") of \(LogExtract.burstSize) or more failed authentications within \(Int(LogExtract.burstWindow / 60)) minutes; show they were alerted on and answered",
                    at: log.firstBurst)
            }
            // The build date is "now": an event after it was not logged yet, so the extract cannot be trusted.
            if let last = log.last, context.isAfterBuildDay(Date(timeIntervalSince1970: last)) {
                let summary = "Events are dated after the build date \(ISODate.day(context.buildDate)) (the last at \(LogTimestamp.text(last))); check the export's clock or time zone"
                add(.warning, .logFutureEvents, summary, standing: .unsound(summary))
            }
            if let first = log.first { earliest = min(earliest ?? first, first) }
            if let period = context.configuration?.auditPeriod, let first = log.first, let last = log.last {
                let start = period.start.timeIntervalSince1970, end = period.end.timeIntervalSince1970 + 86_400
                if last < start || first >= end {
                    add(.warning, .logOutsidePeriod,
                        "Every event is outside the audit period (\(LogTimestamp.text(first)) to \(LogTimestamp.text(last))); export an extract from \(ISODate.day(period.start)) to \(ISODate.day(period.end))",
                        standing: .stale("outside the audit period"))
                } else {
                    periodEarliest = min(periodEarliest ?? first, first)
                    periodLatest = max(periodLatest ?? last, last)
                }
            }
        }
        if let earliest {
            // Retention is shown by holding events as old as the window; an extract only of recent
            // events cannot show that older ones were kept.
            let months = context.freshness.logRetentionMonths
            let horizon = context.buildDate.timeIntervalSince1970 - Double(months) * 30.44 * 86_400
            if earliest > horizon {
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .note, DiagnosticID.logRetentionUnproven,
                    "The oldest logged event is from \(LogTimestamp.text(earliest)), so the log extracts alone cannot show logs kept for \(months) months (policy.freshness.log_retention_months); that rests on the retention setting, if it is on file (a checklist item on log retention), or on an extract reaching back that far"),
                    standing: nil))
            }
        }
        if let period = context.configuration?.auditPeriod, let earliest = periodEarliest, let latest = periodLatest {
            let start = period.start.timeIntervalSince1970, end = min(period.end.timeIntervalSince1970 + 86_400, context.buildDate.timeIntervalSince1970)
            // Events before the period or after its end (or the build date) cover none of it.
            if max(earliest, start) > start + 86_400 || min(latest, end) < end - 86_400 {
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .note, DiagnosticID.logPartialPeriod,
                    "The log extracts cover \(LogTimestamp.text(earliest)) to \(LogTimestamp.text(latest)), part of the audit period \(ISODate.day(period.start)) to \(ISODate.day(period.end)) (so far)"),
                    standing: nil))
            }
        }
        return findings
    }
}
