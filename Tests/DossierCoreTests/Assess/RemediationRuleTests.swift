@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// A remediation judged at the fixed build date 2026-11-23, against the findings and verdicts of a
/// small folder: an agreement that expired on 2026-09-30, and a pre-launch checklist whose FLW-6
/// (ISO 5.20, 5.19; SOC 2 CC9.2) is open.
@Suite struct RemediationRuleTests {
    static let agreement = """
        kind: agreement
        id: DPA-1
        type: dpa
        counterparty: Example Vendor Ltd
        scope: Ticket hosting
        data_categories: [Name]
        transfer_mechanism: none
        signed_at: 2024-10-01
        expires_at: 2026-09-30
        """

    static let answers = """
        ---
        kind: checklist
        checklist: pre-launch
        ---
        # Pre-launch

        - [ ] FLW-6 Every third party is covered by a DPA. Open: the vendor's renewal is with legal.
        """

    /// `findings` are the YAML lines of the entries; the due date is on line 8, the status on line 9.
    static func plan(_ findings: String, due: String = "2026-11-01", status: String = "in-progress", id: String = "REM-1") -> String {
        """
        kind: remediation
        id: \(id)
        title: Renew the vendor's DPA
        findings:
        \(findings)
        owner: {name: Ann Owner, role: Legal Counsel}
        ticket: https://tickets.example.com/browse/LEGAL-7
        due: \(due)
        status: \(status)
        """
    }

    static let expiredFinding = "  - {rule: dossier.agreement.expired, file: vendor.yml}"

    private func check(_ files: [String: String]) throws -> Assessment {
        try AssessmentFixture.check(["vendor.yml": Self.agreement, "answers.md": Self.answers].merging(files) { _, new in new })
    }

    @Test func aPlanPastItsDueDayWhoseFindingStillFiresIsOverdue() throws {
        let result = try check(["r.yml": Self.plan(Self.expiredFinding)])
        #expect(result.ids("dossier.remediation") == ["dossier.remediation.overdue"])
        let overdue = try #require(result.diagnostics.first { $0.identifier == "dossier.remediation.overdue" })
        #expect(overdue.severity == .warning && overdue.file == "r.yml")
        #expect(overdue.location == SourceLocation(line: 8, column: 6), "at its due date")
        #expect(overdue.summary.contains("due 2026-11-01"))
        #expect(overdue.summary.contains("owner Ann Owner, Legal Counsel; ticket https://tickets.example.com/browse/LEGAL-7"))
        #expect(overdue.summary.contains("dossier.agreement.expired at vendor.yml still fires"))
        #expect(result.compliance.remediation.entries.map(\.overdue) == [true])
    }

    @Test func theDueDayItselfIsNotOverdue() throws {
        #expect(try check(["r.yml": Self.plan(Self.expiredFinding, due: "2026-11-23")]).ids("dossier.remediation") == [])
        #expect(try check(["r.yml": Self.plan(Self.expiredFinding, due: "2026-11-22")]).ids("dossier.remediation") == ["dossier.remediation.overdue"])
        #expect(try check(["r.yml": Self.plan(Self.expiredFinding, status: "done")]).ids("dossier.remediation.overdue") == [], "done is never overdue")
    }

    @Test func aPlanMarkedDoneWhoseFindingStillFiresIsAWarning() throws {
        let result = try check(["r.yml": Self.plan(Self.expiredFinding, due: "2026-12-31", status: "done")])
        let finding = try #require(result.diagnostics.first { $0.identifier.hasPrefix("dossier.remediation") })
        #expect(finding.identifier == "dossier.remediation.not-fixed" && finding.severity == .warning)
        #expect(finding.location?.line == 9, "at its status")
        #expect(finding.summary.contains("the fix did not take"))
    }

