import DossierIntake
import DossierModel

/// A Statement of Applicability must decide every control. For each framework whose catalog asks for
/// that (ISO/IEC 27001), one warning lists the controls no decision covers — so nothing is left out
/// silently — and one note lists the applicable controls whose implementation is not stated.
package enum UndecidedControls {
    package static func diagnostics(for verdicts: [ControlVerdict], frameworks: [String], content: ComplianceContent) -> [Diagnostic] {
        frameworks.compactMap(content.catalog).filter(\.requiresDecisions).flatMap { catalog -> [Diagnostic] in
            let own = verdicts.filter { $0.framework == catalog.framework }
            // Reported on the decisions file when there is one: that is where the missing lines go.
            let file = own.lazy.compactMap { $0.decision?.file }.first
            var found: [Diagnostic] = []
            let undecided = own.filter { $0.decision?.decision.applicable == nil }.map(\.control)
            if !undecided.isEmpty {
                found.append(Diagnostic(
                    .warning, .applicabilityUndecided,
                    "\(undecided.count) of \(own.count) controls of \(catalog.name) have no applicability decision: \(undecided.joined(separator: ", ")). "
                        + (file == nil
                            ? "Decide each (applicable: true or false, with a justification) in a kind: applicability file; `dossier init` scaffolds one"
                            : "Decide each in this file (applicable: true or false, with a justification)"),
                    file: file))
            }
            let unstated = own.filter { $0.decision?.decision.applicable == true && $0.decision?.decision.implementation == nil }.map(\.control)
            if !unstated.isEmpty {
                found.append(Diagnostic(
                    .note, .applicabilityNoImplementation,
                    (unstated.count == 1 ? "1 applicable control of \(catalog.name) does not state its implementation: " : "\(unstated.count) applicable controls of \(catalog.name) do not state their implementation: ")
                        + "\(unstated.joined(separator: ", ")). "
                        + "Add implementation: in-place, in-progress, planned or none to each decision",
                    file: file))
            }
            return found
        }
    }
}
