import DossierModel

/// GDPR Art. 30(1)(e) in each record of processing, recipient by recipient (`TransferCheck`): a third
/// party outside the EEA needs a transfer entry of its own, and every transfer a safeguard that holds
/// on the build date. A missing transfer fails 30(1)(e): the record is the evidence for that point.
package struct TransferRule: AssessmentRule {
    package static let identifiers: [DiagnosticID] = [DiagnosticID.ropaTransferMissing, DiagnosticID.ropaTransferNoSafeguard]

    /// The controls each finding weighs on (see `RuleContext.controlsAffected`), beyond the 30(1)(e) a
    /// missing transfer fails outright.
    package static let controls: [String: [String: [String]]] = [
        DiagnosticID.ropaTransferMissing.rawValue: ["iso27001-2022": ["5.14", "5.34"]],
        DiagnosticID.ropaTransferNoSafeguard.rawValue: ["gdpr": ["30(1)(e)"], "iso27001-2022": ["5.14", "5.34"]],
    ]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        context.documents(\.processingActivity).flatMap { activity, document in
            let missing = TransferCheck.untransferred(in: activity).map { recipient, country in
                let others = activity.transfers.filter { Jurisdiction($0.country) == .thirdCountry(country) }.map { "'\($0.destination)'" }
                let covered = others.isEmpty ? "" : " (the transfer to \(others.joined(separator: ", ")) covers that recipient only)"
                return RuleFinding(diagnostic: Diagnostic(
                    .error, DiagnosticID.ropaTransferMissing,
                    "Third-party recipient '\(recipient.name)' of record \(activity.id) is in \(country), outside the EEA, but no transfer names it\(covered); add {destination: \(recipient.name), country: \(country), safeguard: …} to 'transfers' with adequacy, scc, bcr or derogation",
                    file: document.path, at: recipient.location), standing: nil, fails: ["gdpr": ["30(1)(e)"]], property: .transfersDocumented)
            }
            let unsafe = activity.transfers.compactMap { transfer in
                TransferCheck.safeguardProblem(transfer, of: activity, on: context.buildDate).map {
                    RuleFinding(diagnostic: Diagnostic(.error, DiagnosticID.ropaTransferNoSafeguard, $0, file: document.path, at: transfer.location),
                                standing: nil, property: .transfersDocumented)
                }
            }
            return missing + unsafe
        }
    }
}
