import DossierModel
import Foundation

/// `dossier.yml` at the top of the evidence folder: who the pack is for, what it covers, and the
/// policy Dossier judges the evidence by.
public struct PackConfiguration: Sendable, Hashable {
    public static let fileNames = ["dossier.yml", "dossier.yaml", "dossier.json"]
    public static let knownFrameworks = ["gdpr", "soc2", "iso27001-2022"]

    public struct AuditPeriod: Sendable, Hashable {
        public var start: Date
        public var end: Date
    }

    /// A folder outside the evidence that approvals may cite by hash (e.g. the application's
    /// prompts). Its files are read and hashed, never published.
    public struct SourceRoot: Sendable, Hashable {
        public var name: String
        public var path: String
        public var url: URL
    }

    public struct Freshness: Sendable, Hashable {
        public init() {}

        public var secretRotationDays = 90
        public var accessReviewDays = 92
        public var stagingRetentionDays = 30
        public var logRetentionMonths = 12
    }

    public enum Redaction: String, Sendable, Hashable, CaseIterable {
        case redact, hash, keep
    }

    public var organisation: String
    public var scope: String?
    public var frameworks: [String]
    public var auditPeriod: AuditPeriod?
    public var release: String?
    public var failingSeverity: DiagnosticSeverity = .error
    public var freshness = Freshness()
    /// Roles allowed to approve (matched case-insensitively as part of the approver's role); empty: any role.
    public var approverRoles: [String] = []
    /// Values that are not secrets, and acknowledged look-alikes (`secrets:`).
    public var secrets = SecretPolicy()
    public var redaction: Redaction = .redact
    /// Where the key for `redaction: hash` comes from: `env:VARIABLE` or a file outside the evidence.
    public var redactionKey: String?
    public var sourceRoots: [SourceRoot] = []
    /// Input limits, already applied before discovery (`PackConfigurationReader.readLimits`).
    public var limits = InputLimits()

    public init(organisation: String, frameworks: [String] = knownFrameworks) {
        self.organisation = organisation
        self.frameworks = frameworks
    }
}
