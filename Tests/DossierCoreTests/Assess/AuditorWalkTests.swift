@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Verdicts an auditor's walk of the sample evidence could not sign, each from one edit of it: a
/// non-disclosure agreement covering a recipient, an approval overruled by a later rejection or dated
/// before what it approves, words for nothing standing as answers, an item answered twice, answers
/// dated after the build.
@Suite struct AuditorWalkTests {
    func assess(_ edit: (inout [String: String]) throws -> Void) throws -> Assessment {
        var files = try AssessmentFixture.sampleEvidence()
        try edit(&files)
        return try AssessmentFixture.check(files)
    }

    func item(_ id: String, _ result: Assessment) throws -> ItemAssessment {
        try #require(result.compliance.items.first { $0.item.id == id })
    }

    func found(_ id: DiagnosticID, _ result: Assessment) -> [Diagnostic] {
        result.diagnostics.filter { $0.identifier == id.rawValue }
    }

    static func replacing(_ old: String, with new: String, in file: String, _ files: inout [String: String]) throws {
        let text = try #require(files[file])
        #expect(text.contains(old), "\(file) holds '\(old)'")
        files[file] = text.replacingOccurrences(of: old, with: new)
    }

    static func replacingLine(startingWith start: String, with line: String, in file: String, _ files: inout [String: String]) throws {
        let lines = try #require(files[file]).components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix(start) }, "\(file) has a line starting '\(start)'")
        files[file] = lines.map { $0.hasPrefix(start) ? line : $0 }.joined(separator: "\n")
    }

    @Test func theSampleHasNoneOfTheseFindings() throws {
        let result = try assess { _ in }
        for id in [DiagnosticID.agreementNotForProcessing, .approvalOverruled, .approvalBeforeSubject, .checklistFutureAnswers] {
            #expect(found(id, result).isEmpty, "\(id.rawValue)")
        }
    }

    /// An NDA about commercial terms named as the CRM's agreement passed as "every third party is covered".
    @Test func aNonDisclosureAgreementCoversNoRecipient() throws {
        let result = try assess { files in
            files["agreements/crm-nda.yml"] = """
                kind: agreement
                id: NDA-CRM-2026
                type: nda
                counterparty: Example CRM GmbH
                scope: Mutual confidentiality for the renewal negotiations
                data_categories: [Commercial terms]
                transfer_mechanism: none
                signed_at: 2026-11-04
                """
            try Self.replacing("agreement: DPA-CRM-2025}", with: "agreement: NDA-CRM-2026}", in: "activities/ticket-summariser.yml", &files)
        }
        let finding = try #require(found(.agreementNotForProcessing, result).first)
        #expect(finding.severity == .error && finding.file == "activities/ticket-summariser.yml")
        #expect(finding.summary.contains("'CRM platform' of ticket-summariser is covered by NDA-CRM-2026 (agreements/crm-nda.yml), a non-disclosure agreement"))
        #expect(finding.weighsOn["iso27001-2022"] == ["5.20"])
        // Nor does an NDA meet an item's agreement expectation, linked as it may be.
        let linked = try assess { files in
            files["agreements/crm-nda.yml"] = "kind: agreement\nid: NDA-CRM-2026\ntype: nda\ncounterparty: Example CRM GmbH\nscope: Confidentiality\ndata_categories: [Commercial terms]\ntransfer_mechanism: none\nsigned_at: 2026-11-04\n"
            try Self.replacingLine(startingWith: "- [ ] FLW-6 ", with: "- [x] FLW-6 Every third party is covered: [CRM](../agreements/crm-nda.yml)", in: "checklists/pre-launch.md", &files)
        }
        let flw6 = try item("FLW-6", linked)
        let outcomes = flw6.outcomes.map(\.text).joined(separator: "; ")
        #expect(flw6.status != .proven && outcomes.contains("agreements/crm-nda.yml is a non-disclosure agreement (NDA-CRM-2026)"), "\(outcomes)")
    }

