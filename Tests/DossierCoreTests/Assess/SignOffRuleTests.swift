@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// What an auditor checks of a sign-off, at the fixture's build date (2026-11-23): a final workpaper
/// names a reviewer other than its preparer, reviewed after it was prepared and not after the build.
@Suite struct SignOffRuleTests {
    static func answers(_ frontMatter: String) -> String {
        "---\nkind: checklist\nchecklist: pre-launch\n\(frontMatter)\n---\n# Answers\n\n- [x] ACC-1 Done.\n"
    }

    static func signing(prepared: String = "2026-10-05", reviewer: String? = "Aisha Mensah", reviewed: String = "2026-10-06", state: String? = "final") -> String {
        var lines = ["prepared_by: {name: Hannah Okafor, role: Support Systems Engineering Lead, date: \(prepared)}"]
        if let reviewer { lines.append("reviewed_by: {name: \"\(reviewer)\", role: Platform Security Engineer, date: \(reviewed)}") }
        if let state { lines.append("state: \(state)") }
        return lines.joined(separator: "\n")
    }

    /// The sign-off findings, as `line:column id`.
    private func findings(_ files: [String: String], configuration: String = AssessmentFixture.configuration) throws -> [String] {
        try AssessmentFixture.check(files, configuration: configuration).diagnostics
            .filter { DiagnosticID.isSignOff($0.identifier) }
            .map { "\($0.file ?? "-"):\($0.location?.description ?? "-") \($0.identifier)" }.sorted()
    }

    @Test func aSignedFinalChecklistIsClean() throws {
        #expect(try findings(["answers.md": Self.answers(Self.signing())]) == [])
    }

    @Test func finalWithoutAReviewerIsAnErrorAtTheState() throws {
        let result = try AssessmentFixture.check(["answers.md": Self.answers(Self.signing(reviewer: nil))])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.signoff.no-reviewer" })
        #expect(finding.severity == .error)
        #expect(finding.file == "answers.md" && finding.location == SourceLocation(line: 5, column: 8))
        #expect(finding.summary.contains("add 'reviewed_by: {name, role, date}'"))
        // A draft may wait for its reviewer.
        #expect(try findings(["answers.md": Self.answers(Self.signing(reviewer: nil, state: "draft"))]) == [])
    }

    @Test func selfReviewIgnoresCaseSpacingAndAccents() throws {
        for written in ["Hannah Okafor", "  hannah   OKAFOR ", "Hannah Okafór"] {
            #expect(try findings(["answers.md": Self.answers(Self.signing(reviewer: written))]) == ["answers.md:5:21 dossier.signoff.self-review"], "\(written)")
        }
        // Even a draft may not record a review by its own preparer.
        #expect(try findings(["answers.md": Self.answers(Self.signing(reviewer: "Hannah Okafor", state: "draft"))]) == ["answers.md:5:21 dossier.signoff.self-review"])
    }

