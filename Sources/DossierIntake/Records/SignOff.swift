import DossierModel
import Foundation

/// Who prepared a workpaper (a checklist, a record, or the pack as a whole), who reviewed it, and
/// whether it is final: `prepared_by`, `reviewed_by` and `state` in its front matter or fields, or
/// `sign_off:` in `dossier.yml`. It says who stands behind the work; it never changes a verdict.
package struct SignOff: Sendable, Hashable {
    package enum State: String, Sendable, Hashable, CaseIterable {
        case draft, final
    }

    /// `{name, role, date}`: somebody who signed, in what capacity, and when.
    package struct Signature: Sendable, Hashable {
        package var person: PersonName
        package var date: Date
        /// Whether the date was written with a time of day: two such dates compare by the instant,
        /// any other pair by the calendar day.
        package var hasTime: Bool
        /// Where the name and the date are written, for the diagnostics that concern each.
        package var nameLocation: SourceLocation
        package var dateLocation: SourceLocation

        package init(person: PersonName, date: Date, hasTime: Bool = false, nameLocation: SourceLocation, dateLocation: SourceLocation) {
            self.person = person
            self.date = date
            self.hasTime = hasTime
            self.nameLocation = nameLocation
            self.dateLocation = dateLocation
        }

        /// `2026-10-05`, or `2026-10-05T14:30:00Z` when a time was written.
        package var written: String {
            hasTime ? BuildDate(date: date, source: .clock).isoTimestamp : ISODate.day(date)
        }
    }

    /// The file it is written in (an evidence path, or the configuration's name).
    package var file: String
    package var preparedBy: Signature?
    package var reviewedBy: Signature?
    /// `state` as written; nil when it is not, or is neither `draft` nor `final` (reported).
    package var writtenState: State?
    /// Where `state` is written; nil when it is not.
    package var stateLocation: SourceLocation?
    /// Whether `prepared_by` and `reviewed_by` are written, even when they could not be read: an
    /// unreadable reviewer is reported as such, never as a missing one.
    package var preparerWritten: Bool
    package var reviewerWritten: Bool
    /// Where the sign-off is written: the front matter, the record, or `sign_off` in `dossier.yml`.
    package var location: SourceLocation
    /// What pages and reports show in place of each name and role when the file holding them is
    /// withheld for a secret; the checks still read the names as written.
    package var withheldAs: String?

    package init(
        file: String, preparedBy: Signature? = nil, reviewedBy: Signature? = nil, state: State? = nil, stateLocation: SourceLocation? = nil,
        preparerWritten: Bool? = nil, reviewerWritten: Bool? = nil, location: SourceLocation = SourceLocation(line: 1, column: 1)
    ) {
        self.file = file
        self.preparedBy = preparedBy
        self.reviewedBy = reviewedBy
        self.writtenState = state
        self.stateLocation = stateLocation
        self.preparerWritten = preparerWritten ?? (preparedBy != nil)
        self.reviewerWritten = reviewerWritten ?? (reviewedBy != nil)
        self.location = location
    }

    /// `draft` unless `state: final` is written: finality is a claim somebody makes on purpose, so a
    /// reviewer's name alone never makes a workpaper final, and nor does a state that cannot be read.
    package var state: State { writtenState ?? .draft }

    /// Whether `state` is written but could not be read: the reader reported it, so nothing that
    /// depends on the state is reported again.
    package var stateUnreadable: Bool { stateLocation != nil && writtenState == nil }
}
