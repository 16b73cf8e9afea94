@testable import DossierAssess
@testable import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// Items an auditor found proven while the evidence said otherwise: a credential past its rotation
/// window, a recipient without an agreement the answer did not link, answers no one can read.
@Suite struct ItemSoundnessTests {
    private static let rotationPolicy = """
        ---
        owner: Ann Owner
        reviewed_at: 2026-09-01
        freshness: 365
        ---
        # Rotation policy

        Every secret is rotated at least every 90 days, and at once when someone who had it leaves.
        """

    private func status(_ item: String, in assessment: Assessment) -> ItemStatus? {
        assessment.compliance.items.first { $0.item.id == item }?.status
    }

    private func rotated(_ date: String) -> [String: String] {
        [
            "activities/act.yml": AssessmentFixture.activity(
                credentials: "  - {system: crm, service_account: svc-crm, scopes: [read], shared: false, personal: false, rotated_at: \(date)}"),
            "records/rotation.md": Self.rotationPolicy,
            "checklists/pre-launch.md": AssessmentFixture.preLaunchAnswers(
                "- [x] SEC-4 Rotation ([record](../activities/act.yml), [policy](../records/rotation.md))"),
        ]
    }

    @Test func aCredentialPastItsRotationWindowLeavesTheRotationItemStale() throws {
        let fresh = try AssessmentFixture.check(rotated("2026-11-01"))
        #expect(status("SEC-4", in: fresh) == .proven, "\(fresh.compliance.items.first { $0.item.id == "SEC-4" }?.reason ?? "")")
        let overdue = try AssessmentFixture.check(rotated("2026-05-02"))
        #expect(overdue.diagnostics.contains { $0.identifier == "dossier.freshness.secret-rotation" })
        #expect(status("SEC-4", in: overdue) == .stale)
        #expect(overdue.compliance.items.first { $0.item.id == "SEC-4" }?.reason.contains("rotated 2026-05-02") == true)
    }

    @Test func aRecipientWithoutAnAgreementContradictsEveryRecipientCovered() throws {
        func folder(helpdeskAgreement: Bool) -> [String: String] {
            [
                "activities/act.yml": AssessmentFixture.activity(recipients: """
                      - {name: LLM Inc, third_party: true, country: Ireland, role: processor, agreement: DPA-LLM}
                      - {name: Helpdesk Ltd, third_party: true, country: Ireland, role: processor\(helpdeskAgreement ? ", agreement: DPA-HD" : "")}
                    """),
                "agreements/llm.yml": DataFlowRuleTests.agreement("DPA-LLM", kind: "llm", optOut: true),
                "agreements/helpdesk.yml": DataFlowRuleTests.agreement("DPA-HD", kind: "saas", optOut: false),
                "checklists/pre-launch.md": AssessmentFixture.preLaunchAnswers("""
                    - [x] FLW-3 The LLM provider's DPA opts out of training ([LLM DPA](../agreements/llm.yml))
                    - [x] FLW-6 Every processor has a DPA ([LLM DPA](../agreements/llm.yml))
                    """),
            ]
        }
        let covered = try AssessmentFixture.check(folder(helpdeskAgreement: true))
        #expect(status("FLW-6", in: covered) == .proven, "\(covered.compliance.items.first { $0.item.id == "FLW-6" }?.reason ?? "")")
        let uncovered = try AssessmentFixture.check(folder(helpdeskAgreement: false))
        #expect(uncovered.diagnostics.contains { $0.identifier == "dossier.agreement.missing" })
        #expect(status("FLW-6", in: uncovered) == .contradicted, "an agreement linked for one recipient proved every recipient covered")
        // FLW-3 is about the LLM provider's agreement alone: another recipient's missing one says nothing of it.
        #expect(status("FLW-3", in: uncovered) == status("FLW-3", in: covered))
        #expect(status("FLW-3", in: uncovered) != .contradicted)
    }

