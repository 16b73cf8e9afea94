@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
import DossierTestSupport
import Foundation
import Testing

/// The Statement of Applicability a certification body accepts: every Annex A control decided or
/// shown as undecided (counted, listed, never filed with the controls decided out), and the
/// organisation's own justification and implementation statement carried verbatim, apart from the
/// verdict Dossier reaches on the evidence.
@Suite struct ApplicabilityTests {
    static let configuration = """
        organisation: Test Ltd
        frameworks: [t, iso27001-2022]
        audit_period: {start: 2026-01-01, end: 2026-12-31}
        """

    /// Words an auditor must see as written: quotes, a comma, a line's worth of text, non-ASCII.
    static let justification = #"Logging is central to "incident" response, so the SIEM keeps 13 months — see the runbook"#

    static let decisions = """
        kind: applicability
        decisions:
          - {framework: iso27001-2022, control: "8.15", applicable: true, justification: '\(justification)', implementation: in-progress, documents: [doc.md, "Logging standard v2 (intranet)"]}
          - {framework: iso27001-2022, control: "7.5", applicable: false, justification: No premises of our own}
          - {framework: iso27001-2022, control: "5.2", applicable: undecided}
          - {framework: iso27001-2022, control: "5.15", applicable: true, justification: Access is central, implementation: in-place}
          - {framework: iso27001-2022, control: "5.16", applicable: true, justification: Identities are managed centrally}
        """

    /// A user framework `t` whose T-1 is satisfied, mapped as equivalent to ISO 5.15 and 5.1.
    static let files: [String: String] = [
        "fw/t.yml": "kind: framework\nframework: t\nname: T\nsource: tests\ncontrols:\n  - {id: T-1, title: One}\n",
        "fw/iso-to-t.yml": """
            kind: mapping
            id: iso-to-t
            name: ISO to T
            source_framework: iso27001-2022
            target_framework: t
            source: tests, https://example.invalid/mapping
            relations:
              - {source: "5.15", target: T-1, relationship: equivalent}
              - {source: "5.1", target: T-1, relationship: equivalent}
            """,
        "fw/tc.yml": """
            kind: checklist-definition
            checklist: tc
            name: Test checklist
            source: tests
            frameworks: [t]
            items:
              - {id: I-1, section: S, text: One, controls: {t: [T-1]}, expects: [{document: {why: a written record}}], wants: a document}
            """,
        "answers.md": "---\nkind: checklist\nchecklist: tc\n---\n- [x] I-1 Done, see [doc](doc.md)\n",
        "doc.md": "---\nowner: Ann\nreviewed_at: 2026-11-01\nfreshness: 365\n---\n# Doc\n",
        "soa.yml": decisions,
    ]

    static func result(_ files: [String: String] = files) throws -> Assessment {
        try AssessmentFixture.check(files, configuration: configuration)
    }

    @Test func aControlWithoutADecisionIsUndecidedAndCountedInScope() throws {
        let result = try Self.result()
        let iso = result.compliance
        #expect(iso.verdict("iso27001-2022", "7.5")?.status == .notApplicable)
        #expect(iso.verdict("iso27001-2022", "5.2")?.status == .undecided, "an explicit `undecided` decides nothing")
        #expect(iso.verdict("iso27001-2022", "5.3")?.status == .undecided, "no decision at all")
        #expect(iso.verdict("iso27001-2022", "5.16")?.status == .missing, "decided applicable, nothing evidences it")
        let coverage = iso.coverage(for: "iso27001-2022")
        #expect(coverage.counts[.notApplicable] == 1 && coverage.counts[.outOfScope] == nil)
        #expect(coverage.inScope == 92, "an undecided control counts until it is decided out")
        #expect(coverage.counts[.undecided] == 88, "93 less 7.5 (N/A), 8.15 and 5.16 (missing), 5.15 and 5.1 (carried)")
    }

    @Test func oneWarningListsTheUndecidedControlsOnTheDecisionsFile() throws {
        let result = try Self.result()
        let warnings = result.diagnostics.filter { $0.identifier == "dossier.applicability.undecided" }
        try #require(warnings.count == 1)
        let warning = warnings[0]
        #expect(warning.severity == .warning && warning.file == "soa.yml")
        #expect(warning.summary.hasPrefix("89 of 93 controls of ISO/IEC 27001:2022 Annex A have no applicability decision: 5.1, 5.2, 5.3,"))
        #expect(!warning.summary.contains(" 7.5,") && !warning.summary.contains("8.15") && !warning.summary.contains("5.16"))
        let note = result.diagnostics.first { $0.identifier == "dossier.applicability.no-implementation" }
        #expect(note?.summary.contains(": 5.16.") == true, "5.16 is applicable with no implementation stated: \(note?.summary ?? "none")")
        let none = try Self.result(Self.files.merging(["soa.yml": "kind: applicability\ndecisions: []\n"]) { _, b in b })
        #expect(none.diagnostics.contains { $0.identifier == "dossier.applicability.undecided" && $0.summary.hasPrefix("93 of 93") })
    }

