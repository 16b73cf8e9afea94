import DossierTestSupport
import Foundation
import Testing

/// Representative pages of a small fixed pack, compared byte for byte with recorded copies.
///
/// After an intended change to the theme or the pages, record them again and review the diff:
/// `DOSSIER_RECORD_GOLDEN=1 make test` (or `swift test --filter GoldenPageTests` with the variable set).
@Suite struct GoldenPageTests {
    static let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/golden")
    static let pages = [
        "index.html", "frameworks/soc2.html", "controls/soc2/CC6.1.html", "activities/golden.html",
        "evidence/review.html", "evidence/checklist.html", "evidence/activity.yml.html", "findings.html",
    ]
    static var recording: Bool { ProcessInfo.processInfo.environment["DOSSIER_RECORD_GOLDEN"] == "1" }

    @Test(arguments: pages)
    func pageMatchesItsRecordedCopy(_ page: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        // Copy the fixture so that no git history gives it a commit line that changes with every commit.
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        let outcome = try CommandRunner.run(
            Repository.dossierBinary, ["build", "evidence", "--output", "pack", "--quiet"], in: folder.url, environment: environment)
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.stderr)")
        let rendered = try folder.read("pack/" + page)
        let golden = Self.fixture.appendingPathComponent("expected/" + page)
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if rendered != expected {
            let first = zip(rendered.split(separator: "\n", omittingEmptySubsequences: false), expected.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("\(page) differs from its recorded copy at line \((first?.offset ?? 0) + 1): got '\(first?.element.0 ?? "")', expected '\(first?.element.1 ?? "")'. Record again with DOSSIER_RECORD_GOLDEN=1 if the change is intended.")
        }
    }
}
