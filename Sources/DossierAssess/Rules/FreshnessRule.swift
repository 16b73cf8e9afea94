import DossierIntake
import DossierModel
import Foundation

/// Evidence older than its window is stale at the build date. Markdown evidence states its date and
/// window in front matter (`reviewed_at`, `freshness`); credentials in a record of processing are
/// checked against the secret-rotation window.
package struct FreshnessRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.freshnessStale, DiagnosticID.freshnessSecretRotation, DiagnosticID.freshnessBadWindow, DiagnosticID.freshnessFuture,
        DiagnosticID.freshnessRotationFuture, DiagnosticID.freshnessWindowTooLong,
    ]

    /// A rotation date that cannot be true bears on secret management, not on the rest of the record.
    package static let controls: [String: [String: [String]]] = [DiagnosticID.freshnessRotationFuture.rawValue: ["iso27001-2022": ["5.17"]]]

    /// Named windows a file may declare, resolved from the pack's policy.
    package static let windows = Expectation.documentWindows

    package func check(_ context: RuleContext) -> [RuleFinding] {
        // Said in thousands of messages at 10 000 files: formatted once.
        let buildDay = ISODate.day(context.buildDate)
        // Each file's date is read on its own, side by side (the rule was the longest at 10 000 files); in file order.
        var findings = ParallelMap.map(context.documents) { review(of: $0, context: context, buildDay: buildDay) }.flatMap { $0 }
        for (activity, document) in context.documents(\.processingActivity) {
            for credential in activity.credentials where context.isAfterBuildDay(credential.rotatedAt) {
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .error, DiagnosticID.freshnessRotationFuture,
                    "Credential '\(credential.serviceAccount)' for \(credential.system) says it was rotated \(ISODate.day(credential.rotatedAt)), after the build date \(buildDay); correct rotated_at",
                    file: document.path, at: credential.location), standing: nil))
            }
            for credential in activity.credentials {
                let age = context.days(since: credential.rotatedAt)
                guard age > context.freshness.secretRotationDays else { continue }
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .warning, DiagnosticID.freshnessSecretRotation,
                    "Credential '\(credential.serviceAccount)' for \(credential.system) was last rotated \(ISODate.day(credential.rotatedAt)), \(age) days ago, past the \(context.freshness.secretRotationDays)-day rotation window",
                    file: document.path, at: credential.location), standing: nil))
            }
        }
        return findings
    }

    /// What a Markdown file's front matter says of its review: nothing when it states no date or window.
    private func review(of document: EvidenceDocument, context: RuleContext, buildDay: String) -> [RuleFinding] {
        guard case .markdown(let markdown) = document.content, let front = markdown.frontMatter,
              front["reviewed_at"] != nil || front["freshness"] != nil else { return [] }
        let reader = FieldReader(file: document.path, area: "freshness", timeZone: context.timeZone)
        guard let fields = reader.fields(of: front, allowed: front.members?.map(\.key) ?? [], describing: "the front matter"),
              let date = fields.date("reviewed_at", required: true),
              let (days, name) = window(fields, context: context, reader: reader) else {
            return reader.diagnostics.map { RuleFinding(diagnostic: $0, standing: nil) }
        }
        let age = context.days(since: date)
        // What reading the window said (a window capped by the policy) comes with the review's standing.
        let read = reader.diagnostics.map { RuleFinding(diagnostic: $0, standing: nil) }
        switch Self.standing(reviewed: date, days: days, buildDate: context.buildDate) {
        case .future:
            let summary = "Evidence is dated \(ISODate.day(date)), after the build date \(buildDay): a review not yet made proves nothing; correct 'reviewed_at'"
            return read + [RuleFinding(
                diagnostic: Diagnostic(.warning, DiagnosticID.freshnessFuture, summary, file: document.path, at: front["reviewed_at"]?.location),
                standing: .unsound(summary))]
        case .stale:
            let summary = "Evidence is stale: reviewed \(ISODate.day(date)), \(age) days before the build date, past its \(name) window of \(days) days; review it again and update 'reviewed_at'"
            return read + [RuleFinding(
                diagnostic: Diagnostic(.warning, DiagnosticID.freshnessStale, summary, file: document.path, at: front["reviewed_at"]?.location),
                standing: .stale(summary))]
        case .fresh:
            return read
        }
    }

    /// Where a review stands at the build date: dated after it (a review not yet made), past its window, or fresh.
    package enum ReviewStanding: String, Sendable { case fresh, stale, future }

    package static func standing(reviewed: Date, days: Int, buildDate: Date) -> ReviewStanding {
        RuleContext.isAfterBuildDay(reviewed, buildDate: buildDate) ? .future
            : RuleContext.days(since: reviewed, buildDate: buildDate) > days ? .stale : .fresh
    }

    /// The window `freshness:` names, in days and words: `45` (days) or a named window of the policy;
    /// nil when it names none (the rule reports that).
    package static func window(of node: JSONNode, freshness: PackConfiguration.Freshness) -> (days: Int, name: String)? {
        if case .number(let text) = node.value, let days = Int(text), days > 0 { return (days, "\(days)-day") }
        return node.string.flatMap { days(of: $0, freshness: freshness) }.map { ($0, node.string!) }
    }

    /// The days of a window the policy names; nil for a name it has not.
    package static func days(of window: String, freshness: PackConfiguration.Freshness) -> Int? {
        switch window {
        case "secret-rotation": return freshness.secretRotationDays
        case "access-review": return freshness.accessReviewDays
        case "staging-retention": return freshness.stagingRetentionDays
        default: return nil
        }
    }

    /// `freshness: access-review` (a window from the policy) or `freshness: 45` (days).
    private func window(_ fields: FieldReader.Fields, context: RuleContext, reader: FieldReader) -> (Int, String)? {
        guard let node = fields.node["freshness"] else {
            reader.report(.error, .badWindow, "'reviewed_at' needs a 'freshness' window: \(Self.windows.joined(separator: ", ")) or a number of days", at: fields.location)
            return nil
        }
        if let window = Self.window(of: node, freshness: context.freshness) {
            // A file cannot keep itself current for ten years: its own window is capped by the policy's.
            let longest = context.freshness.documentMaxDays
            guard case .number = node.value, window.days > longest else { return window }
            reader.report(
                .warning, .windowTooLong,
                "'freshness: \(window.days)' is longer than a document may keep itself current (\(longest) days, policy.freshness.document_max_days); it is judged against \(longest) days",
                at: node.location)
            return (longest, "\(longest)-day")
        }
        let suggestion = node.string.flatMap { Spelling.suggestion(for: $0, among: Self.windows) }
        reader.report(
            .error, .badWindow, "'freshness' must be \(Self.windows.joined(separator: ", ")) or a number of days\(suggestion?.hint ?? "")",
            at: node.location, suggestion: suggestion)
        return nil
    }
}
