@testable import DossierIntake
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `prepared_by`, `reviewed_by` and `state` are read from a checklist's front matter, a record's
/// fields and `sign_off:` in `dossier.yml`, with the date reader's own messages, under `dossier.signoff.*`.
@Suite struct SignOffReaderTests {
    static let signed = """
        prepared_by: {name: Hannah Okafor, role: Support Systems Engineering Lead, date: 2026-10-05}
        reviewed_by: {name: Aisha Mensah, role: Platform Security Engineer, date: 2026-10-06T09:30:00Z}
        state: final
        """

    static func checklist(_ frontMatter: String) -> String {
        "---\nkind: checklist\nchecklist: pre-launch\n\(frontMatter)\n---\n# Answers\n\n- [x] ACC-1 Done.\n"
    }

    static let waiver = """
        kind: waiver
        id: WVR-1
        framework: soc2
        control: CC6.1
        justification: No expiry possible.
        owner: {name: Hannah Okafor, role: Lead}
        approver: {name: Fiona Marsh, role: Head of IT Operations}
        granted_at: 2026-09-05
        expires_at: 2027-03-05
        """

    private func read(_ files: [String: String]) throws -> (EvidenceDocument, [Diagnostic]) {
        let (documents, diagnostics) = try parseEvidence(files)
        return (try #require(documents.first), diagnostics)
    }

    @Test func aChecklistStatesWhoPreparedAndReviewedIt() throws {
        let (document, diagnostics) = try read(["answers.md": Self.checklist(Self.signed)])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let signOff = try #require(document.signOff)
        #expect(signOff.file == "answers.md")
        #expect(signOff.state == .final)
        #expect(signOff.preparedBy?.person == PersonName(name: "Hannah Okafor", role: "Support Systems Engineering Lead"))
        #expect(signOff.preparedBy?.written == "2026-10-05")
        #expect(signOff.reviewedBy?.person.name == "Aisha Mensah")
        #expect(signOff.reviewedBy?.written == "2026-10-06T09:30:00Z", "a time of day is kept as written")
        #expect(signOff.reviewedBy?.nameLocation == SourceLocation(line: 5, column: 21))
        #expect(signOff.stateLocation == SourceLocation(line: 6, column: 8))
    }

    @Test func aRecordStatesItAmongItsFieldsWithoutAnUnknownKey() throws {
        let (document, diagnostics) = try read(["waiver.yml": Self.waiver + "\n" + Self.signed])
        #expect(diagnostics.isEmpty, "the record reader allows the sign-off keys: \(diagnostics)")
        guard case .waiver? = document.record else { Issue.record("the waiver is not read"); return }
        #expect(document.signOff?.reviewedBy?.person.name == "Aisha Mensah")
    }

    @Test func withoutAStateItIsADraftEvenWhenReviewed() throws {
        let (document, _) = try read(["waiver.yml": Self.waiver + "\n" + Self.signed.replacingOccurrences(of: "state: final", with: "")])
        let signOff = try #require(document.signOff)
        #expect(signOff.state == .draft)
        #expect(signOff.stateLocation == nil)
        #expect(!signOff.stateUnreadable)
    }

    @Test func aFileWithoutSignOffHasNone() throws {
        #expect(try read(["waiver.yml": Self.waiver]).0.signOff == nil)
        #expect(try read(["answers.md": Self.checklist("owner: Hannah Okafor")]).0.signOff == nil)
        // A plain Markdown file is no workpaper: its front matter is its own.
        #expect(try read(["notes.md": "---\nstate: final\n---\n# Notes\n"]).0.signOff == nil)
    }

    @Test func problemsUseTheFieldReadersMessagesUnderTheSignOffArea() throws {
        let frontMatter = """
            prepared_by: {name: Hannah Okafor, role: Lead, date: 05/10/2026}
            reviewed_by: {name: Aisha Mensah, date: 2026-10-06, signed: yes}
            state: finale
            """
        let (document, diagnostics) = try read(["answers.md": Self.checklist(frontMatter)])
        let found = diagnostics.map { "\($0.location?.description ?? "-") \($0.identifier) \($0.summary)" }.sorted()
        #expect(found == [
            "4:54 dossier.signoff.bad-date 'date' is not an ISO 8601 date; write it as YYYY-MM-DD, or a date-time such as 2026-10-06T14:30:00Z; a date-time without a zone is read in the configuration's 'timezone:' (default UTC)",
            "5:14 dossier.signoff.missing-field 'reviewed_by' has no 'role'; add it",
            "5:53 dossier.signoff.unknown-key Unknown key 'signed' in 'reviewed_by'",
            "6:8 dossier.signoff.bad-value 'state' must be one of draft, final, found 'finale'; did you mean 'final'?",
        ])
        let signOff = try #require(document.signOff)
        #expect(signOff.preparedBy == nil && signOff.preparerWritten, "written but unreadable")
        #expect(signOff.reviewedBy?.person.role == nil)
        #expect(signOff.state == .draft && signOff.stateUnreadable)
    }

    @Test func aMisspeltKeyIsTheRecordsUnknownKeyWithASuggestion() throws {
        let (_, diagnostics) = try read(["waiver.yml": Self.waiver + "\nreviewd_by: {name: Aisha Mensah, role: Security, date: 2026-10-06}"])
        #expect(diagnostics.map(\.identifier) == ["dossier.waiver.unknown-key"])
        #expect(diagnostics.first?.suggestion?.replacement == "reviewed_by")
    }

    @Test func theConfigurationStatesThePacksSignOff() throws {
        let folder = try TemporaryFolder(["dossier.yml": """
            organisation: Test Ltd
            scope: Test
            frameworks: [gdpr]
            audit_period: {start: 2026-01-01, end: 2026-12-31}
            sign_off:
              prepared_by: {name: Hannah Okafor, role: Lead, date: 2026-11-02}
              state: draft
              reviewd_by: {name: Fiona Marsh}
            """])
        defer { folder.remove() }
        let collector = DiagnosticEngine()
        let configuration = try PackConfigurationReader().read(evidenceFolder: folder.url, diagnostics: collector)
        let signOff = try #require(configuration?.signOff)
        #expect(signOff.file == "dossier.yml")
        #expect(signOff.state == .draft)
        #expect(signOff.preparedBy?.person.name == "Hannah Okafor")
        #expect(collector.diagnostics.map(\.identifier) == ["dossier.signoff.unknown-key"])
        #expect(collector.diagnostics.first?.summary == "Unknown key 'reviewd_by' in 'sign_off'; did you mean 'reviewed_by'?")
    }

    @Test func aChecklistsOwnerAndAnswerDateAreRead() throws {
        let (document, diagnostics) = try read(["answers.md": Self.checklist("owner: Hannah Okafor\nanswered_at: 2026-10-05")])
        #expect(diagnostics.isEmpty)
        guard case .checklist(let answers)? = document.record else { Issue.record("not a checklist"); return }
        #expect(answers.owner == "Hannah Okafor")
        #expect(answers.answeredAt.map(ISODate.day) == "2026-10-05")
        let (_, bad) = try read(["answers.md": Self.checklist("answered_at: last week")])
        #expect(bad.map(\.identifier) == ["dossier.checklist.bad-date"])
    }
}
