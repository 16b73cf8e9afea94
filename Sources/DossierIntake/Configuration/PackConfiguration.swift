import DossierModel
import Foundation

/// `dossier.yml` at the top of the evidence folder: who the pack is for, what it covers, and the
/// policy Dossier judges the evidence by.
package struct PackConfiguration: Sendable, Hashable {
    package static let fileNames = ["dossier.yml", "dossier.yaml", "dossier.json"]
    package static let knownFrameworks = ["gdpr", "soc2", "iso27001-2022"]

    package struct AuditPeriod: Sendable, Hashable {
        package var start: Date
        package var end: Date
    }

    /// A folder outside the evidence that approvals may cite by hash (e.g. the application's
    /// prompts). Its files are read and hashed, never published.
    package struct SourceRoot: Sendable, Hashable {
        package var name: String
        package var path: String
        /// The folder, links resolved when it was declared: files are opened beneath this one.
        package var url: URL

        package init(name: String, path: String, url: URL) {
            self.name = name
            self.path = path
            self.url = url
        }
    }

    package struct Freshness: Sendable, Hashable {
        package init() {}

        package var secretRotationDays = 90
        package var accessReviewDays = 92
        package var stagingRetentionDays = 30
        package var logRetentionMonths = 12
        /// The longest window a document may give itself (`freshness: 3650` in its front matter):
        /// evidence is untrusted, and the organisation's policy, not each file, says how long a review holds.
        package var documentMaxDays = 366
    }

    package enum Redaction: String, Sendable, Hashable, CaseIterable {
        case redact, hash, keep
    }

    package var organisation: String
    package var scope: String?
    package var frameworks: [String]
    package var auditPeriod: AuditPeriod?
    package var release: String?
    package var failingSeverity: DiagnosticSeverity = .error
    package var freshness = Freshness()
    /// Roles allowed to approve (matched case-insensitively as part of the approver's role); empty: any role.
    package var approverRoles: [String] = []
    /// Values that are not secrets, and acknowledged look-alikes (`secrets:`).
    package var secrets = SecretPolicy()
    package var redaction: Redaction = .redact
    /// Where the key for `redaction: hash` comes from: `env:VARIABLE` or a file outside the evidence.
    package var redactionKey: String?
    package var sourceRoots: [SourceRoot] = []
    /// Input limits, already applied before discovery (`PackConfigurationReader.readLimits`).
    package var limits = InputLimits()
    /// Who prepared and who reviewed the pack as a whole (`sign_off:`); nil when nobody is named.
    package var signOff: SignOff?
    /// The zone a date-time written without one is read in (`timezone:`, an IANA name); UTC by default.
    package var timeZone: TimeZone = ISODate.utc

    package init(organisation: String, frameworks: [String] = knownFrameworks) {
        self.organisation = organisation
        self.frameworks = frameworks
    }
}
