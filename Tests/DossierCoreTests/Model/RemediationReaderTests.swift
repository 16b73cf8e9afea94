import DossierIntake
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `kind: remediation` is read with every field in place, and each way of writing it wrong is a
/// diagnostic at the key or entry concerned.
@Suite struct RemediationReaderTests {
    static let valid = """
        kind: remediation
        id: REM-1
        title: Renew the vendor's DPA
        findings:
          - {rule: dossier.agreement.expired, file: agreements/vendor.yml}
          - {rule: dossier.item.open, file: checklists/pre-launch.md, line: 73}
          - {framework: iso27001-2022, control: "5.20"}
        owner: {name: Ann Owner, role: Legal Counsel}
        opened_at: 2026-10-01
        due: 2026-11-01
        status: in-progress
        ticket: https://tickets.example.com/browse/LEGAL-7
        notes: Sent for countersignature.
        """

    private func read(_ text: String) throws -> (Remediation?, [Diagnostic]) {
        let (documents, diagnostics) = try parseEvidence(["r.yml": text])
        return (documents.first?.record?.remediation, diagnostics)
    }

    @Test func readsEveryField() throws {
        let (record, diagnostics) = try read(Self.valid)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let remediation = try #require(record)
        #expect(remediation.id == "REM-1")
        #expect(remediation.title == "Renew the vendor's DPA")
        #expect(remediation.findings.map(\.target) == [
            .finding(rule: "dossier.agreement.expired", file: "agreements/vendor.yml", line: nil),
            .finding(rule: "dossier.item.open", file: "checklists/pre-launch.md", line: 73),
            .control(framework: "iso27001-2022", control: "5.20"),
        ])
        #expect(remediation.findings.map(\.location.line) == [5, 6, 7])
        #expect(remediation.owner == PersonName(name: "Ann Owner", role: "Legal Counsel"))
        #expect(ISODate.day(remediation.due) == "2026-11-01")
        #expect(remediation.openedAt.map(ISODate.day) == "2026-10-01")
        #expect(remediation.status == .inProgress)
        #expect(remediation.ticket == "https://tickets.example.com/browse/LEGAL-7")
        #expect(remediation.notes == "Sent for countersignature.")
        #expect(remediation.dueLocation == SourceLocation(line: 10, column: 6))
        #expect(remediation.statusLocation == SourceLocation(line: 11, column: 9))
    }

    @Test(arguments: ["id", "title", "findings", "owner", "due", "status", "ticket"])
    func aMissingRequiredFieldIsReportedAndTheRecordIsNotRead(_ field: String) throws {
        let text = Self.valid.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(field + ":") && !(field == "findings" && $0.hasPrefix("  - ")) }.joined(separator: "\n")
        let (record, diagnostics) = try read(text)
        #expect(record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.remediation.missing-field"], "\(diagnostics)")
        #expect(diagnostics.first?.summary.contains("'\(field)'") == true)
    }

    @Test func anEntryNamesAFindingOrAControlNeverBoth() throws {
        let text = Self.valid.replacingOccurrences(
            of: #"  - {framework: iso27001-2022, control: "5.20"}"#,
            with: """
                  - {rule: dossier.agreement.expired, file: agreements/vendor.yml, framework: iso27001-2022, control: "5.20"}
                  - {owner: nobody}
                  - {rule: dossier.agreement.expired}
                  - {rule: dossier.item.open, file: checklists/pre-launch.md, line: 0}
                """)
        let (record, diagnostics) = try read(text)
        #expect(diagnostics.map(\.identifier) == [
            "dossier.remediation.bad-value", "dossier.remediation.missing-field", "dossier.remediation.unknown-key",
            "dossier.remediation.missing-field", "dossier.remediation.bad-value",
        ], "\(diagnostics)")
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [7, 8, 8, 9, 10])
        #expect(diagnostics[0].summary.contains("not both"))
        #expect(diagnostics[3].summary.contains("'file'"))
        // The entries that could be read are kept: the plan still covers what they name.
        #expect(record?.findings.count == 2)
    }

    @Test func anEmptyListOfFindingsIsReported() throws {
        let text = Self.valid.split(separator: "\n").filter { !$0.hasPrefix("  - ") }.joined(separator: "\n")
            .replacingOccurrences(of: "findings:", with: "findings: []")
        let (record, diagnostics) = try read(text)
        #expect(record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.remediation.missing-field"])
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test func aMisspeltStatusGetsADidYouMean() throws {
        let (record, diagnostics) = try read(Self.valid.replacingOccurrences(of: "status: in-progress", with: "status: in progress"))
        #expect(record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.remediation.bad-value"])
        #expect(diagnostics.first?.suggestion?.replacement == "in-progress")
        #expect(diagnostics.first?.location?.line == 11)
    }

    @Test func aPlanDueBeforeItWasOpenedIsNotRead() throws {
        let (record, diagnostics) = try read(Self.valid.replacingOccurrences(of: "opened_at: 2026-10-01", with: "opened_at: 2026-12-01"))
        #expect(record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.remediation.bad-period"])
        #expect(diagnostics.first?.location?.line == 10)
    }

    @Test func remediationInMarkdownIsTheWrongFormat() throws {
        let (documents, diagnostics) = try parseEvidence(["r.md": "---\nkind: remediation\n---\n# Plan\n"])
        #expect(documents.first?.record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.remediation.wrong-format"])
    }
}