    private static let rejection = """
        {"kind": "approval", "id": "AR-2026-Q3-REJECTED",
         "subject": {"path": "records/access-review-2026-q3.md", "sha256": "ab00ac8fc8120678c5aebdae1557f319c1f63a0fa66983312f9af80962d7142e"},
         "requester": {"name": "Hannah Okafor", "role": "Support Systems Engineering Lead"},
         "approver": {"name": "Fiona Marsh", "role": "Data Protection Officer"},
         "decision": "rejected", "decided_at": "DATE"}
        """

    /// A rejection of the very same version after the approval left ACC-6 proven on the approval.
    @Test func aLaterRejectionOfTheSameVersionOverrulesTheApproval() throws {
        let later = try assess { $0["approvals/access-review-rejected.json"] = Self.rejection.replacingOccurrences(of: "DATE", with: "2026-10-15") }
        let finding = try #require(found(.approvalOverruled, later).first)
        #expect(finding.file == "approvals/access-review-2026-q3.json" && finding.severity == .error)
        #expect(finding.summary.contains("but AR-2026-Q3-REJECTED (approvals/access-review-rejected.json) rejected the same version on 2026-10-15"))
        #expect(try item("ACC-6", later).status != .proven)
        // Rejected first and approved after: the approval is the decision that stands.
        let earlier = try assess { $0["approvals/access-review-rejected.json"] = Self.rejection.replacingOccurrences(of: "DATE", with: "2026-09-20") }
        #expect(found(.approvalOverruled, earlier).isEmpty)
        #expect(try item("ACC-6", earlier).status == .proven)
    }

    /// The access review says it was reviewed on 2026-09-17: an approval of those bytes dated before that approves what was not yet written.
    @Test func anApprovalDatedBeforeWhatItApprovesIsUnsound() throws {
        let result = try assess { files in
            try Self.replacing("\"decided_at\": \"2026-09-30\"", with: "\"decided_at\": \"2026-09-10\"", in: "approvals/access-review-2026-q3.json", &files)
        }
        let finding = try #require(found(.approvalBeforeSubject, result).first)
        #expect(finding.summary.hasPrefix("AR-2026-Q3-TICKETSUM is dated 2026-09-10, but the version of 'records/access-review-2026-q3.md' it approves says it was reviewed on 2026-09-17"), "\(finding.summary)")
        #expect(try item("ACC-6", result).status != .proven)
        // The same day as the review it approves: in order.
        let sameDay = try assess { files in
            try Self.replacing("\"decided_at\": \"2026-09-30\"", with: "\"decided_at\": \"2026-09-17T09:00:00Z\"", in: "approvals/access-review-2026-q3.json", &files)
        }
        #expect(found(.approvalBeforeSubject, sameDay).isEmpty)
    }

