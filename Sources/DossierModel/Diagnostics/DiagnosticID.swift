/// A diagnostic's stable identifier: users look findings up, waive them and configure CI by it, so
/// an identifier is never renamed. Every one Dossier reports is declared here, in one place (the
/// constants below, the field-reading family `field(_:_:)` and the secret detectors' `secret(_:)`);
/// `RulesDocumentationTests` keeps docs/rules.md listing each.
public struct DiagnosticID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    private init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `dossier.<area>.<problem>` from a structured file's reader: the area is the kind of file being
    /// read (`config`, `approval`, a record kind), the problem one of the shared ones.
    public static func field(_ area: String, _ problem: FieldProblem) -> DiagnosticID {
        DiagnosticID("dossier.\(area).\(problem.rawValue)")
    }

    /// `dossier.secret.<detector>`: one identifier per secret detector (docs/security.md lists them).
    public static func secret(_ detector: String) -> DiagnosticID {
        DiagnosticID("dossier.secret." + detector)
    }

    /// What a reader of a structured file found wrong with a field.
    public enum FieldProblem: String, Sendable, CaseIterable {
        case badDate = "bad-date"
        case badExpectation = "bad-expectation"
        case badHash = "bad-hash"
        case badPeriod = "bad-period"
        case badValue = "bad-value"
        case badWindow = "bad-window"
        case danglingFlow = "dangling-flow"
        case duplicateID = "duplicate-id"
        case duplicateKey = "duplicate-key"
        case duplicateRow = "duplicate-row"
        case itemWithoutID = "item-without-id"
        case missingField = "missing-field"
        case missingReason = "missing-reason"
        case missingSourceRoot = "missing-source-root"
        case naWithoutJustification = "na-without-justification"
        case obsoleteKey = "obsolete-key"
        case unknownControl = "unknown-control"
        case unknownElement = "unknown-element"
        case unknownFramework = "unknown-framework"
        case unknownKey = "unknown-key"
        case unknownShape = "unknown-shape"
        case unknownSystem = "unknown-system"
        case unnamedElement = "unnamed-element"
        case unreadableCell = "unreadable-cell"
        case wrongFormat = "wrong-format"
        case wrongType = "wrong-type"
    }
}

extension DiagnosticID {
    // dossier.access.*
    public static let accessNoExpiry = DiagnosticID("dossier.access.no-expiry")
    public static let accessNoScopes = DiagnosticID("dossier.access.no-scopes")
    public static let accessPersonalAccount = DiagnosticID("dossier.access.personal-account")
    public static let accessReusedAccount = DiagnosticID("dossier.access.reused-account")
    public static let accessSharedAccount = DiagnosticID("dossier.access.shared-account")

    // dossier.agreement.*
    public static let agreementExpired = DiagnosticID("dossier.agreement.expired")
    public static let agreementFuture = DiagnosticID("dossier.agreement.future")
    public static let agreementMissing = DiagnosticID("dossier.agreement.missing")
    public static let agreementNoTrainingOptOut = DiagnosticID("dossier.agreement.no-training-opt-out")
    public static let agreementUnknown = DiagnosticID("dossier.agreement.unknown")

    // dossier.applicability.*
    public static let applicabilityUnknownControl = DiagnosticID("dossier.applicability.unknown-control")

    // dossier.approval.*
    public static let approvalFuture = DiagnosticID("dossier.approval.future")
    public static let approvalHashMismatch = DiagnosticID("dossier.approval.hash-mismatch")
    public static let approvalOutsidePeriod = DiagnosticID("dossier.approval.outside-period")
    public static let approvalRejected = DiagnosticID("dossier.approval.rejected")
    public static let approvalRoleNotAllowed = DiagnosticID("dossier.approval.role-not-allowed")
    public static let approvalSelfApproved = DiagnosticID("dossier.approval.self-approved")
    public static let approvalSubjectMissing = DiagnosticID("dossier.approval.subject-missing")

    // dossier.checklist.*
    public static let checklistNoDefinition = DiagnosticID("dossier.checklist.no-definition")
    public static let checklistUnknownActivity = DiagnosticID("dossier.checklist.unknown-activity")
    public static let checklistUnknownDefinition = DiagnosticID("dossier.checklist.unknown-definition")
    public static let checklistUnknownItem = DiagnosticID("dossier.checklist.unknown-item")

    // dossier.config.*
    public static let configAmbiguous = DiagnosticID("dossier.config.ambiguous")
    public static let configMalformed = DiagnosticID("dossier.config.malformed")
    public static let configMissing = DiagnosticID("dossier.config.missing")

    // dossier.dataflow.*
    public static let dataflowLlmNoOptOut = DiagnosticID("dossier.dataflow.llm-no-opt-out")
    public static let dataflowMissingFromGraph = DiagnosticID("dossier.dataflow.missing-from-graph")
    public static let dataflowNoActivity = DiagnosticID("dossier.dataflow.no-activity")
    public static let dataflowOpenThreats = DiagnosticID("dossier.dataflow.open-threats")
    public static let dataflowTransferUndocumented = DiagnosticID("dossier.dataflow.transfer-undocumented")
    public static let dataflowUnencryptedStore = DiagnosticID("dossier.dataflow.unencrypted-store")
    public static let dataflowUnknownFacts = DiagnosticID("dossier.dataflow.unknown-facts")
    public static let dataflowUnrecordedRecipient = DiagnosticID("dossier.dataflow.unrecorded-recipient")
    public static let dataflowUnreviewed = DiagnosticID("dossier.dataflow.unreviewed")
    public static let dataflowWeakTls = DiagnosticID("dossier.dataflow.weak-tls")

