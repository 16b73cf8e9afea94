import DossierTestSupport
import Foundation
import Testing

/// Sign-off through the built binary: a final workpaper without a reviewer and a self-reviewed one
/// fail the build at their file and line; who signed shows on the pages, in report.json and in
/// OSCAL; a draft pack is marked Draft on every page.
@Suite struct SignOffEndToEndTests {
    static let configuration = """
        organisation: Sign-off Test Ltd
        scope: One integration
        frameworks: [gdpr, soc2]
        audit_period: {start: 2026-01-01, end: 2026-12-31}
        sign_off:
          prepared_by: {name: Hannah Okafor, role: Support Systems Engineering Lead, date: 2026-11-20}
          state: draft

        """

    static func checklist(reviewer: String) -> String {
        """
        ---
        kind: checklist
        checklist: pre-launch
        owner: Hannah Okafor
        answered_at: 2026-11-02
        prepared_by: {name: Hannah Okafor, role: Support Systems Engineering Lead, date: 2026-11-02}
        \(reviewer)
        state: final
        ---
        # Pre-launch answers

        - [ ] ACC-1 Not yet.

        """
    }

    static func waiver(reviewer: String) -> String {
        """
        kind: waiver
        id: WVR-1
        framework: soc2
        control: CC6.1
        justification: The CRM cannot expire its tokens.
        owner: {name: Hannah Okafor, role: Support Systems Engineering Lead}
        approver: {name: Fiona Marsh, role: Head of IT Operations}
        granted_at: 2026-09-05
        expires_at: 2027-03-05
        prepared_by: {name: Tomasz Wilk, role: Senior Integration Engineer, date: 2026-09-04}
        reviewed_by: {name: \(reviewer), role: Head of IT Operations, date: 2026-09-05}
        state: final

        """
    }

    static let reviewedByAisha = "reviewed_by: {name: Aisha Mensah, role: Platform Security Engineer, date: 2026-11-03}"

    /// Builds the pack of a draft configuration, a checklist and a waiver, each with the reviewer given.
    private func build(checklistReviewer: String, waiverReviewer: String) throws -> (TemporaryFolder, CommandRunner.Outcome) {
        try build(["dossier.yml": Self.configuration, "checklist.md": Self.checklist(reviewer: checklistReviewer), "waiver.yml": Self.waiver(reviewer: waiverReviewer)])
    }