    @Test func aPlanWhoseFindingNoLongerFiresIsStaleUnlessDone() throws {
        let renewed = Self.agreement.replacingOccurrences(of: "expires_at: 2026-09-30", with: "expires_at: 2029-09-30")
        let open = try check(["vendor.yml": renewed, "r.yml": Self.plan(Self.expiredFinding)])
        #expect(open.diagnostics.filter { $0.identifier.hasPrefix("dossier.remediation") }.map { "\($0.severity) \($0.identifier)" }
            == ["note dossier.remediation.stale"])
        let done = try check(["vendor.yml": renewed, "r.yml": Self.plan(Self.expiredFinding, status: "done")])
        #expect(done.ids("dossier.remediation") == [], "the fix took: nothing to say")
    }

    @Test func whatAPlanNamesMustExistWithADidYouMean() throws {
        let result = try check(["r.yml": Self.plan("""
              - {rule: dossier.agrement.expired, file: vendor.yml}
              - {rule: dossier.agreement.expired, file: vendors.yml}
              - {framework: iso27001-2022, control: "A.5.20"}
              - {rule: dossier.remediation.overdue, file: r.yml}
            """, due: "2026-12-31")])
        let errors = result.diagnostics.filter { $0.identifier.hasPrefix("dossier.remediation") }
        #expect(errors.map(\.identifier) == [
            "dossier.remediation.unknown-rule", "dossier.remediation.unknown-file", "dossier.remediation.unknown-control",
            "dossier.remediation.unknown-rule",
        ], "and not stale: the errors say why it matches nothing")
        #expect(errors.allSatisfy { $0.severity == .error && $0.file == "r.yml" })
        #expect(errors.map { $0.location?.line ?? 0 } == [5, 6, 7, 8])
        #expect(errors.map { $0.suggestion?.replacement } == ["dossier.agreement.expired", "vendor.yml", "5.20", nil])
        #expect(errors[0].summary.hasSuffix("did you mean 'dossier.agreement.expired'?"))
        #expect(errors[3].summary.contains("no plan clears"))
        #expect(result.compliance.remediation.covering(try #require(result.diagnostics.first { $0.identifier == "dossier.agreement.expired" })).isEmpty)
    }

    @Test func familyAndSecretIDsAreKnown() {
        #expect(KnownFindings.isKnown("dossier.approval.bad-date"))
        #expect(KnownFindings.isKnown("dossier.remediation.bad-period") == false, "a plan's own")
        #expect(KnownFindings.isKnown("dossier.secret.aws-access-key"))
        #expect(KnownFindings.isKnown("dossier.item.open"))
        #expect(!KnownFindings.isKnown("dossier.approval.bad-datum"))
        #expect(!KnownFindings.isKnown("dossier.nowhere.bad-date"))
    }

    @Test func aControlEntryCoversTheFindingsItsPageListsAndStandsWhileItHasAGap() throws {
        let result = try check(["r.yml": Self.plan(#"  - {framework: iso27001-2022, control: "5.20"}"#)])
        let open = try #require(result.diagnostics.first { $0.identifier == "dossier.item.open" && $0.summary.hasPrefix("FLW-6") })
        let plan = result.compliance.remediation
        #expect(plan.covering(open).map(\.remediation.id) == ["REM-1"])
        #expect(plan.naming("iso27001-2022", "5.20").count == 1)
        #expect(plan.naming("iso27001-2022", "5.19").isEmpty)
        let status = try #require(result.compliance.verdict("iso27001-2022", "5.20")?.status)
        #expect(plan.entries.first?.outstanding.map(\.description) == ["ISO/IEC 27001:2022 Annex A 5.20 is still \(status.label.lowercased())"])
        #expect(result.ids("dossier.remediation") == ["dossier.remediation.overdue"])
    }

    @Test func aLineNarrowsAFindingEntryToTheFindingOnThatLine() throws {
        let answers = Self.answers + "\n- [ ] FLW-2 Every processor is in the privacy notice.\n"
        let result = try check(["answers.md": answers, "r.yml": Self.plan("  - {rule: dossier.item.open, file: answers.md, line: 7}", due: "2026-12-31")])
        let open = result.diagnostics.filter { $0.identifier == "dossier.item.open" && $0.file == "answers.md" }
        #expect(open.count == 2)
        #expect(open.map { result.compliance.remediation.covering($0).count } == open.map { $0.location?.line == 7 ? 1 : 0 })
    }

    @Test func aPlanInAWithheldFileIsJudgedButItsWordsAreNotPublished() throws {
        let token = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789AB"
        let result = try check(["r.yml": Self.plan(Self.expiredFinding) + "\nnotes: the vendor's portal token is \(token)"])
        #expect(result.withheld == ["r.yml"])
        let entry = try #require(result.compliance.remediation.entries.first)
        #expect(entry.remediation.id == "REM-1")
        for text in [entry.remediation.title, entry.remediation.owner.name, entry.remediation.ticket, entry.remediation.notes ?? ""] {
            #expect(text == "[withheld: dossier.secret.github-token]")
        }
        #expect(result.ids("dossier.remediation") == ["dossier.remediation.overdue"], "still judged")
        let expired = try #require(result.diagnostics.first { $0.identifier == "dossier.agreement.expired" })
        #expect(result.compliance.remediation.covering(expired).count == 1, "and still beside its finding")
    }

    @Test func aRemediationChangesNoVerdict() throws {
        let without = try check([:])
        let with = try check(["r.yml": Self.plan(Self.expiredFinding + "\n" + #"  - {framework: iso27001-2022, control: "5.20"}"#, status: "done")])
        #expect(with.compliance.verdicts.map(\.status) == without.compliance.verdicts.map(\.status))
        #expect(with.compliance.verdicts.map(\.waiver) == without.compliance.verdicts.map(\.waiver))
        #expect(with.compliance.items.map(\.status) == without.compliance.items.map(\.status))
        let others = with.diagnostics.filter { !$0.identifier.hasPrefix("dossier.remediation") && $0.file != "r.yml" }
        #expect(others == without.diagnostics, "every other finding keeps its severity")
    }
}
