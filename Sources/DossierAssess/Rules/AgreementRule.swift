import DossierIntake
import DossierModel

/// Third-party recipients of personal data need a current agreement, and an LLM provider's
/// agreement must say the data is not used for training.
package struct AgreementRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [
        DiagnosticID.agreementMissing, DiagnosticID.agreementUnknown, DiagnosticID.agreementExpired, DiagnosticID.agreementNoTrainingOptOut,
        DiagnosticID.agreementFuture, DiagnosticID.agreementNotForProcessing,
    ]

    /// A recipient without a current agreement bears on supplier agreements, not on what the record states.
    package static let controls: [String: [String: [String]]] = [
        DiagnosticID.agreementMissing.rawValue: ["iso27001-2022": ["5.20"], "soc2": ["CC9.2"]],
        DiagnosticID.agreementUnknown.rawValue: ["iso27001-2022": ["5.20"], "soc2": ["CC9.2"]],
        DiagnosticID.agreementExpired.rawValue: ["iso27001-2022": ["5.20"], "soc2": ["CC9.2"]],
        DiagnosticID.agreementNotForProcessing.rawValue: ["iso27001-2022": ["5.20"], "soc2": ["CC9.2"]],
    ]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        let agreements = context.documents { if case .agreement(let a) = $0 { a } else { nil } }
        let byID = Dictionary(agreements.map { ($0.0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (agreement, document) in agreements {
            if context.isAfterBuildDay(agreement.signedAt) {
                let summary = "\(agreement.id) with \(agreement.counterparty) is dated \(ISODate.day(agreement.signedAt)), after the build date \(ISODate.day(context.buildDate)): an agreement not yet signed binds nobody; correct signed_at"
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(.error, DiagnosticID.agreementFuture, summary, file: document.path, at: document.tree?["signed_at"]?.location),
                    standing: .unsound(summary)))
            }
            if let expiry = agreement.expiresAt, context.hasExpired(expiry) {
                let summary = "\(agreement.id) with \(agreement.counterparty) expired on \(ISODate.day(expiry)); file the renewed agreement"
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(.error, DiagnosticID.agreementExpired, summary, file: document.path, at: document.tree?["expires_at"]?.location),
                    standing: .stale(summary)))
            }
            if agreement.providerKind == .llm && agreement.trainingOptOut != true {
                let said = agreement.trainingOptOut == nil ? "does not say whether your data may be used for training" : "allows your data to be used for training"
                let summary = "\(agreement.id) with LLM provider \(agreement.counterparty) \(said); it needs an explicit opt-out (training_opt_out: true)"
                // At the opt-out where one is written, else at what makes it an LLM provider's agreement.
                let place = (document.tree?["training_opt_out"] ?? document.tree?["provider_kind"])?.location
                findings.append(RuleFinding(
                    diagnostic: Diagnostic(.error, DiagnosticID.agreementNoTrainingOptOut, summary, file: document.path, at: place),
                    standing: .unsound(summary)))
            }
        }
        for (activity, document) in context.documents(\.processingActivity) {
            for recipient in activity.recipients where recipient.thirdParty {
                guard let id = recipient.agreement else {
                    findings.append(RuleFinding(diagnostic: Diagnostic(
                        .error, DiagnosticID.agreementMissing,
                        "Third-party recipient '\(recipient.name)' of \(activity.id) has no agreement; file it (kind: agreement) and name its ID in 'agreement'",
                        file: document.path, at: recipient.location), standing: nil))
                    continue
                }
                // A recipient whose agreement has lapsed is not covered, whichever agreements an answer
                // links: said on the record too, where "every recipient is covered" is judged.
                if let (cited, file) = byID[id], let expiry = cited.expiresAt, context.hasExpired(expiry) {
                    findings.append(RuleFinding(diagnostic: Diagnostic(
                        .error, DiagnosticID.agreementExpired,
                        "Third-party recipient '\(recipient.name)' of \(activity.id) is covered by \(id), which expired on \(ISODate.day(expiry)) (\(file.path)); file the renewed agreement",
                        file: document.path, at: recipient.location), standing: nil))
                }
                // A non-disclosure agreement binds the parties to secrecy, not to Art. 28's terms for
                // processing personal data on instructions: it covers no recipient.
                if let (cited, file) = byID[id], cited.type == .nda {
                    findings.append(RuleFinding(diagnostic: Diagnostic(
                        .error, DiagnosticID.agreementNotForProcessing,
                        "Third-party recipient '\(recipient.name)' of \(activity.id) is covered by \(id) (\(file.path)), a non-disclosure agreement, which sets no terms for processing personal data; file the data processing agreement (type: dpa) and name its ID in 'agreement'",
                        file: document.path, at: recipient.location), standing: nil))
                }
                if byID[id] == nil {
                    let suggestion = Spelling.suggestion(for: id, among: Array(byID.keys))
                    let hint = suggestion?.hint ?? ""
                    findings.append(RuleFinding(diagnostic: Diagnostic(
                        .error, DiagnosticID.agreementUnknown, "Recipient '\(recipient.name)' cites agreement '\(id)', which is not in the evidence folder\(hint)",
                        file: document.path, at: recipient.location, suggestion: suggestion), standing: nil))
                }
            }
        }
        return findings
    }
}
