import DossierModel
import Foundation

/// A checklist answered as a GFM task list: one item per answer, each with a stable ID.
package struct ChecklistAnswers: Sendable, Hashable {
    package enum State: Sendable, Hashable {
        case done
        case open
        /// `N/A — why`: the justification is required.
        case notApplicable(justification: String)
    }

    package struct Answer: Sendable, Hashable {
        package var id: String
        package var state: State
        /// The item's words after its ID.
        package var text: String
        package var location: SourceLocation
        /// Relative link destinations inside the item: the evidence offered for it.
        package var evidence: [String]
        /// Where the same ID is answered again in the file: which answer holds cannot be told.
        package var answeredAgain: [SourceLocation] = []
    }

    /// Which checklist this answers (front matter `checklist:`), e.g. `pre-launch`.
    package var checklist: String?
    /// The processing activity or integration it concerns (front matter `integration:`).
    package var integration: String?
    package var answers: [Answer]
    /// Who answered (front matter `owner:`) and when (`answered_at:`), shown on the checklist's page.
    package var owner: String? = nil
    package var answeredAt: Date? = nil
    /// Where `integration:` is written, for a diagnostic when it names no activity.
    package var integrationLocation: SourceLocation? = nil
}
