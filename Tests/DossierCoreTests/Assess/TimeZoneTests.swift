@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// A date-time written without a zone (`2026-05-01T10:00:00`) is read in `timezone:` of dossier.yml,
/// UTC by default; it used to be refused as "not an ISO 8601 date" (issue 26).
@Suite struct TimeZoneTests {
    private static func instant(_ text: String) -> Date? { ISODate.parse(text) }

    @Test func aDateTimeWithoutAZoneIsReadInTheGivenZone() throws {
        let auckland = try #require(TimeZone(identifier: "Pacific/Auckland"))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(ISODate.parse("2026-05-01T10:00:00", zone: auckland) == Self.instant("2026-04-30T22:00:00Z"))
        #expect(ISODate.parse("2026-05-01T10:00:00") == Self.instant("2026-05-01T10:00:00Z"), "UTC by default")
        // Summer time is the zone's: the same wall-clock hour is an hour apart in January and July.
        #expect(ISODate.parse("2026-01-15T12:00:00", zone: berlin) == Self.instant("2026-01-15T11:00:00Z"))
        #expect(ISODate.parse("2026-07-15T12:00:00.5", zone: berlin) == Self.instant("2026-07-15T10:00:00.5Z"))
        // A written zone wins, and a plain date stays a calendar day.
        #expect(ISODate.parse("2026-05-01T10:00:00+02:00", zone: auckland) == Self.instant("2026-05-01T08:00:00Z"))
        #expect(ISODate.parse("2026-05-01", zone: auckland) == Self.instant("2026-05-01T00:00:00Z"))
        for bad in ["2026-05-01T25:00:00", "2026-02-30T10:00:00", "2026-05-01T10:00:00.", "2026-05-01T10:00:00 junk"] {
            #expect(ISODate.parse(bad, zone: berlin) == nil, "\(bad)")
        }
    }

    /// Reviewed at 05:00 on 24 November, checked on 23 November (UTC): in UTC the review is dated after
    /// the build; in Auckland (UTC+13) it was made at 16:00 UTC on the 23rd, and is fresh.
    @Test func theZoneDecidesWhetherAReviewIsDatedAfterTheBuild() throws {
        let review = ["review.md": "---\nreviewed_at: 2026-11-24T05:00:00\nfreshness: 30\n---\n# Review\n"]
        let utc = try AssessmentFixture.check(review)
        #expect(utc.ids("dossier.freshness") == ["dossier.freshness.future"])
        #expect(utc.ids("dossier.freshness.bad-date") == [], "read, not refused")
        let auckland = try AssessmentFixture.check(review, configuration: AssessmentFixture.configuration + "\ntimezone: Pacific/Auckland\n")
        #expect(auckland.ids("dossier.freshness") == [])
        #expect(auckland.ids("dossier.config") == [])
    }

    @Test func anUnknownZoneIsReportedWithTheNearestNameAndUTCIsUsed() throws {
        let review = ["review.md": "---\nreviewed_at: 2026-11-24T05:00:00\nfreshness: 30\n---\n# Review\n"]
        let result = try AssessmentFixture.check(review, configuration: AssessmentFixture.configuration + "\ntimezone: Europe/Berlim\n")
        let problem = try #require(result.diagnostics.first { $0.identifier == "dossier.config.unknown-timezone" })
        #expect(problem.file == "dossier.yml" && problem.location == SourceLocation(line: 5, column: 11))
        #expect(problem.severity == .error)
        #expect(problem.suggestion?.replacement == "Europe/Berlin")
        #expect(problem.summary.contains("'Europe/Berlim'") && problem.summary.contains("did you mean 'Europe/Berlin'?"))
        #expect(result.ids("dossier.freshness") == ["dossier.freshness.future"], "read in UTC")
    }

    /// Every reader of dates takes the zone: a record's fields, a sign-off, the audit period.
    @Test func recordsSignOffsAndTheAuditPeriodReadTheZone() throws {
        let result = try AssessmentFixture.check([
            "approvals/a.json": """
                {"kind": "approval", "id": "CAB-1", "subject": {"release": "v1"}, "requester": {"name": "A B", "role": "Engineer"},
                 "approver": {"name": "C D", "role": "Head of IT"}, "decision": "approved", "decided_at": "2026-06-01T09:00:00",
                 "prepared_by": {"name": "A B", "role": "Engineer", "date": "2026-06-01T08:00:00"}}
                """,
        ], configuration: """
            organisation: Test Ltd
            scope: Test
            frameworks: [gdpr]
            timezone: Europe/Berlin
            audit_period: {start: 2026-01-01T00:00:00, end: 2026-12-31T23:59:59}
            sign_off:
              prepared_by: {name: A B, role: Engineer, date: 2026-11-02T09:30:00}
            """)
        #expect(result.diagnostics.filter { $0.identifier.hasSuffix(".bad-date") }.isEmpty, "\(result.diagnostics)")
        let period = try #require(result.configuration?.auditPeriod)
        #expect(period.start == Self.instant("2025-12-31T23:00:00Z") && period.end == Self.instant("2026-12-31T22:59:59Z"))
        #expect(result.configuration?.signOff?.preparedBy?.date == Self.instant("2026-11-02T08:30:00Z"))
        let document = try #require(result.documents.first { $0.path == "approvals/a.json" })
        guard case .approval(let approval)? = document.record else { Issue.record("not read as an approval"); return }
        #expect(approval.decidedAt == Self.instant("2026-06-01T07:00:00Z"))
        #expect(document.signOff?.preparedBy?.date == Self.instant("2026-06-01T06:00:00Z"))
    }

    @Test func aPackWithAZoneIsBuiltTheSameTwice() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": AssessmentFixture.configuration + "\ntimezone: Pacific/Auckland\n",
            "evidence/review.md": "---\nreviewed_at: 2026-11-24T05:00:00\nfreshness: 30\n---\n# Review\n",
        ])
        defer { folder.remove() }
        var packs: [[String: Data]] = []
        for output in ["one", "two"] {
            let options = BuildOptions(
                evidence: folder.subfolder("evidence"), output: folder.subfolder(output), environment: ["SOURCE_DATE_EPOCH": AssessmentFixture.epoch])
            _ = try BuildPipeline(options: options).build()
            packs.append(FolderSnapshot.files(under: folder.subfolder(output)))
        }
        #expect(!packs[0].isEmpty && packs[0] == packs[1])
        let page = String(decoding: try #require(packs[0]["evidence/review.html"]), as: UTF8.self)
        #expect(page.contains("<dt>Reviewed</dt><dd>2026-11-23"), "the review's UTC day, read in Auckland")
    }
}
