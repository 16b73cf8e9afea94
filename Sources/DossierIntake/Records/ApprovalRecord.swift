import DossierModel
import Foundation

/// A recorded decision to approve (or reject) a piece of content or a release.
public struct ApprovalRecord: Sendable, Hashable {
    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case approved
        case approvedWithConditions = "approved-with-conditions"
        case rejected
    }

    public typealias Person = PersonName

    /// What was approved: a file (in the evidence folder, or `root:path` in a source root) bound
    /// to the SHA-256 of its content at approval time, or a release label.
    public enum Subject: Sendable, Hashable {
        case file(path: String, sha256: String, location: SourceLocation)
        case release(String)
    }

    public var id: String
    public var subject: Subject
    public var approver: Person
    public var requester: Person
    public var decision: Decision
    public var decidedAt: Date
    public var changeTicket: String?
    public var riskNote: String?
    public var conditions: [String]
}
