/// A diagnostic's stable identifier: users look findings up, waive them and configure CI by it, so
/// an identifier is never renamed. Every one Dossier reports is declared here, in one place (the
/// constants below, the field-reading family `field(_:_:)` and the secret detectors' `secret(_:)`);
/// `RulesDocumentationTests` keeps docs/rules.md listing each.
package struct DiagnosticID: Hashable, Sendable, Comparable, CustomStringConvertible {
    package let rawValue: String

    private init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    package var description: String { rawValue }

    package static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `dossier.<area>.<problem>` from a structured file's reader: the area is the kind of file being
    /// read (`config`, `approval`, a record kind), the problem one of the shared ones.
    package static func field(_ area: String, _ problem: FieldProblem) -> DiagnosticID {
        DiagnosticID("dossier.\(area).\(problem.rawValue)")
    }

    /// `dossier.secret.<detector>`: one identifier per secret detector (docs/security.md lists them).
    package static func secret(_ detector: String) -> DiagnosticID {
        DiagnosticID("dossier.secret." + detector)
    }

    /// What a reader of a structured file found wrong with a field.
    package enum FieldProblem: String, Sendable, CaseIterable {
        case badDate = "bad-date"
        case badExpectation = "bad-expectation"
        case badHash = "bad-hash"
        case badPeriod = "bad-period"
        case badValue = "bad-value"
        case badWindow = "bad-window"
        case windowTooLong = "window-too-long"
        case danglingFlow = "dangling-flow"
        case duplicateID = "duplicate-id"
        case duplicateKey = "duplicate-key"
        case duplicateRow = "duplicate-row"
        case itemWithoutID = "item-without-id"
        case missingField = "missing-field"
        case missingReason = "missing-reason"
        case missingSourceRoot = "missing-source-root"
        case sourceRootOutside = "source-root-outside"
        case naWithoutJustification = "na-without-justification"
        case naNotDone = "na-not-done"
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
    package static let accessNoExpiry = DiagnosticID("dossier.access.no-expiry")
    package static let accessCredentialExpired = DiagnosticID("dossier.access.credential-expired")
    package static let accessBroadScope = DiagnosticID("dossier.access.broad-scope")
    package static let accessNoScopes = DiagnosticID("dossier.access.no-scopes")
    package static let accessPersonalAccount = DiagnosticID("dossier.access.personal-account")
    package static let accessReusedAccount = DiagnosticID("dossier.access.reused-account")
    package static let accessUndeclaredSignIn = DiagnosticID("dossier.access.undeclared-sign-in")
    package static let accessSharedAccount = DiagnosticID("dossier.access.shared-account")

    // dossier.agreement.*
    package static let agreementExpired = DiagnosticID("dossier.agreement.expired")
    package static let agreementFuture = DiagnosticID("dossier.agreement.future")
    package static let agreementNotForProcessing = DiagnosticID("dossier.agreement.not-for-processing")
    package static let agreementMissing = DiagnosticID("dossier.agreement.missing")
    package static let agreementNoTrainingOptOut = DiagnosticID("dossier.agreement.no-training-opt-out")
    package static let agreementUnknown = DiagnosticID("dossier.agreement.unknown")

    // dossier.applicability.*
    package static let applicabilityUndecided = DiagnosticID("dossier.applicability.undecided")
    package static let applicabilityAnsweredInPlace = DiagnosticID("dossier.applicability.answered-in-place")
    package static let applicabilityNoImplementation = DiagnosticID("dossier.applicability.no-implementation")
    package static let applicabilityUnknownControl = DiagnosticID("dossier.applicability.unknown-control")
    package static let applicabilityNoJustification = DiagnosticID("dossier.applicability.no-justification")
    package static let freshnessWindowTooLong = DiagnosticID("dossier.freshness.window-too-long")

    // dossier.approval.*
    package static let approvalFuture = DiagnosticID("dossier.approval.future")
    package static let approvalOverruled = DiagnosticID("dossier.approval.overruled")
    package static let approvalBeforeSubject = DiagnosticID("dossier.approval.before-subject")
    package static let approvalHashMismatch = DiagnosticID("dossier.approval.hash-mismatch")
    package static let approvalOutsidePeriod = DiagnosticID("dossier.approval.outside-period")
    package static let approvalRejected = DiagnosticID("dossier.approval.rejected")
    package static let approvalRoleNotAllowed = DiagnosticID("dossier.approval.role-not-allowed")
    package static let approvalSelfApproved = DiagnosticID("dossier.approval.self-approved")
    package static let approvalSubjectMissing = DiagnosticID("dossier.approval.subject-missing")

    // dossier.checklist.*
    package static let checklistNoDefinition = DiagnosticID("dossier.checklist.no-definition")
    package static let checklistFutureAnswers = DiagnosticID("dossier.checklist.future-answers")
    package static let checklistAnsweredElsewhere = DiagnosticID("dossier.checklist.answered-elsewhere")
    package static let checklistUnknownActivity = DiagnosticID("dossier.checklist.unknown-activity")
    package static let checklistUnknownDefinition = DiagnosticID("dossier.checklist.unknown-definition")
    package static let checklistUnknownItem = DiagnosticID("dossier.checklist.unknown-item")

    // dossier.config.*
    package static let configAmbiguous = DiagnosticID("dossier.config.ambiguous")
    package static let configUnknownTimezone = DiagnosticID("dossier.config.unknown-timezone")
    package static let configMalformed = DiagnosticID("dossier.config.malformed")
    package static let configMissing = DiagnosticID("dossier.config.missing")

    // dossier.dataflow.*
    package static let dataflowLlmNoOptOut = DiagnosticID("dossier.dataflow.llm-no-opt-out")
    package static let dataflowMissingFromGraph = DiagnosticID("dossier.dataflow.missing-from-graph")
    package static let dataflowNoActivity = DiagnosticID("dossier.dataflow.no-activity")
    package static let dataflowOpenThreats = DiagnosticID("dossier.dataflow.open-threats")
    package static let dataflowTransferUndocumented = DiagnosticID("dossier.dataflow.transfer-undocumented")
    package static let dataflowUnencryptedStore = DiagnosticID("dossier.dataflow.unencrypted-store")
    package static let dataflowTooLargeToDraw = DiagnosticID("dossier.dataflow.too-large-to-draw")
    package static let dataflowUnknownFacts = DiagnosticID("dossier.dataflow.unknown-facts")
    package static let dataflowUnrecordedRecipient = DiagnosticID("dossier.dataflow.unrecorded-recipient")
    package static let dataflowUnreviewed = DiagnosticID("dossier.dataflow.unreviewed")
    package static let dataflowWeakTls = DiagnosticID("dossier.dataflow.weak-tls")
    package static let dataflowPersonalDataUnmarked = DiagnosticID("dossier.dataflow.personal-data-unmarked")

    // dossier.discover.*
    package static let discoverBrokenLink = DiagnosticID("dossier.discover.broken-link")
    package static let discoverInvalidName = DiagnosticID("dossier.discover.invalid-name")
    package static let discoverPathTooLong = DiagnosticID("dossier.discover.path-too-long")
    package static let discoverLinkOutside = DiagnosticID("dossier.discover.link-outside")
    package static let discoverLinkedFolder = DiagnosticID("dossier.discover.linked-folder")
    package static let discoverMultiplyLinked = DiagnosticID("dossier.discover.multiply-linked")
    package static let discoverNotAFile = DiagnosticID("dossier.discover.not-a-file")
    package static let discoverScratchFile = DiagnosticID("dossier.discover.scratch-file")
    package static let discoverUnreadable = DiagnosticID("dossier.discover.unreadable")

    // dossier.evidence.*
    package static let evidenceEmpty = DiagnosticID("dossier.evidence.empty")
    package static let evidencePlaceholder = DiagnosticID("dossier.evidence.placeholder")
    package static let evidenceUnknownKind = DiagnosticID("dossier.evidence.unknown-kind")

    // dossier.freshness.*
    package static let freshnessBadWindow = DiagnosticID("dossier.freshness.bad-window")
    package static let freshnessFuture = DiagnosticID("dossier.freshness.future")
    package static let freshnessRotationFuture = DiagnosticID("dossier.freshness.rotation-future")
    package static let freshnessSecretRotation = DiagnosticID("dossier.freshness.secret-rotation")
    package static let freshnessStale = DiagnosticID("dossier.freshness.stale")

    // dossier.frontmatter.*
    package static let frontmatterMalformed = DiagnosticID("dossier.frontmatter.malformed")
    package static let frontmatterNotAMapping = DiagnosticID("dossier.frontmatter.not-a-mapping")
    package static let frontmatterUnclosed = DiagnosticID("dossier.frontmatter.unclosed")

    // dossier.input.*
    package static let inputCompressed = DiagnosticID("dossier.input.compressed")
    package static let inputInvalidUtf8 = DiagnosticID("dossier.input.invalid-utf8")
    package static let inputNulByte = DiagnosticID("dossier.input.nul-byte")
    package static let inputUnreadable = DiagnosticID("dossier.input.unreadable")

    // dossier.item.*
    package static let itemContradicted = DiagnosticID("dossier.item.contradicted")
    package static let itemOpen = DiagnosticID("dossier.item.open")
    package static let itemUnanswered = DiagnosticID("dossier.item.unanswered")
    package static let itemUnproven = DiagnosticID("dossier.item.unproven")

    // dossier.json.*
    package static let jsonMalformed = DiagnosticID("dossier.json.malformed")

    // dossier.limits.*
    package static let limitsFileTooLarge = DiagnosticID("dossier.limits.file-too-large")
    package static let limitsLineTooLong = DiagnosticID("dossier.limits.line-too-long")
    package static let limitsMarkdownNesting = DiagnosticID("dossier.limits.markdown-nesting")
    package static let limitsTableTooLarge = DiagnosticID("dossier.limits.table-too-large")
    package static let limitsTooManyFiles = DiagnosticID("dossier.limits.too-many-files")

    // dossier.link.*
    package static let linkAbsolutePath = DiagnosticID("dossier.link.absolute-path")
    package static let linkMissingTarget = DiagnosticID("dossier.link.missing-target")
    package static let linkOutsideEvidence = DiagnosticID("dossier.link.outside-evidence")
    package static let linkRemoteImage = DiagnosticID("dossier.link.remote-image")
    package static let linkUnsafeScheme = DiagnosticID("dossier.link.unsafe-scheme")

    // dossier.log.*
    package static let logAuthBurst = DiagnosticID("dossier.log.auth-burst")
    package static let logEmpty = DiagnosticID("dossier.log.empty")
    package static let logFutureEvents = DiagnosticID("dossier.log.future-events")
    package static let logIncompleteEvents = DiagnosticID("dossier.log.incomplete-events")
    package static let logMalformedRecord = DiagnosticID("dossier.log.malformed-record")
    package static let logMoreMalformed = DiagnosticID("dossier.log.more-malformed")
    package static let logNothingMapped = DiagnosticID("dossier.log.nothing-mapped")
    package static let logOutsidePeriod = DiagnosticID("dossier.log.outside-period")
    package static let logPartialPeriod = DiagnosticID("dossier.log.partial-period")
    package static let logRawPrompt = DiagnosticID("dossier.log.raw-prompt")
    package static let logRetentionUnproven = DiagnosticID("dossier.log.retention-unproven")
    package static let logUnrecognised = DiagnosticID("dossier.log.unrecognised")

    // dossier.processing-activity.*
    package static let processingActivityDataFlowClaimed = DiagnosticID("dossier.processing-activity.data-flow-claimed")
    package static let processingActivityUnknownDataFlow = DiagnosticID("dossier.processing-activity.unknown-data-flow")

    // dossier.redaction.*
    package static let redactionKeyOutside = DiagnosticID("dossier.redaction.key-outside")
    package static let redactionNoKey = DiagnosticID("dossier.redaction.no-key")

    // dossier.render.*
    package static let renderPageClash = DiagnosticID("dossier.render.page-clash")

    // dossier.template.*
    package static let templateUnknownKey = DiagnosticID("dossier.template.unknown-key")

    // dossier.remediation.*: a remediation plan's references and progress (docs/rules.md, "Remediation")
    package static let remediationNotFixed = DiagnosticID("dossier.remediation.not-fixed")
    package static let remediationOverdue = DiagnosticID("dossier.remediation.overdue")
    package static let remediationStale = DiagnosticID("dossier.remediation.stale")
    package static let remediationUnknownControl = DiagnosticID("dossier.remediation.unknown-control")
    package static let remediationUnknownFile = DiagnosticID("dossier.remediation.unknown-file")
    package static let remediationUnknownRule = DiagnosticID("dossier.remediation.unknown-rule")

    // dossier.ropa.*
    package static let ropaMissingPoint = DiagnosticID("dossier.ropa.missing-point")
    package static let ropaTransferMissing = DiagnosticID("dossier.ropa.transfer-missing")
    package static let ropaTransferNoSafeguard = DiagnosticID("dossier.ropa.transfer-no-safeguard")

    // dossier.secret.*
    package static let secretAcknowledged = DiagnosticID("dossier.secret.acknowledged")
    package static let secretPublished = DiagnosticID("dossier.secret.published")

    // dossier.signoff.*: who prepared and who reviewed a workpaper or the pack. None of them weighs on
    // a verdict (`isSignOff`): sign-off says who stands behind the work, not what the evidence proves.
    package static let signoffDraftInFinalPack = DiagnosticID("dossier.signoff.draft-in-final-pack")
    package static let signoffFuture = DiagnosticID("dossier.signoff.future")
    package static let signoffNoPreparer = DiagnosticID("dossier.signoff.no-preparer")
    package static let signoffNoReviewer = DiagnosticID("dossier.signoff.no-reviewer")
    package static let signoffReviewBeforePreparation = DiagnosticID("dossier.signoff.review-before-preparation")
    package static let signoffReviewBeforeAnswers = DiagnosticID("dossier.signoff.review-before-answers")
    package static let signoffSelfReview = DiagnosticID("dossier.signoff.self-review")
    /// The area of the sign-off's own field problems (`dossier.signoff.bad-date` …).
    package static let signOffArea = "signoff"

    package static func isSignOff(_ identifier: String) -> Bool { identifier.hasPrefix("dossier.\(signOffArea).") }

    // dossier.waiver.*
    package static let waiverExpired = DiagnosticID("dossier.waiver.expired")
    package static let waiverNoJustification = DiagnosticID("dossier.waiver.no-justification")
    package static let waiverNotYetGranted = DiagnosticID("dossier.waiver.not-yet-granted")
    package static let waiverSelfApproved = DiagnosticID("dossier.waiver.self-approved")
    package static let waiverTooLong = DiagnosticID("dossier.waiver.too-long")
    package static let waiverUnknownControl = DiagnosticID("dossier.waiver.unknown-control")

    // dossier.yaml.*
    package static let yamlMalformed = DiagnosticID("dossier.yaml.malformed")
}