    /// `N/A: none`, `N/A - not applicable`, a decision justified "n/a", purposes "n/a" and a safeguard referenced as "none" passed as content.
    @Test func wordsForNothingStateNothing() throws {
        let result = try assess { files in
            let answers = "checklists/pre-launch.md"
            try Self.replacingLine(startingWith: "- [x] ACC-1 ", with: "- [ ] ACC-1 N/A - not applicable", in: answers, &files)
            try Self.replacingLine(startingWith: "- [x] ACC-2 ", with: "- [ ] ACC-2 N/A: none.", in: answers, &files)
            try Self.replacing("control: \"7.14\", applicable: undecided}", with: "control: \"7.14\", applicable: false, justification: \"n/a\"}",
                               in: "applicability/iso27001-soa-decisions.yml", &files)
            try Self.replacing("control: \"5.7\", applicable: true, justification: \"Prompt injection", with: "control: \"5.7\", applicable: false, justification: \"<why it does not apply>\", note: \"Prompt injection",
                               in: "applicability/iso27001-soa-decisions.yml", &files)
            let record = "activities/ticket-summariser.yml"
            try Self.replacing("  - Shorten handling time by giving agents a summary of each ticket\n  - Keep a consistent history of customer issues in the CRM\n",
                               with: "  - n/a\n", in: record, &files)
            try Self.replacing("reference: \"agreements/llm-provider-dpa.yml\"", with: "reference: \"none\"", in: record, &files)
        }
        #expect(try item("ACC-1", result).status == .open)
        #expect(try item("ACC-2", result).status == .open)
        #expect(result.diagnostics.contains { $0.identifier == DiagnosticID.applicabilityNoJustification.rawValue && $0.summary.contains("7.14") })
        #expect(result.diagnostics.contains { $0.identifier == DiagnosticID.applicabilityNoJustification.rawValue && $0.summary.contains("5.7") }, "a placeholder justifies nothing either")
        let purposes = try #require(result.compliance.verdicts.first { $0.framework == "gdpr" && $0.control == "30(1)(b)" })
        #expect(purposes.status != .satisfied)
        #expect(result.diagnostics.contains { $0.identifier == DiagnosticID.ropaTransferNoSafeguard.rawValue && $0.summary.contains("LLM provider support access") })
    }

    /// A second, open answer to ACC-1 below the ticked one left it proven.
    @Test func anItemAnsweredTwiceIsNotProven() throws {
        let result = try assess { files in
            try Self.replacing("- [x] ACC-2 ", with: "- [ ] ACC-1 **Open:** the pilot's personal helpdesk token is still used by the nightly backfill.\n- [x] ACC-2 ",
                               in: "checklists/pre-launch.md", &files)
        }
        let acc1 = try item("ACC-1", result)
        #expect(acc1.status == .claimed)
        #expect(acc1.reason.hasPrefix("answered again on line 28 of checklists/pre-launch.md"), "\(acc1.reason)")
        #expect(try item("ACC-2", result).status == .proven)
    }

    /// Answers dated a year after the build settled every item they ticked.
    @Test func answersDatedAfterTheBuildSettleNothing() throws {
        let result = try assess { files in
            try Self.replacing("answered_at: 2026-11-02", with: "answered_at: 2027-06-01", in: "checklists/pre-launch.md", &files)
        }
        let finding = try #require(found(.checklistFutureAnswers, result).first)
        #expect(finding.file == "checklists/pre-launch.md" && finding.location?.line == 7)
        #expect(result.compliance.items.filter { $0.answersFile == "checklists/pre-launch.md" }.allSatisfy { ![.proven, .stale, .notApplicable].contains($0.status) })
    }

    /// A staging check giving itself `freshness: 90` made DAT-1 and DAT-5 (held to the 30-day
    /// staging-retention window) proven again, and GDPR 30(1)(f) satisfied, on a check 31 days old.
    @Test func aDocumentCannotLoosenTheWindowAnItemHoldsItTo() throws {
        let pristine = try assess { _ in }
        let loosened = try assess { files in
            try Self.replacing("freshness: staging-retention", with: "freshness: 90", in: "records/staging-purge-check.md", &files)
        }
        for id in ["DAT-1", "DAT-5"] {
            #expect(try item(id, pristine).status == .stale)
            let judged = try item(id, loosened)
            #expect(judged.status == .stale, "\(id): \(judged.reason)")
            #expect(judged.reason.contains("older than the 30-day staging-retention window this item holds it to"), "\(judged.reason)")
        }
    }

