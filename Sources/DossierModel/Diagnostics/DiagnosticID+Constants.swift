/// Every identifier Dossier declares as a constant, for what must tell one of Dossier's own IDs from a
/// typo: a remediation naming `dossier.agrement.expired` plans the fix of a finding that can never fire.
/// The two families (`field(_:_:)`, `secret(_:)`) are not listed: they are recognised by their shape.
/// `DiagnosticCatalogueTests` fails when a constant of DiagnosticID.swift is missing here.
extension DiagnosticID {
    package static let constants: [DiagnosticID] = [
        .accessNoExpiry, .accessCredentialExpired, .accessNoScopes, .accessBroadScope, .accessPersonalAccount, .accessReusedAccount, .accessSharedAccount, .accessUndeclaredSignIn,
        .agreementExpired, .agreementFuture, .agreementMissing, .agreementNoTrainingOptOut, .agreementUnknown, .agreementNotForProcessing,
        .applicabilityUnknownControl, .applicabilityNoJustification, .freshnessWindowTooLong, .applicabilityUndecided, .applicabilityNoImplementation, .applicabilityAnsweredInPlace,
        .approvalFuture, .approvalHashMismatch, .approvalOutsidePeriod, .approvalRejected, .approvalRoleNotAllowed,
        .approvalSelfApproved, .approvalSubjectMissing, .approvalOverruled, .approvalBeforeSubject,
        .checklistNoDefinition, .checklistFutureAnswers, .checklistAnsweredElsewhere, .checklistUnknownActivity, .checklistUnknownDefinition, .checklistUnknownItem,
        .configAmbiguous, .configMalformed, .configMissing, .configUnknownTimezone,
        .dataflowLlmNoOptOut, .dataflowMissingFromGraph, .dataflowNoActivity, .dataflowOpenThreats, .dataflowTransferUndocumented,
        .dataflowUnencryptedStore, .dataflowTooLargeToDraw, .dataflowUnknownFacts, .dataflowUnrecordedRecipient,
        .dataflowUnreviewed, .dataflowWeakTls, .dataflowPersonalDataUnmarked,
        .discoverBrokenLink, .discoverInvalidName, .discoverPathTooLong, .discoverLinkOutside, .discoverLinkedFolder, .discoverMultiplyLinked,
        .discoverNotAFile, .discoverScratchFile, .discoverUnreadable,
        .evidenceEmpty, .evidencePlaceholder, .evidenceUnknownKind,
        .freshnessBadWindow, .freshnessFuture, .freshnessRotationFuture, .freshnessSecretRotation, .freshnessStale,
        .frontmatterMalformed, .frontmatterNotAMapping, .frontmatterUnclosed,
        .inputCompressed, .inputInvalidUtf8, .inputNulByte, .inputUnreadable,
        .itemContradicted, .itemOpen, .itemUnanswered, .itemUnproven,
        .jsonMalformed,
        .limitsFileTooLarge, .limitsLineTooLong, .limitsMarkdownNesting, .limitsTableTooLarge, .limitsTooManyFiles,
        .linkAbsolutePath, .linkMissingTarget, .linkOutsideEvidence, .linkRemoteImage, .linkUnsafeScheme,
        .logAuthBurst, .logEmpty, .logFutureEvents, .logIncompleteEvents, .logMalformedRecord, .logMoreMalformed,
        .logNothingMapped, .logOutsidePeriod, .logPartialPeriod, .logRawPrompt, .logRetentionUnproven, .logUnrecognised,
        .processingActivityDataFlowClaimed, .processingActivityUnknownDataFlow,
        .redactionKeyOutside, .redactionNoKey,
        .renderPageClash,
        .remediationNotFixed, .remediationOverdue, .remediationStale, .remediationUnknownControl, .remediationUnknownFile,
        .remediationUnknownRule,
        .ropaMissingPoint, .ropaTransferMissing, .ropaTransferNoSafeguard,
        .secretAcknowledged, .secretPublished,
        .signoffDraftInFinalPack, .signoffFuture, .signoffNoPreparer, .signoffNoReviewer, .signoffReviewBeforeAnswers,
        .signoffReviewBeforePreparation, .signoffSelfReview,
        .templateUnknownKey,
        .waiverExpired, .waiverNoJustification, .waiverNotYetGranted, .waiverSelfApproved, .waiverTooLong, .waiverUnknownControl,
        .yamlMalformed,
    ]
}
