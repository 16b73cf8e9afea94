import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

@Suite struct ApprovalRecordTests {
    static let hash = String(repeating: "ab", count: 32)
    static let valid = """
        {
          "kind": "approval",
          "id": "CAB-12",
          "subject": {"path": "prompts/summarise.txt", "sha256": "\(hash)"},
          "requester": {"name": "Hannah Okafor", "role": "Engineer"},
          "approver": {"name": "Fiona Marsh", "role": "CAB chair"},
          "decision": "approved",
          "decided_at": "2026-10-06",
          "change_ticket": "CHG-1",
          "risk_note": "Low",
          "conditions": ["none"]
        }
        """

    private func read(_ text: String, name: String = "cab.json") throws -> (ApprovalRecord?, [Diagnostic]) {
        let (documents, diagnostics) = try parseEvidence([name: text])
        guard case .approval(let approval)? = documents.first?.record else { return (nil, diagnostics) }
        return (approval, diagnostics)
    }

    @Test func validRecordIsRead() throws {
        let (approval, diagnostics) = try read(Self.valid)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let record = try #require(approval)
        #expect(record.id == "CAB-12")
        #expect(record.approver == .init(name: "Fiona Marsh", role: "CAB chair"))
        #expect(record.decision == .approved)
        #expect(record.decidedAt == ISODate.parse("2026-10-06"))
        guard case .file(let path, let sha256, let location) = record.subject else {
            Issue.record("subject is not a file")
            return
        }
        #expect(path == "prompts/summarise.txt")
        #expect(sha256 == Self.hash)
        #expect(location == SourceLocation(line: 4, column: 23))
    }

    @Test func yamlRecordsReadTheSame() throws {
        let yaml = """
            kind: approval
            id: CAB-12
            subject: {release: v1.4.0}
            requester: {name: Hannah Okafor}
            approver: {name: Fiona Marsh, role: CAB chair}
            decision: rejected
            decided_at: 2026-10-06T14:30:00Z
            """
        let (approval, diagnostics) = try read(yaml, name: "cab.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(approval?.subject == .release("v1.4.0"))
        #expect(approval?.decision == .rejected)
    }

    @Test(arguments: ["id", "subject", "requester", "approver", "decision", "decided_at"])
    func eachRequiredFieldIsReported(field: String) throws {
        let lines = Self.valid.split(separator: "\n").filter { !$0.contains("\"\(field)\":") }
        var text = lines.joined(separator: "\n")
        text = text.replacingOccurrences(of: "\"conditions\": [\"none\"]\n}", with: "\"conditions\": [\"none\"]\n}")
        let (approval, diagnostics) = try read(text)
        #expect(approval == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.approval.missing-field"], "\(diagnostics)")
        #expect(diagnostics.first?.summary.contains(field) == true)
    }

    @Test func badDateIsReportedAtTheValue() throws {
        let (_, diagnostics) = try read(Self.valid.replacingOccurrences(of: "\"2026-10-06\"", with: "\"06/10/2026\""))
        let problem = try #require(diagnostics.first)
        #expect(problem.identifier == "dossier.approval.bad-date")
        #expect(problem.location == SourceLocation(line: 8, column: 17))
        #expect(problem.summary == "'decided_at' is not an ISO 8601 date; write it as YYYY-MM-DD, or a date-time such as 2026-10-06T14:30:00Z; a date-time without a zone is read in the configuration's 'timezone:' (default UTC)")
    }

    @Test func wrongTypesBadValuesAndBadHashes() throws {
        var text = Self.valid.replacingOccurrences(of: "\"decision\": \"approved\"", with: "\"decision\": \"aproved\"")
        text = text.replacingOccurrences(of: "\"id\": \"CAB-12\"", with: "\"id\": 12")
        text = text.replacingOccurrences(of: Self.hash, with: "XYZ")
        let (approval, diagnostics) = try read(text)
        #expect(approval == nil)
        #expect(Set(diagnostics.map(\.identifier)) == ["dossier.approval.wrong-type", "dossier.approval.bad-value", "dossier.approval.bad-hash"])
        #expect(diagnostics.contains { $0.summary.contains("did you mean 'approved'") })
    }

    @Test func malformedJSONIsReportedWithItsPositionAndTheFileStillPublished() throws {
        let (documents, diagnostics) = try parseEvidence(["cab.json": "{\n  \"kind\": \"approval\",\n  \"id\": \n}\n", "ok.md": "# fine\n"])
        #expect(documents.count == 2, "one bad file never stops the others")
        #expect(diagnostics.map(\.identifier) == ["dossier.json.malformed"])
        #expect(diagnostics.first?.location == SourceLocation(line: 4, column: 1))
    }

    @Test func emptyFileIsReported() throws {
        let (_, diagnostics) = try parseEvidence(["cab.json": ""])
        #expect(diagnostics.map(\.identifier).contains("dossier.evidence.empty"))
    }

    @Test func kindInTheWrongFormatIsAnError() throws {
        let (_, diagnostics) = try parseEvidence(["c.json": #"{"kind": "checklist"}"#])
        #expect(diagnostics.map(\.identifier) == ["dossier.checklist.wrong-format"])
    }
}
