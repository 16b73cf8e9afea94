import DossierTestSupport
import Foundation
import Testing

/// What `dossier check` and `dossier build` tell a compliance lead about coverage, end to end on the binary.
@Suite struct AssessmentCommandTests {
    private func dossier(_ arguments: [String], in directory: URL? = nil) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"  // 2026-11-23, the date evidence/README.md assumes
        return try CommandRunner.run(Repository.dossierBinary, arguments, in: directory, environment: environment)
    }

    @Test func checkOnTheSamplePrintsCoverageAndTopGaps() throws {
        let outcome = try dossier(["check", "evidence"], in: Repository.root)
        #expect(outcome.status == 1, "the sample carries two planted errors")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let gdpr = try #require(lines.first { $0.hasPrefix("GDPR Art. 30") })
        #expect(gdpr.contains("█") && gdpr.contains("%") && gdpr.contains("satisfied"))
        #expect(lines.contains { $0.hasPrefix("SOC 2 CC6") } && lines.contains { $0.hasPrefix("ISO/IEC 27001:2022 Annex A") })
        let gaps = try #require(lines.first { $0.hasPrefix("top gaps: ") })
        #expect(gaps.contains("checklists/pre-launch.md:"), "each gap says where to fix it")
        #expect(outcome.stderr.contains("evidence/approvals/ropa-credentials-2026-09-17.json:5:13: error:"))
        #expect(outcome.stderr.contains("evidence/checklists/pre-launch.md:29:1: warning: ACC-3 is ticked, but its evidence contradicts it"))
    }

    @Test func buildWritesTheStatementOfApplicability() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = try dossier(["build", Repository.root.appendingPathComponent("evidence").path, "--output", folder.subfolder("pack").path, "--quiet"])
        #expect(outcome.status == 1)
        let csv = try folder.read("pack/statement-of-applicability.csv")
        #expect(csv.components(separatedBy: "\r\n").count == 95)
        #expect(csv.contains(#""7.5","Protecting against physical and environmental threats","no","No premises of our own in scope: "#),
                "the organisation's justification, not Dossier's verdict text")
        let json = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/statement-of-applicability.json").utf8)) as? [String: Any]
        #expect((json?["controls"] as? [Any])?.count == 93)
    }

    @Test func strictTightensButNeverLoosensTheThreshold() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: T\nframeworks: [soc2]\npolicy: {failing_severity: note}\n",
            "evidence/list.md": "---\nkind: checklist\nchecklist: pre-launch\n---\n- [ ] ACC-1 not yet\n",
        ])
        defer { folder.remove() }
        #expect(try dossier(["check", "evidence"], in: folder.url).status == 1, "notes fail at failing_severity: note")
        #expect(try dossier(["check", "evidence", "--strict"], in: folder.url).status == 1, "--strict keeps the stricter threshold")
    }
}
