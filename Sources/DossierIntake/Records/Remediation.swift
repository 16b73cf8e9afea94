import DossierModel
import Foundation

/// Work under way to clear findings: what is being fixed, by whom, by when, and where the work is
/// tracked. Unlike a waiver it accepts nothing: the findings it names keep their severity, and every
/// verdict stays as the evidence makes it, so a plan can never stand in for the fix.
package struct Remediation: Sendable, Hashable {
    package enum Status: String, Sendable, Hashable, CaseIterable {
        case open
        case inProgress = "in-progress"
        case done

        package var label: String {
            switch self {
            case .open: "Open"
            case .inProgress: "In progress"
            case .done: "Done"
            }
        }
    }

    /// What a remediation sets out to clear: one finding where it fires, or the gap of a control.
    package enum Target: Sendable, Hashable, CustomStringConvertible {
        /// A finding by its ID and evidence file; with a line, only the finding on that line.
        case finding(rule: String, file: String, line: Int?)
        case control(framework: String, control: String)

        /// `dossier.agreement.expired at agreements/helpdesk-dpa.yml`, `ISO/IEC 27001:2022 Annex A 5.20`.
        package var description: String {
            switch self {
            case .finding(let rule, let file, let line): "\(rule) at \(file)\(line.map { ":\($0)" } ?? "")"
            case .control(let framework, let control): "\(FrameworkName.of(framework)) \(control)"
            }
        }
    }

    /// One entry of `findings`, with where it is written so that a problem with it points there.
    package struct Reference: Sendable, Hashable {
        package var target: Target
        package var location: SourceLocation

        package init(target: Target, location: SourceLocation) {
            self.target = target
            self.location = location
        }
    }

    package var id: String
    package var title: String
    package var findings: [Reference]
    package var owner: PersonName
    package var due: Date
    package var status: Status
    /// The ticket tracking the work: a URL is shown as a link only when it is http or https.
    package var ticket: String
    package var notes: String?
    package var openedAt: Date?
    /// Where `due` and `status` are written: an overdue plan is reported at its due date, and a plan
    /// marked done whose finding still fires at its status.
    package var dueLocation: SourceLocation
    package var statusLocation: SourceLocation
}

extension EvidenceRecord {
    /// The record as a remediation, for `documents(\.remediation)`.
    package var remediation: Remediation? { if case .remediation(let remediation) = self { remediation } else { nil } }
}