    /// A recipient whose agreement has expired is not covered either: an answer that links only the
    /// current agreements does not prove every recipient covered (an auditor found FLW-6 proven, and
    /// ISO 5.20 satisfied, beside the expired helpdesk DPA it left out).
    @Test func aRecipientWhoseAgreementExpiredContradictsEveryRecipientCovered() throws {
        let expired = DataFlowRuleTests.agreement("DPA-HD", kind: "saas", optOut: false).replacingOccurrences(of: "expires_at: 2028-01-01", with: "expires_at: 2026-06-30")
        let files: [String: String] = [
            "activities/act.yml": AssessmentFixture.activity(recipients: """
                  - {name: LLM Inc, third_party: true, country: Ireland, role: processor, agreement: DPA-LLM}
                  - {name: Helpdesk Ltd, third_party: true, country: Ireland, role: processor, agreement: DPA-HD}
                """),
            "agreements/llm.yml": DataFlowRuleTests.agreement("DPA-LLM", kind: "llm", optOut: true),
            "agreements/helpdesk.yml": expired,
            "checklists/pre-launch.md": AssessmentFixture.preLaunchAnswers("- [x] FLW-6 Every processor has a DPA ([LLM DPA](../agreements/llm.yml))"),
        ]
        let result = try AssessmentFixture.check(files)
        let onRecord = try #require(result.diagnostics.first { $0.identifier == "dossier.agreement.expired" && $0.file == "activities/act.yml" })
        #expect(onRecord.summary.contains("Helpdesk Ltd") && onRecord.summary.contains("DPA-HD"))
        #expect(status("FLW-6", in: result) == .contradicted, "\(result.compliance.items.first { $0.item.id == "FLW-6" }?.reason ?? "")")
        let supplier = try #require(result.compliance.verdicts.first { $0.framework == "iso27001-2022" && $0.control == "5.20" })
        #expect(supplier.status != .satisfied)
    }

    /// Filler where an answer belongs says nothing: a control declared not applicable "because: -",
    /// an item "N/A: TBD", a record's erasure "TBD".
    @Test func fillerIsNoJustificationAndStatesNothing() throws {
        let decisions = """
            kind: applicability
            decisions:
              - {framework: iso27001-2022, control: "8.15", applicable: false, justification: "-"}
              - {framework: iso27001-2022, control: "5.25", applicable: false, justification: TBD}
              - {framework: iso27001-2022, control: "5.26", applicable: false, justification: No incident management of our own; the parent company's team handles incidents.}
            """
        let result = try AssessmentFixture.check([
            "applicability.yml": decisions,
            "activities/act.yml": AssessmentFixture.activity().replacingOccurrences(of: "erasure: Deleted after 30 days", with: "erasure: TBD"),
            "checklists/pre-launch.md": AssessmentFixture.preLaunchAnswers("- [ ] LOG-4 N/A: TBD"),
        ])
        let refused = result.diagnostics.filter { $0.identifier == "dossier.applicability.no-justification" }
        #expect(refused.map(\.summary).allSatisfy { $0.contains("says nothing") } && refused.count == 2, "\(refused.map(\.summary))")
        for control in ["8.15", "5.25"] {
            let verdict = try #require(result.compliance.verdicts.first { $0.framework == "iso27001-2022" && $0.control == control })
            #expect(verdict.status != .notApplicable, "\(control)")
        }
        #expect(result.compliance.verdicts.first { $0.framework == "iso27001-2022" && $0.control == "5.26" }?.status == .notApplicable)
        #expect(result.diagnostics.contains { $0.identifier == "dossier.checklist.na-without-justification" })
        #expect(status("LOG-4", in: result) == .open)
        #expect(result.diagnostics.contains { $0.identifier == "dossier.evidence.placeholder" && $0.summary.contains("'TBD'") })
        let erasure = try #require(result.compliance.verdicts.first { $0.framework == "gdpr" && $0.control == "30(1)(f)" })
        #expect(erasure.status != .satisfied, "\(erasure.chain.map(\.text))")
    }

    /// A cross-reference that leads nowhere is dropped and reported, but the document still says
    /// what it says: the items it proves stay proven.
    @Test func aLinkLeadingNowhereUndoesNoProof() throws {
        var files = rotated("2026-11-01")
        files["records/rotation.md"]! += "\nSee [the runbook](runbook.md) and [the old register](/srv/register.md).\n"
        let result = try AssessmentFixture.check(files)
        let dropped = result.diagnostics.filter { $0.file == "records/rotation.md" }.map(\.identifier).sorted()
        #expect(dropped == ["dossier.link.absolute-path", "dossier.link.missing-target"])
        #expect(status("SEC-4", in: result) == .proven, "\(result.compliance.items.first { $0.item.id == "SEC-4" }?.reason ?? "")")
    }