    /// The three cases of the carrying rule (docs/rules.md): decided out, nothing carries; undecided,
    /// the verdict is carried and the control stays undecided in the SoA; decided applicable without
    /// evidence of its own, the verdict is carried under the decision.
    @Test func aMappingCarriesAVerdictIntoUndecidedAndDecidedControlsButNotIntoOnesDecidedOut() throws {
        var files = Self.files
        files["soa.yml"] = Self.decisions + "\n  - {framework: iso27001-2022, control: \"5.17\", applicable: false, justification: Not ours}\n"
        files["fw/iso-to-t.yml"] = files["fw/iso-to-t.yml"]! + "\n  - {source: \"5.17\", target: T-1, relationship: equivalent}\n"
        let iso = try Self.result(files).compliance
        let undecided = try #require(iso.verdict("iso27001-2022", "5.1"))
        #expect(undecided.status == .satisfied && undecided.decision == nil)
        #expect(undecided.chain.first?.text.hasPrefix("carried from t T-1 (satisfied)") == true)
        let decided = try #require(iso.verdict("iso27001-2022", "5.15"))
        #expect(decided.status == .satisfied)
        #expect(decided.chain.map(\.text).prefix(2) == ["declared applicable in soa.yml", decided.chain[1].text])
        #expect(decided.chain[1].text.hasPrefix("carried from t T-1"))
        #expect(iso.verdict("iso27001-2022", "5.17")?.status == .notApplicable)
        let soa = try #require(StatementOfApplicability(assessment: iso))
        #expect(soa.rows.first { $0.control == "5.1" }?.applicable == "undecided", "the evidence does not decide applicability")
    }

    @Test func theOrganisationsWordsReachCSVAndJSONVerbatimBesideTheVerdict() throws {
        let soa = try #require(StatementOfApplicability(assessment: try Self.result().compliance))
        let row = try #require(soa.rows.first { $0.control == "8.15" })
        #expect(row.applicable == "yes" && row.justification == Self.justification && row.implementation == "in-progress")
        #expect(row.documents == ["doc.md", "Logging standard v2 (intranet)"] && row.decidedIn == "soa.yml:3")
        #expect(row.status == "missing", "the verdict on the evidence is its own column")
        let csv = soa.csv.components(separatedBy: "\r\n")
        #expect(csv[0] == #""control","title","applicable","justification","implementation","documents","decided_in","status","reason","evidence""#)
        let quoted = "\"" + Self.justification.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(csv.contains { $0.hasPrefix(#""8.15","Logging","yes","#) && $0.contains(quoted) && $0.contains(#""in-progress","doc.md; Logging standard v2 (intranet)","soa.yml:3","missing""#) })
        let json = try #require(try JSONSerialization.jsonObject(with: soa.json()) as? [String: Any])
        #expect(json["applicable"] as? Int == 3 && json["not_applicable"] as? Int == 1 && json["undecided"] as? Int == 89)
        let control = (json["controls"] as? [[String: Any]])?.first { $0["control"] as? String == "8.15" }
        #expect(control?["justification"] as? String == Self.justification)
        #expect(control?["implementation"] as? String == "in-progress" && control?["decided_in"] as? String == "soa.yml:3")
    }

    @Test func theStatementPageAndTheControlPageShowTheDecision() throws {
        var files = Self.files
        files["dossier.yml"] = Self.configuration
        let folder = try TemporaryFolder(files.mapKeys { "evidence/" + $0 })
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": AssessmentFixture.epoch])
        _ = try BuildPipeline(options: options).build()
        let escaped = Self.justification.replacingOccurrences(of: "\"", with: "&quot;")
        let page = try folder.read("out/statement-of-applicability.html")
        #expect(page.contains(escaped), "the justification, as written, on the SoA")
        #expect(page.contains("<strong>3</strong> applicable · <strong>1</strong> not applicable · <strong>89</strong> undecided"))
        #expect(page.contains(#"<span class="badge implementation-in-progress">In progress</span>"#))
        #expect(page.contains(#"<a href="evidence/doc.html">doc.md</a>"#) && page.contains("Logging standard v2 (intranet)"))
        let control = try folder.read("out/controls/iso27001-2022/8.15.html")
        #expect(control.contains("The organisation&#39;s decision") || control.contains("The organisation's decision"))
        #expect(control.contains(escaped) && control.contains("In progress"))
        let undecided = try folder.read("out/controls/iso27001-2022/5.3.html")
        #expect(undecided.contains(#"<span class="status status-undecided">Undecided</span>"#))
    }

    @Test(arguments: [
        ("  - {framework: iso27001-2022, control: \"5.1\", applicable: maybe, justification: x}", "'applicable' must be true, false or undecided, found 'maybe'"),
        ("  - {framework: iso27001-2022, control: \"5.1\", applicable: true}", "has no 'justification'"),
        ("  - {framework: iso27001-2022, control: \"5.1\", applicable: true, justification: x, implementation: done}", "'implementation' must be one of in-place, in-progress, planned, none, found 'done'"),
    ])
    func aMalformedDecisionIsAnErrorOnItsLine(_ line: String, _ message: String) throws {
        let result = try Self.result(Self.files.merging(["soa.yml": "kind: applicability\ndecisions:\n\(line)\n"]) { _, b in b })
        let error = result.diagnostics.first { $0.severity == .error && $0.file == "soa.yml" }
        #expect(error?.summary.contains(message) == true, "\(error?.summary ?? "no error")")
        #expect(error?.location?.line == 3)
    }

    @Test func anUndecidedScaffoldLineNeedsNoJustification() throws {
        let result = try Self.result(Self.files.merging(["soa.yml": "kind: applicability\ndecisions:\n  - {framework: iso27001-2022, control: \"5.1\", applicable: undecided}\n"]) { _, b in b })
        #expect(!result.diagnostics.contains { $0.severity == .error && $0.file == "soa.yml" })
    }
}

private extension Dictionary where Key == String {
    func mapKeys(_ transform: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