    /// Expiry dates were checked for presence only: past ones, ones before the rotation and
    /// `9999-12-31` all left ACC-5 proven.
    @Test func anExpiryThatHasPassedComesBeforeRotationOrNeverComesIsNoExpiry() throws {
        func findings(_ expiry: String) throws -> [Diagnostic] {
            let result = try assess { files in
                try Self.replacing("rotated_at: 2026-10-27, expires_at: 2027-04-25", with: "rotated_at: 2026-10-27, expires_at: \(expiry)",
                                   in: "activities/ticket-summariser.yml", &files)
            }
            return result.diagnostics.filter { $0.file == "activities/ticket-summariser.yml" && $0.summary.contains("svc-summariser-helpdesk") }
        }
        #expect(try findings("2027-04-25").isEmpty)
        let passed = try #require(try findings("2026-11-01").first)
        #expect(passed.identifier == DiagnosticID.accessCredentialExpired.rawValue && passed.summary.contains("expired on 2026-11-01, before the build date 2026-11-23"))
        let early = try #require(try findings("2026-10-20").first)
        #expect(early.identifier == DiagnosticID.accessCredentialExpired.rawValue && early.summary.contains("before it was last rotated (2026-10-27)"))
        #expect(try findings("2031-10-27").isEmpty, "five years to the day, leap day and all, is an expiry")
        let never = try #require(try findings("9999-12-31").first)
        #expect(never.identifier == DiagnosticID.accessNoExpiry.rawValue && never.summary.contains("more than 5 years after it was rotated"))
    }

    /// Four failed token exchanges proved "renewal works" (ACC-5).
    @Test func aRenewalLogInWhichEveryExchangeFailedShowsNoneWorking() throws {
        let result = try assess { files in
            files[LogIdentityTests.log] = try #require(files[LogIdentityTests.log]).replacingOccurrences(of: "\"result\": \"success\"", with: "\"result\": \"failure\"")
        }
        let acc5 = try item("ACC-5", result)
        #expect(acc5.status == .claimed)
        #expect(acc5.reason.contains("every authentication event in logs/2026-10-13-go-live.jsonl failed: none shows it working"), "\(acc5.reason)")
        #expect(try item("ACC-5", try assess { _ in }).status == .proven)
    }

