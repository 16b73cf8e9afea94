import DossierTestSupport
import Foundation
import Testing

/// A remediation, through the built binary at a fixed build date: the overdue warning at its file and
/// line, the plan beside the finding it covers on the findings page, and both in report.json.
@Suite struct RemediationEndToEndTests {
    static let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/remediation/evidence")

    private func build() throws -> (TemporaryFolder, CommandRunner.Outcome) {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Self.fixture, to: folder.subfolder("evidence"))
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"  // 2026-11-23, after the plan's due day (2026-11-01)
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["build", "evidence", "--output", "pack"], in: folder.url, environment: environment)
        return (folder, outcome)
    }

    @Test func anOverduePlanIsAWarningAtItsDueDate() throws {
        let (folder, outcome) = try build()
        defer { folder.remove() }
        // The expired agreement is the error that fails the build; the plan does not soften it.
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let overdue = try #require(lines.first { $0.hasSuffix("[dossier.remediation.overdue]") }, "\(outcome.stderr)")
        #expect(overdue.hasPrefix("evidence/remediation/vendor-dpa-renewal.yml:10:6: warning: REM-1 is overdue: due 2026-11-01"))
        #expect(overdue.contains("owner Ann Owner, Legal Counsel"))
        #expect(overdue.contains("ticket https://tickets.example.com/browse/LEGAL-7"))
        // At the agreement's expires_at line, so an editor jumps to the date to change.
        #expect(lines.contains { $0.hasPrefix("evidence/agreements/vendor-dpa.yml:") && $0.contains(": error:") && $0.hasSuffix("[dossier.agreement.expired]") })
    }

    @Test func theFindingsPageShowsThePlanBesideTheFindingItCovers() throws {
        let (folder, _) = try build()
        defer { folder.remove() }
        let page = try folder.read("pack/findings.html")
        let expired = try #require(page.split(separator: "\n").first { $0.contains("<code>dossier.agreement.expired</code>") })
        #expect(expired.contains(#"Remediation <a href="evidence/remediation/vendor-dpa-renewal.yml.html">REM-1</a>"#))
        #expect(expired.contains("owner Ann Owner (Legal Counsel), due 2026-11-01 <strong class=\"overdue-mark\">overdue</strong>"))
        #expect(expired.contains(#"ticket <a href="https://tickets.example.com/browse/LEGAL-7">"#))
        #expect(page.contains("Remediation under way"))
        #expect(page.contains("changes no verdict"))
        // The plan's own page says what it clears, and links the evidence the finding is on.
        let own = try folder.read("pack/evidence/remediation/vendor-dpa-renewal.yml.html")
        #expect(own.contains(#"<a href="../../evidence/agreements/vendor-dpa.yml.html">dossier.agreement.expired at agreements/vendor-dpa.yml</a>"#))
    }

    @Test func reportJSONListsThePlanAndMarksTheFindingItCovers() throws {
        let (folder, _) = try build()
        defer { folder.remove() }
        let report = try #require(JSONSerialization.jsonObject(with: Data(try folder.read("pack/report.json").utf8)) as? [String: Any])
        let remediations = try #require(report["remediations"] as? [[String: Any]])
        #expect(remediations.count == 1)
        let plan = try #require(remediations.first)
        #expect(plan["id"] as? String == "REM-1")
        #expect(plan["file"] as? String == "evidence/remediation/vendor-dpa-renewal.yml")
        #expect(plan["status"] as? String == "in-progress")
        #expect(plan["due"] as? String == "2026-11-01")
        #expect(plan["overdue"] as? Bool == true)
        #expect(plan["ticket"] as? String == "https://tickets.example.com/browse/LEGAL-7")
        #expect((plan["findings"] as? [[String: Any]])?.first?["rule"] as? String == "dossier.agreement.expired")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let expired = try #require(findings.first { $0["id"] as? String == "dossier.agreement.expired" })
        #expect(expired["remediations"] as? [String] == ["REM-1"])
        let overdue = try #require(findings.first { $0["id"] as? String == "dossier.remediation.overdue" })
        #expect(overdue["line"] as? Int == 10)
        #expect(overdue["remediations"] == nil, "no plan covers a plan's own finding")
        let sarif = try folder.read("pack/results.sarif")
        #expect(sarif.contains("\"remediations\" : [\n"), "SARIF carries the plan as a property of the finding")
    }
}