    /// A document cannot keep itself current for ten years: a review from 2019 with `freshness: 3650`
    /// is judged against the policy's longest window for documents, and is stale.
    @Test func aDocumentsOwnWindowIsCappedByThePolicy() throws {
        var files = rotated("2026-11-01")
        files["records/rotation.md"] = Self.rotationPolicy.replacingOccurrences(of: "reviewed_at: 2026-09-01", with: "reviewed_at: 2019-03-01")
            .replacingOccurrences(of: "freshness: 365", with: "freshness: 3650")
        let result = try AssessmentFixture.check(files)
        let capped = try #require(result.diagnostics.first { $0.identifier == "dossier.freshness.window-too-long" })
        #expect(capped.summary.contains("366 days") && capped.file == "records/rotation.md")
        #expect(result.diagnostics.contains { $0.identifier == "dossier.freshness.stale" && $0.file == "records/rotation.md" })
        #expect(status("SEC-4", in: result) == .stale)
        // The organisation's own policy may allow longer.
        let allowed = try AssessmentFixture.check(files, configuration: AssessmentFixture.configuration + "\npolicy: {freshness: {document_max_days: 3650}}\n")
        #expect(!allowed.diagnostics.contains { $0.identifier == "dossier.freshness.window-too-long" })
        #expect(status("SEC-4", in: allowed) == .proven)
    }

    @Test func answersInAWithheldFileProveNothing() throws {
        var files = rotated("2026-11-01")
        #expect(status("SEC-4", in: try AssessmentFixture.check(files)) == .proven)
        files["checklists/pre-launch.md"]! += "\n- [x] SEC-5 N/A — the vault of Project Kestrel injects them\n"
        #expect(status("SEC-5", in: try AssessmentFixture.check(files)) == .notApplicable)
        files["checklists/pre-launch.md"]! += "\nThe deploy token: ghp_4f9Kq2LmZx8Rt6Vb1Nc3Wd5Ye7Ua0Ih2Jk4P\n"
        let withheld = try AssessmentFixture.check(files)
        #expect(withheld.withheld.contains("checklists/pre-launch.md"))
        #expect(status("SEC-4", in: withheld) == .claimed)
        #expect(withheld.compliance.items.first { $0.item.id == "SEC-4" }?.reason.contains("withheld") == true)
        // Nor does an N/A there count, nor its reason (the withheld file's own words) travel on.
        #expect(status("SEC-5", in: withheld) == .claimed)
        #expect(withheld.compliance.items.allSatisfy { !$0.reason.contains("Kestrel") })
    }

    /// A mistyped date in one field of the record of processing leaves the record proving what its other
    /// fields state: who the controller is, the purposes, each credential's own account. Only the
    /// item and the point that read the broken field lose their proof.
    @Test func anErrorInOneRecordFieldWeighsOnlyOnWhatReadsIt() throws {
        func folder(_ date: String) -> [String: String] {
            var files = rotated(date)
            files["checklists/pre-launch.md"] = AssessmentFixture.preLaunchAnswers("""
                - [x] ACC-1 Own service accounts ([record](../activities/act.yml))
                - [x] SEC-4 Rotation ([record](../activities/act.yml), [policy](../records/rotation.md))
                """)
            return files
        }
        let sound = try AssessmentFixture.check(folder("2026-11-01"))
        let broken = try AssessmentFixture.check(folder("2026-11-31"))
        let error = try #require(broken.diagnostics.first { $0.identifier == "dossier.processing-activity.bad-date" })
        #expect(error.field == "credentials.rotated_at")
        #expect(status("ACC-1", in: sound) == .proven)
        #expect(status("ACC-1", in: broken) == .proven, "\(broken.compliance.items.first { $0.item.id == "ACC-1" }?.reason ?? "")")
        #expect(status("SEC-4", in: broken) == .claimed)
        #expect(broken.compliance.items.first { $0.item.id == "SEC-4" }?.reason.contains("dossier.processing-activity.bad-date") == true)
        for point in ["30(1)(a)", "30(1)(b)", "30(1)(c)", "30(1)(f)"] {
            let before = try #require(sound.compliance.verdicts.first { $0.framework == "gdpr" && $0.control == point })
            let after = try #require(broken.compliance.verdicts.first { $0.framework == "gdpr" && $0.control == point })
            #expect(after.status == before.status, "\(point): \(after.chain.map(\.text))")
            #expect(!after.chain.contains { $0.text.contains("proves nothing") }, "\(point)")
        }
        // An error of the whole file (not in one field) still weighs on every point and every item.
        var unreadable = folder("2026-11-01")
        unreadable["activities/act.yml"]! += "\nowner: [not, a, person\n"
        let whole = try AssessmentFixture.check(unreadable)
        #expect(status("ACC-1", in: whole) != .proven)
    }

