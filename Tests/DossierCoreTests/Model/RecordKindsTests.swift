import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The checks every structured kind shares: a valid record reads cleanly, and removing any one
/// required field is reported as exactly that field missing.
@Suite struct RecordKindsTests {
    static let valid: [String: String] = [
        "processing-activity": """
            {"kind": "processing-activity", "id": "a", "name": "A", "controller": {"name": "C", "contact": "c@example.com"},
             "purposes": ["p"], "data_subjects": ["s"], "personal_data": ["d"], "recipients": [{"name": "R", "third_party": true}],
             "erasure": "30 days", "security_measures": ["TLS"], "owner": {"name": "O"}}
            """,
        "waiver": """
            {"kind": "waiver", "id": "W-1", "framework": "soc2", "control": "CC6.1", "justification": "j",
             "owner": {"name": "O"}, "approver": {"name": "A"}, "granted_at": "2026-01-01", "expires_at": "2026-06-30"}
            """,
        "agreement": """
            {"kind": "agreement", "id": "D-1", "type": "dpa", "counterparty": "P", "scope": "s", "data_categories": ["c"],
             "transfer_mechanism": "none", "signed_at": "2026-01-01"}
            """,
        "applicability": """
            {"kind": "applicability", "decisions": [{"framework": "iso27001-2022", "control": "5.1", "applicable": true, "justification": "j"}]}
            """,
    ]

    static let required: [(kind: String, field: String)] = [
        "id", "name", "controller", "purposes", "data_subjects", "personal_data", "recipients", "erasure", "security_measures", "owner",
    ].map { ("processing-activity", $0) }
        + ["id", "framework", "control", "justification", "owner", "approver", "granted_at", "expires_at"].map { ("waiver", $0) }
        + ["id", "type", "counterparty", "scope", "data_categories", "transfer_mechanism", "signed_at"].map { ("agreement", $0) }
        + [("applicability", "decisions")]

    @Test(arguments: valid.keys.sorted())
    func validRecordReadsCleanly(kind: String) throws {
        let (documents, diagnostics) = try parseEvidence(["r.json": Self.valid[kind]!])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(documents.first?.record != nil)
    }

    @Test(arguments: required)
    func missingRequiredFieldIsReported(kind: String, field: String) throws {
        var object = try #require(JSONSerialization.jsonObject(with: Data(Self.valid[kind]!.utf8)) as? [String: Any])
        object.removeValue(forKey: field)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        let (_, diagnostics) = try parseEvidence(["r.json": text])
        let area = kind
        #expect(diagnostics.map(\.identifier) == ["dossier.\(area).missing-field"], "\(diagnostics)")
        #expect(diagnostics.first?.summary.contains("'\(field)'") == true)
        #expect(diagnostics.first?.location == SourceLocation(line: 1, column: 1))
    }

    @Test func periodsThatEndBeforeTheyStartAreErrors() throws {
        let waiver = Self.valid["waiver"]!.replacingOccurrences(of: "2026-06-30", with: "2025-06-30")
        let agreement = Self.valid["agreement"]!.replacingOccurrences(of: #""signed_at": "2026-01-01""#, with: #""signed_at": "2026-01-01", "expires_at": "2025-01-01""#)
        let (_, diagnostics) = try parseEvidence(["w.json": waiver, "a.json": agreement])
        #expect(Set(diagnostics.map(\.identifier)) == ["dossier.waiver.bad-period", "dossier.agreement.bad-period"])
    }

    @Test func applicabilityDecisionsMayNotRepeatAControl() throws {
        let text = """
            kind: applicability
            decisions:
              - {framework: iso27001-2022, control: "7.5", applicable: false, justification: no premises}
              - {framework: iso27001-2022, control: "7.5", applicable: true, justification: changed our mind}
            """
        let (documents, diagnostics) = try parseEvidence(["soa.yml": text])
        #expect(diagnostics.map(\.identifier) == ["dossier.applicability.duplicate-id"])
        #expect(diagnostics.first?.location?.line == 4)
        guard case .applicability(let decisions)? = documents.first?.record else {
            Issue.record("not read")
            return
        }
        #expect(decisions.decisions.count == 1)
    }

    @Test func processingActivityReadsArt30AndCredentials() throws {
        let folder = Repository.root.appendingPathComponent("evidence/activities/ticket-summariser.yml")
        let (documents, diagnostics) = try parseEvidence(["a.yml": try String(contentsOf: folder, encoding: .utf8)])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .processingActivity(let activity)? = documents.first?.record else {
            Issue.record("not read")
            return
        }
        #expect(activity.controller?.dpo?.name == "Daniel Price")
        #expect(activity.recipients.filter(\.thirdParty).count == 3)
        #expect(activity.transfers.map(\.safeguard) == [.scc, .adequacy])
        #expect(activity.credentials.map(\.serviceAccount) == ["svc-summariser-helpdesk", "svc-summariser-llm", "svc-summariser-crm"])
        #expect(activity.credentials[2].expiresAt == nil)
        #expect(activity.credentials[0].location.line == 35)
    }
}

@Suite struct RecordIDAndKindTests {
    @Test func recordIDsAreUniqueAcrossFiles() throws {
        let waiver = RecordKindsTests.valid["waiver"]!
        let folder = try TemporaryFolder(["evidence/a.json": waiver, "evidence/b.json": waiver, "evidence/c.json": RecordKindsTests.valid["agreement"]!])
        defer { folder.remove() }
        let result = try BuildPipeline(options: BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": "0"])).check()
        let duplicates = result.diagnostics.filter { $0.identifier == "dossier.waiver.duplicate-id" }
        #expect(duplicates.map(\.file) == ["b.json"])
        #expect(duplicates.first?.summary.contains("a.json") == true)
    }

    @Test func unknownKindInJSONIsReportedAtTheKind() throws {
        let (documents, diagnostics) = try parseEvidence(["x.json": "{\n  \"kind\": \"aproval\"\n}"])
        #expect(documents.first?.record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.evidence.unknown-kind"])
        #expect(diagnostics.first?.location == SourceLocation(line: 2, column: 11))
        #expect(diagnostics.first?.summary.contains("did you mean 'approval'") == true)
    }

    @Test func malformedYAMLIsReportedWithItsPosition() throws {
        let (documents, diagnostics) = try parseEvidence(["w.yml": "kind: waiver\nid: [W-1\nframework: soc2\n"])
        #expect(documents.count == 1)
        #expect(diagnostics.map(\.identifier) == ["dossier.yaml.malformed"])
        #expect((diagnostics.first?.location?.line ?? 0) >= 2)
    }

    @Test func unquotedNumericControlGetsAQuoteHint() throws {
        let (_, diagnostics) = try parseEvidence(["s.yml": "kind: applicability\ndecisions:\n  - {framework: iso27001-2022, control: 5.10, applicable: true, justification: j}\n"])
        #expect(diagnostics.map(\.identifier) == ["dossier.applicability.wrong-type"])
        #expect(diagnostics.first?.summary.contains("quotes") == true)
    }
}
