@testable import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// An evidence page says when its file was reviewed, by whom, and until when that review holds —
/// for fresh evidence too, not only in the stale warning (issue 26: "fresh evidence pages do not say
/// when the evidence was reviewed or until when it is valid").
@Suite struct EvidenceReviewTests {
    @Test func freshStaleAndUndatedFilesSayWhereTheyStand() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": """
                organisation: Test Ltd
                frameworks: [gdpr]
                audit_period: {start: 2026-01-01, end: 2026-12-31}
                policy:
                  freshness: {access_review_days: 92}
                """,
            "evidence/fresh.md": "---\nowner: Ann Lee\nreviewed_at: 2026-11-01\nfreshness: access-review\n---\n# Fresh\n",
            "evidence/stale.md": "---\nreviewed_at: 2026-01-01\nfreshness: 30\n---\n# Stale\n",
            "evidence/plain.md": "# Plain\n\nNo front matter.\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        _ = try BuildPipeline(options: options).build()
        let fresh = try folder.read("out/evidence/fresh.html")
        #expect(fresh.contains("<dt>Owner</dt><dd>Ann Lee</dd>"))
        #expect(fresh.contains("<dt>Reviewed</dt><dd>2026-11-01 <span class=\"muted\">(access-review window, 92 days)</span></dd>"))
        #expect(fresh.contains("<dt>Valid until</dt><dd>2027-02-01 <span class=\"badge review-fresh\">Fresh</span></dd>"), "\(fresh)")
        let stale = try folder.read("out/evidence/stale.html")
        #expect(stale.contains("(30-day window)") && stale.contains("2026-01-31 <span class=\"badge review-stale\">Stale</span>"))
        #expect(!stale.contains("<dt>Owner</dt>"), "no owner stated, none shown")
        #expect(!(try folder.read("out/evidence/plain.html")).contains("<dt>Reviewed</dt>"))
    }
}
