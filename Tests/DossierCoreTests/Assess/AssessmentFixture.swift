@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation

/// A small evidence folder checked at a fixed build date (2026-11-23), with a configuration whose
/// audit period is 2026.
enum AssessmentFixture {
    static let buildDate = "2026-11-23"
    /// The IDs that say a Statement of Applicability is incomplete (see `Assessment.findings`).
    static let completeness: Set<String> = ["dossier.applicability.undecided", "dossier.applicability.no-implementation"]
    static let epoch = "1795392000"  // 2026-11-23T00:00:00Z

    static let configuration = """
        organisation: Test Ltd
        scope: Test
        frameworks: [gdpr, soc2, iso27001-2022]
        audit_period: {start: 2026-01-01, end: 2026-12-31}
        """

    static func check(_ files: [String: String], configuration: String = configuration) throws -> Assessment {
        var all = files
        if all["dossier.yml"] == nil { all["dossier.yml"] = configuration }
        let folder = try TemporaryFolder(all)
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.url, output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": epoch])
        return try BuildPipeline(options: options).check()
    }

    /// The files of a fixture folder under `Tests/Fixtures/`, by path inside it, to check as they are or edited.
    static func files(ofFixture name: String) throws -> [String: String] {
        try files(in: Repository.root.appendingPathComponent("Tests/Fixtures/" + name), endingIn: [".yml", ".md", ".json"])
    }

    /// The sample evidence folder's files, log extracts too, to check edited.
    static func sampleEvidence() throws -> [String: String] {
        try files(in: Repository.root.appendingPathComponent("evidence"), endingIn: [".yml", ".md", ".json", ".jsonl"])
    }

    private static func files(in folder: URL, endingIn suffixes: [String]) throws -> [String: String] {
        var files: [String: String] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? NSEnumerator()
        where suffixes.contains(where: path.hasSuffix) {
            files[path] = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        }
        return files
    }

    /// Answers to the built-in pre-launch checklist for activity `act`: `lines` are its task-list items.
    static func preLaunchAnswers(_ lines: String) -> String {
        """
        ---
        kind: checklist
        checklist: pre-launch
        integration: act
        ---
        # Pre-launch

        \(lines)
        """
    }

    static func activity(recipients: String = "  - {name: Support team, third_party: false}", credentials: String = "") -> String {
        """
        kind: processing-activity
        id: act
        name: Activity
        controller: {name: Test Ltd, contact: privacy@test.example}
        purposes: [Support]
        data_subjects: [Customers]
        personal_data: [Name]
        recipients:
        \(recipients)
        transfers: []
        erasure: Deleted after 30 days
        security_measures: [Encryption]
        owner: {name: Ann Owner, role: Lead}
        systems: [crm]
        data_classes: [personal]
        credentials:
        \(credentials.isEmpty ? "  []" : credentials)
        """
    }
}

extension Assessment {
    /// Diagnostic IDs at warning or above, sorted: what a rule test pins. The Statement of
    /// Applicability's completeness warning (every fixture assessing ISO/IEC 27001 leaves controls
    /// undecided) is about the folder, not the rule under test: `ApplicabilityTests` pins it.
    var findings: [String] { ruleDiagnostics.filter { $0.severity >= .warning }.map(\.identifier).sorted() }

    /// The diagnostics less the Statement of Applicability's completeness ones.
    var ruleDiagnostics: [Diagnostic] { diagnostics.filter { !AssessmentFixture.completeness.contains($0.identifier) } }

    func ids(_ prefix: String) -> [String] { diagnostics.map(\.identifier).filter { $0.hasPrefix(prefix) }.sorted() }
}