    @Test func aReviewBeforeThePreparationIsAnError() throws {
        #expect(try findings(["answers.md": Self.answers(Self.signing(prepared: "2026-10-05", reviewed: "2026-10-04"))])
            == ["answers.md:5:77 dossier.signoff.review-before-preparation"])
        // On the same day: earlier by the clock only when both times are written.
        #expect(try findings(["answers.md": Self.answers(Self.signing(prepared: "2026-10-05T15:00:00Z", reviewed: "2026-10-05"))]) == [])
        #expect(try findings(["answers.md": Self.answers(Self.signing(prepared: "2026-10-05T15:00:00Z", reviewed: "2026-10-05T09:00:00Z"))])
            == ["answers.md:5:77 dossier.signoff.review-before-preparation"])
    }

    @Test func aSignatureAfterTheBuildDateIsAnError() throws {
        #expect(try findings(["answers.md": Self.answers(Self.signing(prepared: "2026-11-24", reviewed: "2026-11-25"))])
            == ["answers.md:4:82 dossier.signoff.future", "answers.md:5:77 dossier.signoff.future"])
        #expect(try findings(["answers.md": Self.answers(Self.signing(prepared: "2026-11-23", reviewed: "2026-11-23T18:00:00Z"))]) == [],
                "later on the build day is not the future")
    }

    @Test func aReviewerWithoutAPreparerIsAWarning() throws {
        let frontMatter = "reviewed_by: {name: Aisha Mensah, role: Platform Security Engineer, date: 2026-10-06}\nstate: final"
        let result = try AssessmentFixture.check(["answers.md": Self.answers(frontMatter)])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.signoff.no-preparer" })
        #expect(finding.severity == .warning && finding.location == SourceLocation(line: 4, column: 21))
    }

    @Test func answersDatedAfterTheReviewAreAWarning() throws {
        #expect(try findings(["answers.md": Self.answers("answered_at: 2026-10-07\n" + Self.signing())]) == ["answers.md:6:77 dossier.signoff.review-before-answers"])
        #expect(try findings(["answers.md": Self.answers("answered_at: 2026-10-06\n" + Self.signing())]) == [])
    }

    @Test func thePacksSignOffIsCheckedInTheConfiguration() throws {
        let pack = AssessmentFixture.configuration + "\nsign_off:\n  prepared_by: {name: Hannah Okafor, role: Lead, date: 2026-11-02}\n  state: final"
        #expect(try findings([:], configuration: pack) == ["dossier.yml:7:10 dossier.signoff.no-reviewer"])
        let selfReviewed = pack + "\n  reviewed_by: {name: hannah okafor, role: Lead, date: 2026-11-03}"
        #expect(try findings([:], configuration: selfReviewed) == ["dossier.yml:8:23 dossier.signoff.self-review"])
    }

    @Test func aFinalPackHoldsNoDraftWorkpaper() throws {
        let pack = AssessmentFixture.configuration + """

            sign_off:
              prepared_by: {name: Hannah Okafor, role: Lead, date: 2026-11-02}
              reviewed_by: {name: Fiona Marsh, role: Head of IT Operations, date: 2026-11-03}
              state: final
            """
        #expect(try findings(["answers.md": Self.answers(Self.signing(state: nil))], configuration: pack) == ["answers.md:2:1 dossier.signoff.draft-in-final-pack"])
        #expect(try findings(["answers.md": Self.answers(Self.signing(state: "draft"))], configuration: pack) == ["answers.md:6:8 dossier.signoff.draft-in-final-pack"])
        // A draft pack may hold drafts; a file that states no sign-off is not a draft workpaper.
        #expect(try findings(["answers.md": Self.answers(Self.signing(state: "draft"))], configuration: pack.replacingOccurrences(of: "state: final", with: "state: draft")) == [])
        #expect(try findings(["answers.md": Self.answers("owner: Hannah Okafor")], configuration: pack) == [])
    }

    /// Sign-off errors fail the build but weigh on no verdict: every item and control decides as before.
    @Test func signOffErrorsChangeNoVerdict() throws {
        let clean = try AssessmentFixture.files(ofFixture: "verdicts/expect-approval/evidence")
        var signed = clean
        let badly = "prepared_by: {name: Tom Builder, role: Engineer, date: 2026-12-01}\nreviewed_by: {name: tom  builder, role: Engineer, date: 2026-01-01}\nstate: final"
        // Only files no approval is bound to: a changed hash would change the verdicts by itself.
        signed["checklists/answers.md"] = clean["checklists/answers.md"]!.replacingOccurrences(of: "kind: checklist\n", with: "kind: checklist\n\(badly)\n")
        signed["activities/support-bot.yml"] = clean["activities/support-bot.yml"]! + "\n" + badly + "\n"
        for path in clean.keys where path.hasPrefix("approvals/") {
            signed[path] = "{\"state\": \"final\", \"prepared_by\": {\"name\": \"Tom Builder\", \"role\": \"Engineer\", \"date\": \"2026-12-01\"}," + clean[path]!.drop { $0 != "{" }.dropFirst()
        }
        let before = try AssessmentFixture.check(clean), after = try AssessmentFixture.check(signed)
        let errors = after.diagnostics.filter { DiagnosticID.isSignOff($0.identifier) && $0.severity == .error }
        #expect(Set(errors.compactMap(\.file)) == ["checklists/answers.md", "activities/support-bot.yml", "approvals/dfd-1.json", "approvals/rel-1.json"])
        #expect(before.compliance.items.contains { $0.status == .proven }, "the fixture proves something to lose")
        #expect(after.compliance.items.map { "\($0.item.id) \($0.status) \($0.reason)" } == before.compliance.items.map { "\($0.item.id) \($0.status) \($0.reason)" })
        #expect(after.compliance.verdicts.map { "\($0.framework) \($0.control) \($0.status) \($0.chain.map(\.text))" }
            == before.compliance.verdicts.map { "\($0.framework) \($0.control) \($0.status) \($0.chain.map(\.text))" })
        #expect(after.diagnostics.filter { !DiagnosticID.isSignOff($0.identifier) }.map(\.identifier).sorted() == before.diagnostics.map(\.identifier).sorted())
    }
}
