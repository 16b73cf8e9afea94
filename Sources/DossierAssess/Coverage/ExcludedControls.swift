import DossierIntake
import DossierModel

/// A control decided not applicable while answered items that map to it say it is in practice: the
/// Statement of Applicability and the checklists disagree, and the decision hid a contradicted item
/// from the control's gaps. One warning per control, at its decision.
package enum ExcludedControls {
    package static func diagnostics(for verdicts: [ControlVerdict], content: ComplianceContent) -> [Diagnostic] {
        verdicts.compactMap { verdict -> Diagnostic? in
            guard verdict.status == .notApplicable, let decided = verdict.decision, decided.decision.applicable == false, !verdict.items.isEmpty
            else { return nil }
            let framework = content.catalog(verdict.framework)?.name ?? verdict.framework
            return Diagnostic(
                .warning, .applicabilityAnsweredInPlace,
                "\(framework) \(verdict.control) is decided not applicable, but \(verdict.items.joined(separator: ", ")) \(verdict.items.count == 1 ? "is" : "are") answered as done, so its practice is in place: decide it applicable, or correct the answers if the practice is not in place",
                file: decided.file, at: decided.decision.location)
        }
    }
}