    // dossier.discover.*
    public static let discoverBrokenLink = DiagnosticID("dossier.discover.broken-link")
    public static let discoverLinkOutside = DiagnosticID("dossier.discover.link-outside")
    public static let discoverLinkedFolder = DiagnosticID("dossier.discover.linked-folder")
    public static let discoverNotAFile = DiagnosticID("dossier.discover.not-a-file")
    public static let discoverUnreadable = DiagnosticID("dossier.discover.unreadable")

    // dossier.evidence.*
    public static let evidenceEmpty = DiagnosticID("dossier.evidence.empty")
    public static let evidencePlaceholder = DiagnosticID("dossier.evidence.placeholder")
    public static let evidenceUnknownKind = DiagnosticID("dossier.evidence.unknown-kind")

    // dossier.freshness.*
    public static let freshnessBadWindow = DiagnosticID("dossier.freshness.bad-window")
    public static let freshnessFuture = DiagnosticID("dossier.freshness.future")
    public static let freshnessRotationFuture = DiagnosticID("dossier.freshness.rotation-future")
    public static let freshnessSecretRotation = DiagnosticID("dossier.freshness.secret-rotation")
    public static let freshnessStale = DiagnosticID("dossier.freshness.stale")

    // dossier.frontmatter.*
    public static let frontmatterMalformed = DiagnosticID("dossier.frontmatter.malformed")
    public static let frontmatterNotAMapping = DiagnosticID("dossier.frontmatter.not-a-mapping")
    public static let frontmatterUnclosed = DiagnosticID("dossier.frontmatter.unclosed")

    // dossier.input.*
    public static let inputCompressed = DiagnosticID("dossier.input.compressed")
    public static let inputInvalidUtf8 = DiagnosticID("dossier.input.invalid-utf8")
    public static let inputNulByte = DiagnosticID("dossier.input.nul-byte")
    public static let inputUnreadable = DiagnosticID("dossier.input.unreadable")

    // dossier.item.*
    public static let itemContradicted = DiagnosticID("dossier.item.contradicted")
    public static let itemOpen = DiagnosticID("dossier.item.open")
    public static let itemUnanswered = DiagnosticID("dossier.item.unanswered")
    public static let itemUnproven = DiagnosticID("dossier.item.unproven")

    // dossier.json.*
    public static let jsonMalformed = DiagnosticID("dossier.json.malformed")

    // dossier.limits.*
    public static let limitsFileTooLarge = DiagnosticID("dossier.limits.file-too-large")
    public static let limitsLineTooLong = DiagnosticID("dossier.limits.line-too-long")
    public static let limitsTooManyFiles = DiagnosticID("dossier.limits.too-many-files")

    // dossier.link.*
    public static let linkAbsolutePath = DiagnosticID("dossier.link.absolute-path")
    public static let linkMissingTarget = DiagnosticID("dossier.link.missing-target")
    public static let linkOutsideEvidence = DiagnosticID("dossier.link.outside-evidence")
    public static let linkRemoteImage = DiagnosticID("dossier.link.remote-image")
    public static let linkUnsafeScheme = DiagnosticID("dossier.link.unsafe-scheme")

    // dossier.log.*
    public static let logAuthBurst = DiagnosticID("dossier.log.auth-burst")
    public static let logEmpty = DiagnosticID("dossier.log.empty")
    public static let logFutureEvents = DiagnosticID("dossier.log.future-events")
    public static let logIncompleteEvents = DiagnosticID("dossier.log.incomplete-events")
    public static let logMalformedRecord = DiagnosticID("dossier.log.malformed-record")
    public static let logMoreMalformed = DiagnosticID("dossier.log.more-malformed")
    public static let logNothingMapped = DiagnosticID("dossier.log.nothing-mapped")
    public static let logOutsidePeriod = DiagnosticID("dossier.log.outside-period")
    public static let logPartialPeriod = DiagnosticID("dossier.log.partial-period")
    public static let logRawPrompt = DiagnosticID("dossier.log.raw-prompt")
    public static let logRetentionUnproven = DiagnosticID("dossier.log.retention-unproven")
    public static let logUnrecognised = DiagnosticID("dossier.log.unrecognised")

    // dossier.processing-activity.*
    public static let processingActivityDataFlowClaimed = DiagnosticID("dossier.processing-activity.data-flow-claimed")
    public static let processingActivityUnknownDataFlow = DiagnosticID("dossier.processing-activity.unknown-data-flow")

    // dossier.redaction.*
    public static let redactionNoKey = DiagnosticID("dossier.redaction.no-key")

    // dossier.render.*
    public static let renderPageClash = DiagnosticID("dossier.render.page-clash")

    // dossier.ropa.*
    public static let ropaMissingPoint = DiagnosticID("dossier.ropa.missing-point")
    public static let ropaTransferMissing = DiagnosticID("dossier.ropa.transfer-missing")
    public static let ropaTransferNoSafeguard = DiagnosticID("dossier.ropa.transfer-no-safeguard")

    // dossier.secret.*
    public static let secretAcknowledged = DiagnosticID("dossier.secret.acknowledged")
    public static let secretPublished = DiagnosticID("dossier.secret.published")

    // dossier.waiver.*
    public static let waiverExpired = DiagnosticID("dossier.waiver.expired")
    public static let waiverNotYetGranted = DiagnosticID("dossier.waiver.not-yet-granted")
    public static let waiverSelfApproved = DiagnosticID("dossier.waiver.self-approved")
    public static let waiverUnknownControl = DiagnosticID("dossier.waiver.unknown-control")

    // dossier.yaml.*
    public static let yamlMalformed = DiagnosticID("dossier.yaml.malformed")
}
