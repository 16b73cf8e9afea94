@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Each rule against a fixture that passes it and fixtures that fail it: every planted problem is
/// found by exactly the rule meant to find it.
@Suite struct ApprovalRuleTests {
    private func approval(approver: String = "Fiona Marsh", role: String = "CAB chair", date: String = "2026-10-06", subject: String) -> String {
        """
        {"kind": "approval", "id": "CAB-1", "subject": \(subject),
         "requester": {"name": "Hannah Okafor"}, "approver": {"name": "\(approver)", "role": "\(role)"},
         "decision": "approved", "decided_at": "\(date)"}
        """
    }

    private let prompt = "Summarise the ticket in three sentences.\n"

    @Test func soundApprovalPasses() throws {
        let hash = ContentHash.sha256(prompt)
        let result = try AssessmentFixture.check(["prompt.txt": prompt, "a.json": approval(subject: #"{"path": "prompt.txt", "sha256": "\#(hash)"}"#)])
        #expect(result.ids("dossier.approval") == [])
    }

    @Test func contentEditedAfterApprovalMakesItStale() throws {
        let hash = ContentHash.sha256("Summarise the ticket.\n")
        let result = try AssessmentFixture.check(["prompt.txt": prompt, "a.json": approval(subject: #"{"path": "prompt.txt", "sha256": "\#(hash)"}"#)])
        #expect(result.ids("dossier.approval") == ["dossier.approval.hash-mismatch"])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.approval.hash-mismatch" })
        #expect(finding.severity == .error && finding.file == "a.json" && finding.location?.line == 1)
    }

    /// A file whose line endings or byte-order mark were rewritten (git's core.autocrlf, an editor)
    /// still makes its approval stale, the approver having signed other bytes, but the finding says
    /// that nothing else changed; a change in substance says nothing of the kind.
    @Test(arguments: [
        ("Summarise the ticket.\r\nIn three sentences.\r\n", "its line endings (CRLF now, LF when approved)"),
        ("\u{FEFF}Summarise the ticket.\nIn three sentences.\n", "a byte-order mark at its start (none when approved)"),
        ("\u{FEFF}Summarise the ticket.\r\nIn three sentences.\n", "its line endings (CRLF now, LF when approved) and a byte-order mark"),
        ("Summarise the ticket.\nIn four sentences.\n", nil),
    ] as [(String, String?)])
    func aRewriteOfLineEndingsIsNamed(_ today: String, _ named: String?) throws {
        let hash = ContentHash.sha256("Summarise the ticket.\nIn three sentences.\n")
        let result = try AssessmentFixture.check(["prompt.txt": today, "a.json": approval(subject: #"{"path": "prompt.txt", "sha256": "\#(hash)"}"#)])
        #expect(result.ids("dossier.approval") == ["dossier.approval.hash-mismatch"])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.approval.hash-mismatch" })
        if let named {
            #expect(finding.summary.contains("only " + named), "\(finding.summary)")
        } else {
            #expect(!finding.summary.contains("only "), "\(finding.summary)")
            #expect(finding.summary.contains("it changed after approval"))
        }
    }

    /// An approval of a file with CRLF endings, read today with LF: named the other way round.
    @Test func aFileApprovedWithCRLFAndReadWithLFIsNamed() throws {
        let hash = ContentHash.sha256("\u{FEFF}One.\r\nTwo.\r\n")
        let result = try AssessmentFixture.check(["prompt.txt": "One.\nTwo.\n", "a.json": approval(subject: #"{"path": "prompt.txt", "sha256": "\#(hash)"}"#)])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.approval.hash-mismatch" })
        #expect(finding.summary.contains("only its line endings (LF now, CRLF when approved) and the byte-order mark at its start (there when approved)"),
                "\(finding.summary)")
    }

    @Test func selfApprovalRoleAndPeriodAreChecked() throws {
        let hash = ContentHash.sha256(prompt)
        let subject = #"{"path": "prompt.txt", "sha256": "\#(hash)"}"#
        let configured = AssessmentFixture.configuration + "\npolicy: {approver_roles: [CAB chair, CISO]}\n"
        let result = try AssessmentFixture.check([
            "prompt.txt": prompt,
            "self.json": approval(approver: "Hannah Okafor", subject: subject).replacingOccurrences(of: "CAB-1", with: "CAB-2"),
            "role.json": approval(role: "Intern", subject: subject).replacingOccurrences(of: "CAB-1", with: "CAB-3"),
            "late.json": approval(date: "2025-12-31", subject: subject).replacingOccurrences(of: "CAB-1", with: "CAB-4"),
        ], configuration: configured)
        let byFile = Dictionary(grouping: result.diagnostics.filter { $0.identifier.hasPrefix("dossier.approval") }, by: { $0.file! })
            .mapValues { $0.map(\.identifier) }
        #expect(byFile == [
            "self.json": ["dossier.approval.self-approved"],
            "role.json": ["dossier.approval.role-not-allowed"],
            "late.json": ["dossier.approval.outside-period"],
        ])
    }

    @Test func sourceRootSubjectsAreHashedButNeverLeaveTheirRoot() throws {
        let folder = try TemporaryFolder([
            "app/prompts/summarise.txt": prompt,
            "secret.txt": "outside",
            "evidence/dossier.yml": AssessmentFixture.configuration + "\nsource_roots: [{name: prompts, path: ../app/prompts}]\n",
            "evidence/ok.json": approval(subject: #"{"path": "prompts:summarise.txt", "sha256": "\#(ContentHash.sha256(prompt))"}"#),
            "evidence/escape.json": approval(subject: #"{"path": "prompts:../../secret.txt", "sha256": "\#(ContentHash.sha256("outside"))"}"#)
                .replacingOccurrences(of: "CAB-1", with: "CAB-2"),
            "evidence/noroot.json": approval(subject: #"{"path": "code:main.swift", "sha256": "\#(ContentHash.sha256(prompt))"}"#)
                .replacingOccurrences(of: "CAB-1", with: "CAB-3"),
        ])
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": AssessmentFixture.epoch])
        let result = try BuildPipeline(options: options).check()
        let problems = result.diagnostics.filter { $0.identifier.hasPrefix("dossier.approval") }
        #expect(problems.map { "\($0.file!) \($0.identifier)" }.sorted() == [
            "escape.json dossier.approval.subject-missing", "noroot.json dossier.approval.subject-missing",
        ])
        #expect(problems.first { $0.file == "escape.json" }?.summary.contains("leaves its source root") == true)
    }
}

@Suite struct AccessAndAgreementRuleTests {
    @Test func dedicatedScopedExpiringAccountsPass() throws {
        let result = try AssessmentFixture.check(["act.yml": AssessmentFixture.activity(credentials: """
              - {system: crm, service_account: svc-a, scopes: [notes:write], rotated_at: 2026-11-01, expires_at: 2027-01-01}
            """)])
        #expect(result.ids("dossier.access") == [] && result.ids("dossier.freshness") == [])
    }

    @Test func sharedPersonalUnscopedNonExpiringAndReusedAccountsFail() throws {
        let result = try AssessmentFixture.check(["act.yml": AssessmentFixture.activity(credentials: """
              - {system: crm, service_account: svc-a, scopes: [], shared: true, rotated_at: 2026-11-01}
              - {system: helpdesk, service_account: ann@test.example, scopes: [read], personal: true, rotated_at: 2026-11-01, expires_at: 2027-01-01}
              - {system: llm, service_account: SVC-A, scopes: [infer], rotated_at: 2026-06-01, expires_at: 2027-01-01}
            """)])
        #expect(result.ids("dossier.access") == [
            "dossier.access.no-expiry", "dossier.access.no-scopes", "dossier.access.personal-account", "dossier.access.reused-account",
            "dossier.access.shared-account",
        ])
        #expect(result.ids("dossier.freshness") == ["dossier.freshness.secret-rotation"], "rotated 175 days before the build date")
        #expect(result.diagnostics.first { $0.identifier == "dossier.access.reused-account" }?.location?.line == 19)
    }

    @Test func thirdPartiesNeedCurrentAgreementsAndLLMsAnOptOut() throws {
        let agreement = { (id: String, kind: String, optOut: String, expires: String) in
            "kind: agreement\nid: \(id)\ntype: dpa\ncounterparty: \(id) Ltd\nprovider_kind: \(kind)\nscope: s\ndata_categories: [Name]\n\(optOut)transfer_mechanism: none\nsigned_at: 2025-01-01\nexpires_at: \(expires)\n"
        }
        let recipients = """
              - {name: CRM, third_party: true, agreement: DPA-CRM}
              - {name: LLM, third_party: true, agreement: DPA-LLM}
              - {name: Helpdesk, third_party: true}
              - {name: Mailer, third_party: true, agreement: DPA-MAILR}
            """
        let result = try AssessmentFixture.check([
            "act.yml": AssessmentFixture.activity(recipients: recipients),
            "crm.yml": agreement("DPA-CRM", "saas", "", "2026-06-30"),
            "llm.yml": agreement("DPA-LLM", "llm", "", "2028-01-01"),
            "mail.yml": agreement("DPA-MAILER", "saas", "", "2028-01-01"),
        ])
        // The expired agreement on its own file, and on the record whose recipient it covers.
        #expect(result.ids("dossier.agreement") == [
            "dossier.agreement.expired", "dossier.agreement.expired", "dossier.agreement.missing", "dossier.agreement.no-training-opt-out", "dossier.agreement.unknown",
        ])
        #expect(result.diagnostics.first { $0.identifier == "dossier.agreement.unknown" }?.summary.contains("did you mean 'DPA-MAILER'?") == true)
        let optedOut = try AssessmentFixture.check([
            "act.yml": AssessmentFixture.activity(recipients: "  - {name: LLM, third_party: true, agreement: DPA-LLM}"),
            "llm.yml": agreement("DPA-LLM", "llm", "training_opt_out: true\n", "2028-01-01"),
        ])
        #expect(optedOut.ids("dossier.agreement") == [])
    }
}

@Suite struct WaiverFreshnessAndRecordRuleTests {
    private func waiver(_ id: String, control: String = "CC6.1", approver: String = "Fiona Marsh", expires: String = "2027-03-05") -> String {
        "kind: waiver\nid: \(id)\nframework: soc2\ncontrol: \(control)\njustification: The platform cannot expire tokens\nowner: {name: Hannah Okafor}\napprover: {name: \(approver)}\ngranted_at: 2026-09-05\nexpires_at: \(expires)\n"
    }

    @Test func waiversAreChecked() throws {
        let result = try AssessmentFixture.check([
            "ok.yml": waiver("W-1"), "old.yml": waiver("W-2", expires: "2026-11-01"), "self.yml": waiver("W-3", approver: "Hannah Okafor"),
            "bad.yml": waiver("W-4", control: "CC6.9"),
        ])
        let byFile = Dictionary(grouping: result.diagnostics.filter { $0.identifier.hasPrefix("dossier.waiver") }, by: { $0.file! }).mapValues { $0.map(\.identifier) }
        #expect(byFile == ["old.yml": ["dossier.waiver.expired"], "self.yml": ["dossier.waiver.self-approved"], "bad.yml": ["dossier.waiver.unknown-control"]])
    }

    @Test func markdownEvidenceGoesStalePastItsWindow() throws {
        let record = { (date: String, window: String) in "---\nreviewed_at: \(date)\nfreshness: \(window)\n---\n# Review\n" }
        let result = try AssessmentFixture.check([
            "fresh.md": record("2026-10-01", "access-review"), "stale.md": record("2026-08-01", "access-review"),
            "days.md": record("2026-11-01", "10"), "typo.md": record("2026-11-01", "acess-review"),
        ])
        let byFile = Dictionary(grouping: result.diagnostics.filter { $0.identifier.hasPrefix("dossier.freshness") }, by: { $0.file! }).mapValues { $0.map(\.identifier) }
        #expect(byFile == ["stale.md": ["dossier.freshness.stale"], "days.md": ["dossier.freshness.stale"], "typo.md": ["dossier.freshness.bad-window"]])
        #expect(result.diagnostics.first { $0.file == "typo.md" }?.summary.contains("did you mean 'access-review'?") == true)
        #expect(result.diagnostics.first { $0.file == "stale.md" }?.summary.contains("114 days before the build date") == true)
    }

    @Test func emptyArticle30PointsAreNamed() throws {
        let empty = AssessmentFixture.activity().replacingOccurrences(of: "purposes: [Support]", with: "purposes: []")
            .replacingOccurrences(of: "security_measures: [Encryption]", with: "security_measures: []")
        let result = try AssessmentFixture.check(["act.yml": empty])
        let problems = result.diagnostics.filter { $0.identifier == "dossier.ropa.missing-point" }.map(\.summary)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("Art. 30(1)(b)") } && problems.contains { $0.contains("Art. 30(1)(g)") })
        #expect(try AssessmentFixture.check(["act.yml": AssessmentFixture.activity()]).ids("dossier.ropa") == [])
        // The record is the evidence for its own points: an empty one fails its GDPR control.
        let purposes = try #require(result.compliance.verdict("gdpr", "30(1)(b)"))
        #expect(purposes.status == .missing)
        #expect(purposes.headline.hasPrefix("dossier.ropa.missing-point at act.yml:5: Record act does not state the purposes"), "at the field, not the top of the file")
        #expect(result.compliance.verdict("gdpr", "30(1)(c)")?.status != .missing, "a stated point is not failed by another's finding")
    }

    @Test func theRecordOfProcessingEvidencesThePointsItStates() throws {
        let stated = try AssessmentFixture.check(["act.yml": AssessmentFixture.activity()])
        let controller = try #require(stated.compliance.verdict("gdpr", "30(1)(a)"))
        #expect(controller.status == .satisfied, "no checklist item maps to it: the record decides")
        #expect(controller.chain.map(\.text) == ["act.yml states the controller's name and contact details"])
        #expect(controller.evidence == ["act.yml"])
        #expect(stated.compliance.verdict("gdpr", "30(1)(e)")?.status == .satisfied, "no third party: no transfer is needed, and the record says so")

        let placeholder = AssessmentFixture.activity().replacingOccurrences(of: "purposes: [Support]", with: "purposes: [\"<why it is processed>\"]")
        let unfilled = try AssessmentFixture.check(["act.yml": placeholder])
        let purposes = try #require(unfilled.compliance.verdict("gdpr", "30(1)(b)"))
        #expect(purposes.status == .missing, "a placeholder states nothing")
        #expect(purposes.headline == "act.yml does not state the purposes of the processing (only a placeholder)")
        #expect(unfilled.ids("dossier.ropa") == [], "the field exists, so the record check itself is satisfied; the placeholder is warned about")
    }

    @Test func applicabilityDecisionsNameRealControls() throws {
        let decisions = """
            kind: applicability
            decisions:
              - {framework: iso27001-2022, control: "A.7.11", applicable: false, justification: Utilities are the host's}
              - {framework: soc2, control: CC6.04, applicable: false, justification: No premises}
              - {framework: soc2, control: CC6.4, applicable: false, justification: No premises}
            """
        let result = try AssessmentFixture.check(["soa.yml": decisions])
        let found = result.diagnostics.filter { $0.identifier == "dossier.applicability.unknown-control" }
        #expect(found.map(\.location?.line) == [3, 4], "each misspelt decision, at its line")
        #expect(found.first?.summary.contains("did you mean '7.11'?") == true, "the Annex A prefix is seen through")
        #expect(found.last?.summary.contains("did you mean 'CC6.4'?") == true)
        #expect(result.compliance.verdict("soc2", "CC6.4")?.status == .notApplicable, "the well-named decision still holds")
    }
}

@Suite struct PlaceholderTests {
    @Test(arguments: [
        ("<privacy contact e-mail>", true), ("<owner's name>", true), ("<br>", false), ("<br />", false), ("<a href=\"x\">", false),
        ("a <b c>", false), ("<a <b> c>", false), ("< x>", false), ("<>", true), ("TBD", true), ("-", true),
        // Words that defer an answer state nothing where a record must state something, but are facts elsewhere.
        ("Pending", false), ("Misc", false), ("/etc", false),
    ])
    func theShapeOfAPlaceholder(_ text: String, _ expected: Bool) {
        #expect(PlaceholderRule.isPlaceholder(text) == expected)
    }

    @Test func placeholdersAreFoundInRecordsAndFrontMatterAtTheirPlace() throws {
        let record = AssessmentFixture.activity().replacingOccurrences(of: "purposes: [Support]", with: "purposes: [\"<why it is processed>\"]")
        let result = try AssessmentFixture.check([
            "act.yml": record, "note.md": "---\nfrom: <noreply at example dot com>\n---\n# Note\n", "export.json": #"{"user": "<system account>"}"#,
            "dossier.yml": AssessmentFixture.configuration.replacingOccurrences(of: "scope: Test", with: "scope: <what this audit covers>"),
        ])
        let found = result.diagnostics.filter { $0.identifier == PlaceholderRule.identifier.rawValue }
        #expect(found.map(\.file) == ["act.yml", "dossier.yml"], "records and the configuration only, not notes or data exports")
        #expect(found.last?.location == SourceLocation(line: 2, column: 8))
        #expect(found.first?.summary.contains("'<why it is processed>' is still a placeholder") == true)
    }
}