    /// A `data_flows` entry naming no graph is an error in that field: the record still proves the
    /// controller, the purposes and each account's own service account (before, it weighed on every
    /// Art. 30 point and every item relying on the record).
    @Test func anUnknownDataFlowWeighsOnlyOnWhatReadsIt() throws {
        func folder(_ flows: String?) -> [String: String] {
            var files = rotated("2026-11-01")
            files["activities/act.yml"]! += flows.map { "\ndata_flows: [\($0)]\n" } ?? ""
            files["checklists/pre-launch.md"] = AssessmentFixture.preLaunchAnswers("- [x] ACC-1 Own service accounts ([record](../activities/act.yml))")
            return files
        }
        let sound = try AssessmentFixture.check(folder(nil))
        let broken = try AssessmentFixture.check(folder("flows/missing.yml"))
        let error = try #require(broken.diagnostics.first { $0.identifier == "dossier.processing-activity.unknown-data-flow" })
        #expect(error.field == "data_flows")
        #expect(status("ACC-1", in: sound) == .proven)
        #expect(status("ACC-1", in: broken) == .proven, "\(broken.compliance.items.first { $0.item.id == "ACC-1" }?.reason ?? "")")
        for point in ["30(1)(a)", "30(1)(b)", "30(1)(c)", "30(1)(f)"] {
            let before = try #require(sound.compliance.verdicts.first { $0.framework == "gdpr" && $0.control == point })
            let after = try #require(broken.compliance.verdicts.first { $0.framework == "gdpr" && $0.control == point })
            #expect(after.status == before.status, "\(point): \(after.chain.map(\.text))")
        }
    }

    /// An unreviewed graph leaves the items that read the graph for another property unproven, not
    /// contradicted: it says nothing of whether transfers are documented. The item that asks for the
    /// review is contradicted.
    @Test func aDataFlowFindingContradictsOnlyTheItemsOfItsProperty() throws {
        let graph = DataFlowRuleTests.graph
        let folder: [String: String] = [
            "act.yml": DataFlowRuleTests.activity, "hd.yml": DataFlowRuleTests.agreement("DPA-HD", kind: "saas", optOut: false),
            "llm.yml": DataFlowRuleTests.agreement("DPA-LLM", kind: "llm", optOut: true), "flows.yml": graph,
            "checklists/pre-launch.md": AssessmentFixture.preLaunchAnswers("""
                - [x] FLW-1 Mapped and reviewed ([graph](../flows.yml))
                - [x] FLW-5 Transfers documented ([graph](../flows.yml))
                """),
        ]
        var reviewed = folder
        reviewed["approval.json"] = DataFlowRuleTests.approval(of: graph)
        let sound = try AssessmentFixture.check(reviewed)
        #expect(status("FLW-5", in: sound) == .proven, "\(sound.compliance.items.first { $0.item.id == "FLW-5" }?.reason ?? "")")
        let unreviewed = try AssessmentFixture.check(folder)
        #expect(unreviewed.diagnostics.contains { $0.identifier == "dossier.dataflow.unreviewed" })
        #expect(status("FLW-1", in: unreviewed) == .contradicted)
        #expect(status("FLW-5", in: unreviewed) == .claimed)
        #expect(unreviewed.compliance.items.first { $0.item.id == "FLW-5" }?.reason.contains("dossier.dataflow.unreviewed") == true)
    }
}
