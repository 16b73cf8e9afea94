@testable import DossierAssess
@testable import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// What a compliance lead reads after a typical mistake: each message says what is wrong where it
/// is, and no message gives advice the mistake makes wrong.
@Suite struct MistakeMessageTests {
    private let answers = AssessmentFixture.preLaunchAnswers("""
        - [x] ACC-2 Scopes are written down ([record](../activities/act.yml))
        - [ ] LOG-10 Answered already, so not the one meant
        - [x] LOG-30 A typo for LOG-3
        """)

    private func message(_ id: String, in assessment: Assessment, about file: String? = nil) -> String? {
        assessment.diagnostics.first { $0.identifier == id && (file == nil || $0.file == file) }?.summary
    }

    @Test func aRecordThatCannotBeReadIsNamedNotSaidToBeMissing() throws {
        let broken = AssessmentFixture.activity().replacingOccurrences(of: "\nowner:", with: "\n   owner:")
        let assessment = try AssessmentFixture.check(["activities/act.yml": broken, "checklists/pre-launch.md": answers])
        let said = try #require(message("dossier.checklist.unknown-activity", in: assessment))
        #expect(said.contains("activities/act.yml could not be read as a record"), "\(said)")
        #expect(!said.contains("no record of processing is in the folder"))
    }

    @Test func aDayTheCalendarLacksIsSaidToBeOne() throws {
        let activity = AssessmentFixture.activity(
            credentials: "  - {system: crm, service_account: svc-crm, scopes: [read], shared: false, personal: false, rotated_at: 2026-02-30}")
        let assessment = try AssessmentFixture.check(["activities/act.yml": activity])
        let said = try #require(assessment.diagnostics.first { $0.summary.contains("rotated_at") && $0.severity == .error }?.summary)
        #expect(said.contains("2026-02-30, a day the calendar does not have"), "\(said)")
        #expect(!said.contains("write it as YYYY-MM-DD"))
    }

    @Test func anUnknownItemSuggestsTheClosestOne() throws {
        let assessment = try AssessmentFixture.check(["activities/act.yml": AssessmentFixture.activity(), "checklists/pre-launch.md": answers])
        let unknown = try #require(assessment.diagnostics.first { $0.identifier == "dossier.checklist.unknown-item" })
        #expect(unknown.summary.contains("LOG-30") && unknown.suggestion?.replacement == "LOG-3", "\(unknown.summary)")
    }

    /// A finding about one field of a record points at that field, so an editor can jump to it.
    @Test func findingsAboutARecordsFieldPointAtIt() throws {
        let approval = """
            {"kind": "approval", "id": "CAB-1",
             "subject": {"path": "note.md", "sha256": "\(String(repeating: "0", count: 64))"},
             "requester": {"name": "Pat Lead"},
             "approver": {"name": "Pat Lead", "role": "Engineer"},
             "decision": "approved",
             "decided_at": "2026-12-20"}
            """
        let agreement = """
            kind: agreement
            id: DPA-LLM
            type: dpa
            counterparty: LLM Inc
            provider_kind: llm
            scope: Inference
            data_categories: [Ticket text]
            transfer_mechanism: adequacy
            signed_at: 2025-01-10
            expires_at: 2026-01-10
            training_opt_out: false
            """
        let assessment = try AssessmentFixture.check(["note.md": "# Note\n", "approval.json": approval, "llm.yml": agreement])
        func line(_ id: String) -> Int? { assessment.diagnostics.first { $0.identifier == id }?.location?.line }
        #expect(line("dossier.approval.self-approved") == 4)
        #expect(line("dossier.approval.future") == 6)
        #expect(line("dossier.agreement.expired") == 10)
        #expect(line("dossier.agreement.no-training-opt-out") == 11)
    }

    /// A skipped backup's name is scanned like any file's: a token in it never reaches a message.
    @Test func aSecretInASkippedFilesNameIsWithheldFromMessages() throws {
        let token = "ghp_4f9Kq2LmZx8Rt6Vb1Nc3Wd5Ye7Ua0Ih2Jk4P"
        let assessment = try AssessmentFixture.check(["a.md": "# A\n", "\(token).md~": "old\n"])
        #expect(assessment.diagnostics.contains { $0.identifier == "dossier.discover.scratch-file" })
        #expect(assessment.diagnostics.contains { $0.identifier.hasPrefix("dossier.secret.") })
        #expect(assessment.diagnostics.allSatisfy { !($0.file ?? "").contains(token) && !$0.summary.contains(token) })
    }
}