    /// A pack reviewed on 2026-10-02 and marked final covered answers given on 2026-11-02 without a word.
    @Test func aPackReviewedBeforeItsWorkpapersDoesNotCoverThem() throws {
        let result = try assess { files in
            try Self.replacing("  state: draft", with: "  reviewed_by: {name: Fiona Marsh, role: Data Protection Officer, date: 2026-10-02}\n  state: final",
                               in: "dossier.yml", &files)
        }
        let finding = try #require(result.diagnostics.first { $0.identifier == DiagnosticID.signoffReviewBeforeAnswers.rawValue && $0.file == "dossier.yml" })
        #expect(finding.summary.hasPrefix("The pack is reviewed on 2026-10-02, before "), "\(finding.summary)")
        #expect(finding.summary.contains("dated 2026-11-"), "\(finding.summary)")
    }
    /// ACC-6 stood proven on a dated access review no one approved, beside an approval of an undated
    /// draft: each expectation was met by a different file. The approval must be of the review.
    @Test func anApprovalMustBeOfTheFileThatShowsTheItem() throws {
        #expect(try item("ACC-6", try assess { _ in }).status == .proven)
        let result = try assess { files in
            let draft = "# Access review — draft notes\n\nGrants listed for discussion.\n"
            files["records/access-review-draft.md"] = draft
            files["approvals/access-review-draft.json"] = """
                {"kind": "approval", "id": "AR-DRAFT", "subject": {"path": "records/access-review-draft.md", "sha256": "\(ContentHash.sha256(Data(draft.utf8)))"},
                 "requester": {"name": "Hannah Okafor", "role": "Support Systems Engineering Lead"},
                 "approver": {"name": "Aisha Mensah", "role": "Platform Security Engineer"}, "decision": "approved", "decided_at": "2026-09-30"}
                """
            try Self.replacing(
                "and its [approval](../approvals/access-review-2026-q3.json)",
                with: "with the [draft](../records/access-review-draft.md) and its [approval](../approvals/access-review-draft.json)",
                in: "checklists/pre-launch.md", &files)
        }
        let judged = try item("ACC-6", result)
        #expect(judged.status != .proven, "\(judged.reason)")
        #expect(judged.reason.contains("AR-DRAFT approves records/access-review-draft.md, not the document that shows the rest of this item (records/access-review-2026-q3.md)"), "\(judged.reason)")
    }
    /// An approver or a waiver's approver written `TBD`, `?` or `<approver name>` signed ACC-6, FLW-1
    /// and ACC-5 as if someone had decided.
    @Test func aPlaceholderForThePersonWhoDecidedNamesNoOne() throws {
        let result = try assess { files in
            try Self.replacing(#""approver": { "name": "Aisha Mensah", "role": "Platform Security Engineer (independent reviewer)" }"#,
                               with: #""approver": { "name": "TBD", "role": "TBD" }"#, in: "approvals/access-review-2026-q3.json", &files)
            try Self.replacing(#""name": "Aisha Mensah""#, with: #""name": "<approver name>""#, in: "approvals/dfd-review-2026-09-22.json", &files)
            try Self.replacing("approver: {name: Fiona Marsh,", with: "approver: {name: \"?\",", in: "waivers/crm-token-expiry.yml", &files)
        }
        for id in ["ACC-6", "FLW-1", "ACC-5"] {
            let judged = try item(id, result)
            #expect(judged.status != .proven, "\(id): \(judged.reason)")
        }
        let missing = result.diagnostics.filter { $0.identifier.hasSuffix(".missing-field") && $0.summary.contains("which names no one") }
        #expect(Set(missing.compactMap(\.file)) == ["approvals/access-review-2026-q3.json", "approvals/dfd-review-2026-09-22.json", "waivers/crm-token-expiry.yml"])
        #expect(missing.allSatisfy { $0.location != nil }, "each at its field")
    }

    /// The graph's author approving it as `T. Wilk` kept FLW-1 proven.
    @Test func anInitialDoesNotMakeTheAuthorASecondPerson() throws {
        let result = try assess { files in
            try Self.replacing(#""name": "Aisha Mensah""#, with: #""name": "T. Wilk""#, in: "approvals/dfd-review-2026-09-22.json", &files)
        }
        #expect(try item("FLW-1", result).status != .proven)
    }

    /// `./records/…` and `records\…` name the same file as `records/…`: the approval still binds it.
    @Test func anApprovedPathWrittenAnotherWayNamesTheSameFile() throws {
        for written in ["./records/access-review-2026-q3.md", #"records\\access-review-2026-q3.md"#] {
            let result = try assess { files in
                try Self.replacing(#""path": "records/access-review-2026-q3.md""#, with: "\"path\": \"\(written)\"", in: "approvals/access-review-2026-q3.json", &files)
            }
            let judged = try item("ACC-6", result)
            #expect(judged.status == .proven, "\(written): \(judged.reason)")
            #expect(found(.approvalSubjectMissing, result).isEmpty)
        }
    }
    /// `secret_rotation_days: 180` in dossier.yml made SEC-4 ("no more than 90 days") proven on a key
    /// 115 days old, and DAT-1 and DAT-5 proven on a 31-day-old purge check, with no finding.
    @Test func aPolicyCannotWidenAWindowTheChecklistStates() throws {
        let result = try assess { files in
            try Self.replacing("secret_rotation_days: 90", with: "secret_rotation_days: 180", in: "dossier.yml", &files)
            try Self.replacing("staging_retention_days: 30", with: "staging_retention_days: 90", in: "dossier.yml", &files)
            try Self.replacing("access_review_days: 92", with: "access_review_days: 60", in: "dossier.yml", &files)
        }
        let pristine = try assess { _ in }
        for id in ["SEC-4", "DAT-1", "DAT-5"] {
            let (judged, before) = (try item(id, result), try item(id, pristine))
            #expect(before.status != .proven && judged.status == before.status, "\(id): \(judged.reason)")
        }
        let widened = found(.freshnessWindowTooLong, result)
        #expect(widened.count == 2 && widened.allSatisfy { $0.file == "dossier.yml" && $0.location != nil }, "\(widened.map(\.summary))")
        #expect(widened.first?.summary.contains("evidence is judged against 90 days") == true)
    }
    /// 5.3 decided not applicable dropped ACC-3 (ticked, contradicted) from the control's page and
    /// its gaps, with no finding.
    @Test func aControlDecidedOutWhileItsItemsAreAnsweredIsNamedWithThem() throws {
        let result = try assess { files in
            try Self.replacing(#"control: "5.3", applicable: true, justification: "Builders cannot promote"#,
                               with: #"control: "5.3", applicable: false, justification: "Builders cannot promote"#,
                               in: "applicability/iso27001-soa-decisions.yml", &files)
        }
        let verdict = try #require(result.compliance.verdict("iso27001-2022", "5.3"))
        #expect(verdict.status == .notApplicable)
        #expect(verdict.items.contains("pre-launch ACC-3"), "\(verdict.items)")
        #expect(verdict.chain.last?.text.contains("but answered as done: ") == true)
        let conflict = found(.applicabilityAnsweredInPlace, result)
        #expect(conflict.count == 1 && conflict.first?.file == "applicability/iso27001-soa-decisions.yml" && conflict.first?.location?.line == 9,
                "\(conflict.map(\.summary))")
        #expect(found(.applicabilityAnsweredInPlace, try assess { _ in }).isEmpty)
    }
    /// A flow carrying names and addresses marked `personal_data: false` escaped the recipient and
    /// transfer checks: FLW-1 stayed proven.
    @Test func aFlowCarryingRecordedPersonalDataCannotSayItCarriesNone() throws {
        let result = try assess { files in
            try Self.replacing("    data_categories: [Ticket ID, Event type, HMAC signature]\n    personal_data: false",
                               with: "    data_categories: [Ticket ID, Event type, e-mail  address]\n    personal_data: false",
                               in: "data-flows/ticket-summariser.yml", &files)
        }
        let unmarked = found(.dataflowPersonalDataUnmarked, result)
        #expect(unmarked.count == 1 && unmarked.first?.location?.line == 62, "\(unmarked.map(\.summary))")
        #expect(unmarked.first?.summary.contains("carries e-mail  address, which record ticket-summariser lists as personal data") == true)
        #expect(try item("FLW-1", result).status != .proven)
        #expect(found(.dataflowPersonalDataUnmarked, try assess { _ in }).isEmpty)
    }
    /// A waiver until 2099 accepted ACC-5's gap with no finding; waiver findings had no line.
    @Test func aWaiverRunningPastAYearAcceptsNothing() throws {
        let result = try assess { files in
            try Self.replacing("expires_at: 2027-03-05", with: "expires_at: 2099-12-31", in: "waivers/crm-token-expiry.yml", &files)
        }
        let long = found(.waiverTooLong, result)
        #expect(long.count == 1 && long.first?.location?.line == 9, "at expires_at: \(long.map(\.summary))")
        #expect(try item("ACC-5", result).status != .proven)
        #expect(found(.waiverTooLong, try assess { _ in }).isEmpty)
    }
    /// `scopes: [admin, full access to all objects]` proved ACC-4, "no rights across the whole workspace".
    @Test func aWorkspaceWideScopeContradictsACC4() throws {
        let result = try assess { files in
            try Self.replacing(#"scopes: ["contacts:read on the Contact object", "notes:create on the Contact object"]"#,
                               with: #"scopes: ["admin", "full access to all objects"]"#, in: "activities/ticket-summariser.yml", &files)
        }
        let broad = found(.accessBroadScope, result)
        #expect(broad.count == 1 && broad.first?.summary.contains("holds 'admin'") == true, "\(broad.map(\.summary))")
        #expect(try item("ACC-4", result).status == .contradicted)
        #expect(found(.accessBroadScope, try assess { _ in }).isEmpty, "the sample's scopes are narrow")
    }

    @Test(arguments: ["*", "repo:*", "admin", "Administrator", "full access to all objects", "Full control", "org-wide read", "workspace wide",
                      "read all records", "roles/owner", "superuser", "unrestricted"])
    func aGrantAcrossTheWorkspaceIsBroad(_ scope: String) {
        #expect(BroadScope.grantsEverything(scope))
    }

    @Test(arguments: ["tickets:read on groups Billing and Technical Support", "inference on the approved model in project ticket-summariser-prod",
                      "contacts:read on the Contact object", "admin.reports.audit.readonly", "channels:history on #support-escalations",
                      "read on table public.tickets", "all-hands channel:read"])
    func aNamedResourceIsNotBroad(_ scope: String) {
        #expect(!BroadScope.grantsEverything(scope))
    }
    /// The record's deputy, who acts for its owner, approved it as ACC-3's independent engineer.
    @Test func theDeputyOwnerIsNoSecondPersonForTheRecord() throws {
        let result = try assess { files in
            let record = try #require(files["activities/ticket-summariser.yml"])
            let approval = "approvals/ropa-credentials-2026-09-17.json"
            try Self.replacing("50bf94f9e2caf4971f75d34bb931963dc39f4a743527de468a69af45615e3186", with: ContentHash.sha256(Data(record.utf8)), in: approval, &files)
            try Self.replacing(#""decided_at": "2026-09-17""#, with: #""decided_at": "2026-11-02""#, in: approval, &files)
            try Self.replacing(#""requester": { "name": "Tomasz Wilk", "role": "Senior Integration Engineer (builder)" }"#,
                               with: #""requester": { "name": "Hannah Okafor", "role": "Support Systems Engineering Lead" }"#, in: approval, &files)
            try Self.replacing(#""approver": { "name": "Aisha Mensah", "role": "Platform Security Engineer" }"#,
                               with: #""approver": { "name": "Tomasz Wilk", "role": "Senior Integration Engineer" }"#, in: approval, &files)
            try Self.replacing("([approval ROPA-CRED-2026-09-17](../approvals/ropa-credentials-2026-09-17.json))",
                               with: "([approval ROPA-CRED-2026-09-17](../approvals/ropa-credentials-2026-09-17.json) of the [record](../activities/ticket-summariser.yml))",
                               in: "checklists/pre-launch.md", &files)
        }
        let judged = try item("ACC-3", result)
        #expect(judged.status != .proven)
        #expect(judged.reason.contains("is given by Tomasz Wilk, the deputy owner of activities/ticket-summariser.yml"), "\(judged.reason)")
    }
    /// A second answers file of the pre-launch checklist leaving ACC-1 open, beside the first ticking
    /// it, raised nothing; ACC-1 stood proven in one and open in the other.
    @Test func twoAnswersFilesDisagreeingSettleNothing() throws {
        let result = try assess { files in
            let answers = try #require(files["checklists/pre-launch.md"])
            files["checklists/pre-launch-copy.md"] = answers.replacingOccurrences(of: "- [x] ACC-1 ", with: "- [ ] ACC-1 ")
        }
        let elsewhere = found(.checklistAnsweredElsewhere, result)
        #expect(elsewhere.count == 1 && elsewhere.first?.summary.contains("answers 1 item differently (ACC-1)") == true, "\(elsewhere.map(\.summary))")
        let acc1 = result.compliance.items.filter { $0.item.id == "ACC-1" }
        #expect(acc1.count == 2 && acc1.allSatisfy { !$0.settled }, "\(acc1.map(\.reason))")
        #expect(try item("ACC-2", result).status == .proven, "items answered alike stand")
    }
}