    private func build(_ files: [String: String]) throws -> (TemporaryFolder, CommandRunner.Outcome) {
        let folder = try TemporaryFolder(files.reduce(into: [:]) { $0["evidence/" + $1.key] = $1.value })
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"  // 2026-11-23
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["build", "evidence", "--output", "pack"], in: folder.url, environment: environment)
        return (folder, outcome)
    }

    @Test func finalWithoutReviewerAndSelfReviewFailTheBuildAtTheirLines() throws {
        let (folder, outcome) = try build(checklistReviewer: "", waiverReviewer: "tomasz  WILK")
        defer { folder.remove() }
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("evidence/checklist.md:8:8: error: The workpaper is marked final but names no reviewer; add 'reviewed_by: {name, role, date}', or set 'state: draft' until it is reviewed [dossier.signoff.no-reviewer]"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("evidence/waiver.yml:11:21: error: The workpaper is reviewed by its own preparer, Tomasz Wilk (written 'tomasz  WILK'); a review needs a second person: name who reviewed it [dossier.signoff.self-review]"), "\(outcome.stderr)")

        // The same evidence, reviewed by second people, builds without an error.
        let (fixed, clean) = try build(checklistReviewer: Self.reviewedByAisha, waiverReviewer: "Fiona Marsh")
        defer { fixed.remove() }
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(!clean.stderr.contains("dossier.signoff."))
    }

    @Test func theSignOffShowsOnThePagesInTheReportAndInOSCAL() throws {
        let (folder, outcome) = try build(checklistReviewer: Self.reviewedByAisha, waiverReviewer: "Fiona Marsh")
        defer { folder.remove() }
        #expect(outcome.status == 0, "\(outcome.stderr)")

        // A draft pack: every page says so, in words, and in its title.
        let pages = try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("pack").path).filter { $0.hasSuffix(".html") }
        #expect(pages.count > 20)
        for page in pages {
            let html = try folder.read("pack/" + page)
            #expect(html.contains(#"<p class="draft-mark" role="note"><strong>Draft</strong>"#), "\(page) has no Draft mark")
            #expect(html.contains("<title>Draft: "), "\(page)'s title does not say Draft")
        }
        let overview = try folder.read("pack/index.html")
        #expect(overview.contains("Sign-off of this pack"))
        #expect(overview.contains("<dt>Prepared by</dt><dd>Hannah Okafor (Support Systems Engineering Lead), 2026-11-20</dd>"))
        #expect(overview.contains("<dt>Reviewed by</dt><dd>nobody named</dd>"))

        let answers = try folder.read("pack/evidence/checklist.html")
        #expect(answers.contains(#"<span class="status sign-off-final">Final</span>"#))
        #expect(answers.contains("<dt>Reviewed by</dt><dd>Aisha Mensah (Platform Security Engineer), 2026-11-03</dd>"))
        #expect(answers.contains(#"<tr><th scope="row">Answered by</th><td>Hannah Okafor</td></tr>"#))
        #expect(answers.contains(#"<tr><th scope="row">Answered on</th><td>2026-11-02</td></tr>"#))
        #expect(try folder.read("pack/evidence/waiver.yml.html").contains("<dt>Prepared by</dt><dd>Tomasz Wilk (Senior Integration Engineer), 2026-09-04</dd>"))

        let report = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/report.json").utf8)) as! [String: Any]
        let pack = try #require(report["sign_off"] as? [String: Any])
        #expect(pack["state"] as? String == "draft" && pack["file"] as? String == "evidence/dossier.yml")
        #expect((pack["prepared_by"] as? [String: Any])?["name"] as? String == "Hannah Okafor")
        #expect(pack["reviewed_by"] == nil)
        let workpapers = try #require(report["sign_offs"] as? [[String: Any]])
        #expect(workpapers.map { $0["file"] as? String } == ["evidence/checklist.md", "evidence/waiver.yml"])
        #expect(workpapers.map { $0["state"] as? String } == ["final", "final"])
        #expect((workpapers[1]["reviewed_by"] as? [String: Any])?["date"] as? String == "2026-09-05")

        let oscal = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/oscal-assessment-results.json").utf8)) as! [String: Any]
        let metadata = (oscal["assessment-results"] as! [String: Any])["metadata"] as! [String: Any]
        let responsible = try #require(metadata["responsible-parties"] as? [[String: Any]])
        #expect(responsible.map { $0["role-id"] as? String } == ["preparer"])
        let parties = try #require(metadata["parties"] as? [[String: Any]])
        let hannah = try #require(parties.first { $0["name"] as? String == "Hannah Okafor" })
        #expect(hannah["type"] as? String == "person")
        #expect((responsible[0]["party-uuids"] as? [String]) == [hannah["uuid"] as! String])
        #expect((metadata["roles"] as? [[String: Any]])?.map { $0["id"] as? String } == ["preparer", "reviewer"])
    }

    @Test func theSignersOfAWithheldConfigurationAreNotPublished() throws {
        let configuration = "organisation: Acme \(SecretFormTests.key)\nframeworks: [soc2]\n" + SecretFormTests.period + """
            sign_off:
              prepared_by: {name: Priya Preparer, role: Compliance Lead, date: 2026-11-01}
              reviewed_by: {name: Rex Reviewer, role: Internal Audit, date: 2026-11-02}
              state: final

            """
        let (status, _, pack) = try SecretFormTests.build(["dossier.yml": configuration])
        #expect(status == 1, "the secret is an error")
        for name in ["Priya Preparer", "Rex Reviewer", "Compliance Lead", "Internal Audit"] {
            SecretFormTests.assertAbsent(name, from: pack, "signer")
        }
        let index = try String(contentsOf: pack.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<dt>Prepared by</dt><dd>[withheld: dossier.secret.aws-access-key], 2026-11-01</dd>"))
        #expect(index.contains(#"<span class="status sign-off-final">Final</span>"#), "the state and dates are kept")
    }
}
