import DossierIntake
import DossierModel

/// A sign-off as a page shows it: the state, and who prepared and reviewed the work, in what role and
/// when. The evidence page of a workpaper shows its own; the overview shows the pack's.
package struct SignOffView: Sendable, Encodable, Hashable {
    package var heading: String
    /// `Draft` or `Final`, written out: the colour is never the only signal.
    package var state: String
    package var stateClass: String
    /// Why the state is what it is, when it was not written.
    package var stateNote: String?
    package var preparedBy: String
    package var reviewedBy: String

    package init(_ signOff: SignOff, heading: String) {
        self.heading = heading
        state = signOff.state == .final ? "Final" : "Draft"
        stateClass = signOff.state.rawValue
        stateNote = signOff.stateUnreadable ? "its state could not be read (see the findings)"
            : signOff.stateLocation == nil ? "no 'state: final' is written" : nil
        preparedBy = Self.describe(signOff.preparedBy, withheldAs: signOff.withheldAs, written: signOff.preparerWritten)
        reviewedBy = Self.describe(signOff.reviewedBy, withheldAs: signOff.withheldAs, written: signOff.reviewerWritten)
    }

    /// `Hannah Okafor (Support Systems Engineering Lead), 2026-10-05`.
    static func describe(_ signature: SignOff.Signature?, withheldAs placeholder: String?, written: Bool) -> String {
        guard let signature else { return written ? "could not be read (see the findings)" : "nobody named" }
        return "\(placeholder ?? signature.person.description), \(signature.written)"
    }
}
