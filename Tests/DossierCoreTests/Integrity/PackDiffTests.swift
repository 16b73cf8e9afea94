@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// `dossier diff` on hand-written packs (`Tests/Fixtures/diff/`): a version-1 report (no
/// `schema_version`) and a version-2 one, whose controls are unchanged while checklist items move.
@Suite struct PackDiffTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/diff")
    static let old = fixtures.appendingPathComponent("v1-old"), new = fixtures.appendingPathComponent("v2-new")

    @Test func itemsThatLostProofOrBecameContradictedAreRegressionsThoughNoControlMoved() throws {
        let diff = try PackDiff(old: Self.old, new: Self.new)
        #expect(diff.statusChanges.isEmpty, "the control: the controls report nothing")
        #expect(diff.itemChanges.map(\.line) == [
            "pre-launch ACC-2: proven → claimed",
            "pre-launch ACC-3: open → contradicted",
            "pre-launch ACC-7: absent → contradicted",
            "pre-launch ACC-4: proven → absent",
            "pre-launch ACC-5: claimed → open",
            "pre-launch ACC-6: absent → open",
        ])
        #expect(diff.itemChanges.map(\.regression) == [true, true, true, true, false, false])
        #expect(diff.hasRegressions)
        #expect(diff.text.contains("""
            Regressions (4)
              pre-launch ACC-2: proven → claimed
              pre-launch ACC-3: open → contradicted
              pre-launch ACC-7: absent → contradicted
              pre-launch ACC-4: proven → absent

            Other status changes (2)
              pre-launch ACC-5: claimed → open
              pre-launch ACC-6: absent → open
            """), "\(diff.text)")
    }

    @Test func theJSONListsItemChangesAndLeavesOutAnAbsentSide() throws {
        let json = try JSONSerialization.jsonObject(with: try PackDiff(old: Self.old, new: Self.new).json()) as? [String: Any]
        let changes = try #require(json?["item_changes"] as? [[String: Any]])
        #expect(changes.count == 6)
        #expect(changes[0]["checklist"] as? String == "pre-launch" && changes[0]["id"] as? String == "ACC-2")
        #expect(changes[0]["old"] as? String == "proven" && changes[0]["new"] as? String == "claimed" && changes[0]["regression"] as? Bool == true)
        #expect(changes[3]["id"] as? String == "ACC-4" && changes[3]["new"] == nil, "the item is gone: no 'new'")
        #expect((json?["status_changes"] as? [Any])?.isEmpty == true)
    }

    @Test func improvementsAndNewOrGoneItemsThatWereNotProvenAreNoRegression() throws {
        // Backwards: a version-2 pack compared with a version-1 one.
        let diff = try PackDiff(old: Self.new, new: Self.old)
        #expect(!diff.hasRegressions, "\(diff.itemChanges.map(\.line))")
        #expect(diff.itemChanges.map(\.line) == [
            "pre-launch ACC-2: claimed → proven",
            "pre-launch ACC-3: contradicted → open",
            "pre-launch ACC-4: absent → proven",
            "pre-launch ACC-5: open → claimed",
            "pre-launch ACC-6: open → absent",
            "pre-launch ACC-7: contradicted → absent",
        ])
        #expect(try PackDiff(old: Self.new, new: Self.new).itemChanges.isEmpty)
    }

    @Test(arguments: [
        (nil, "proven", false), ("proven", "proven", false), ("proven", "stale", true), ("proven", nil, true),
        ("claimed", "contradicted", true), ("contradicted", "contradicted", false), (nil, "contradicted", true),
        ("open", "claimed", false), ("stale", "open", true),
    ] as [(String?, String?, Bool)])
    func whatIsAnItemRegression(_ old: String?, _ new: String?, _ regressed: Bool) {
        #expect(PackDiff.itemRegressed(from: old, to: new) == regressed)
    }

    @Test func aReportOfALaterSchemaVersionIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Self.new, to: folder.subfolder("v3"))
        let report = try folder.read("v3/report.json").replacingOccurrences(of: "\"schema_version\" : 2", with: "\"schema_version\" : 3")
        try folder.write(report, to: "v3/report.json")
        #expect {
            try PackDiff(old: Self.old, new: folder.subfolder("v3"))
        } throws: { error in
            "\(error)".contains("schema version 3; this Dossier reads report.json up to version 2")
        }
    }

    @Test func theBuildReportStartsWithItsSchemaVersion() throws {
        let result = try AssessmentFixture.check(["act.yml": AssessmentFixture.activity()])
        let context = ReportContext(result: result, generator: "Dossier test", evidencePrefix: "evidence/")
        let text = String(decoding: try BuildReport(context).file().contents, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"schema_version\" : 2,\n  \"build_date\" : "), "\(text.prefix(80))")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["schema_version"] as? Int == 2 && parsed?["items"] != nil)
    }
}
