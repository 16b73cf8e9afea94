import DossierIntake
import DossierModel

/// A control decided not applicable while answered items that map to it say it is in practice: the
/// Statement of Applicability and the checklists disagree, and the decision hid a contradicted item
/// from the control's gaps. One warning per control, at its decision.
package enum ExcludedControls {
    /// The answers that say an item's practice is in place, whatever its evidence shows.
    static let answeredDone: Set<ItemStatus> = [.proven, .claimed, .contradicted, .stale]

    package static func diagnostics(
        for verdicts: [ControlVerdict], decisions: [(decision: ApplicabilityDecisions.Decision, file: String)], content: ComplianceContent
    ) -> [Diagnostic] {
        verdicts.compactMap { verdict -> Diagnostic? in
            guard verdict.status == .notApplicable, verdict.decision?.decision.applicable == false, !verdict.items.isEmpty,
                  let decided = decisions.first(where: { $0.decision.framework == verdict.framework && $0.decision.control == verdict.control })
            else { return nil }
            let framework = content.catalog(verdict.framework)?.name ?? verdict.framework
            return Diagnostic(
                .warning, .applicabilityAnsweredInPlace,
                "\(framework) \(verdict.control) is decided not applicable, but \(verdict.items.joined(separator: ", ")) \(verdict.items.count == 1 ? "is" : "are") answered as done, so its practice is in place: decide it applicable, or correct the answers if the practice is not in place",
                file: decided.file, at: decided.decision.location)
        }
    }
}
