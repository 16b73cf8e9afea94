import DossierModel
import Foundation

/// A recorded decision to approve (or reject) a piece of content or a release.
package struct ApprovalRecord: Sendable, Hashable {
    package enum Decision: String, Sendable, Hashable, CaseIterable {
        case approved
        case approvedWithConditions = "approved-with-conditions"
        case rejected
    }

    package typealias Person = PersonName

    /// What was approved: a file (in the evidence folder, or `root:path` in a source root) bound
    /// to the SHA-256 of its content at approval time, or a release label.
    package enum Subject: Sendable, Hashable {
        case file(path: String, sha256: String, location: SourceLocation)
        case release(String)
    }

    package var id: String
    package var subject: Subject
    package var approver: Person
    package var requester: Person
    package var decision: Decision
    package var decidedAt: Date
    package var changeTicket: String?
    package var riskNote: String?
    package var conditions: [String]
}
