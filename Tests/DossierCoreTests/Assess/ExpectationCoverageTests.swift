@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// A log expectation's coverage is measured on the days of the audit period up to the build date.
@Suite struct ExpectationCoverageTests {
    static let files = [
        "list.yml": """
            kind: checklist-definition
            checklist: cov
            name: Coverage
            source: tests
            frameworks: [iso27001-2022]
            items:
              - {id: C-1, section: S, text: Sign-ins are logged all period, controls: {iso27001-2022: ["8.15"]}, expects: [{log: {kinds: [authentication], coverage: 0.5}}], wants: A log}
            """,
        "answers.md": "---\nkind: checklist\nchecklist: cov\n---\n# Answers\n\n- [x] C-1 See the [log](logs/a.jsonl).\n",
        "logs/format.yml": """
            kind: log-format
            id: f
            name: F
            paths: ["logs/*.jsonl"]
            timestamp: {field: ts}
            kinds:
              - {kind: authentication, when: [{field: event, equals: auth}]}
            """,
        "logs/a.jsonl": "{\"ts\": \"2026-11-01T10:00:00Z\", \"event\": \"auth\"}\n",
    ]

    @Test func aPeriodStartingAfterTheBuildDateIsReportedNotATrap() throws {
        let configuration = "organisation: T\nscope: T\nframeworks: [iso27001-2022]\naudit_period: {start: 2027-01-01, end: 2027-12-31}\n"
        let item = try #require(try AssessmentFixture.check(Self.files, configuration: configuration).compliance.items.first { $0.item.id == "C-1" })
        #expect(item.status == .claimed)
        #expect(item.reason.contains("the audit period starts 2027-01-01, after the build date"))
    }

    @Test func daysAfterTheBuildDateAreNotCounted() throws {
        // 2026-11-01 to 2026-11-23 (the build date) is 23 days; one event covers 1 of them.
        let configuration = "organisation: T\nscope: T\nframeworks: [iso27001-2022]\naudit_period: {start: 2026-11-01, end: 2026-12-31}\n"
        let item = try #require(try AssessmentFixture.check(Self.files, configuration: configuration).compliance.items.first { $0.item.id == "C-1" })
        #expect(item.reason.contains("events fall on 1 of the 23 days"), "\(item.reason)")
    }
}

/// A document proves nothing until it names a real owner.
@Suite struct DocumentOwnerTests {
    @Test(arguments: ["TBD", "unknown", "n/a", "TODO"])
    func anOwnerStillToBeFoundIsNoOwner(_ owner: String) throws {
        let files = [
            "list.yml": """
                kind: checklist-definition
                checklist: doc
                name: Documents
                source: tests
                frameworks: [iso27001-2022]
                items:
                  - {id: D-1, section: S, text: A policy exists, controls: {iso27001-2022: ["5.1"]}, expects: [{document: {why: a policy}}], wants: The policy}
                """,
            "answers.md": "---\nkind: checklist\nchecklist: doc\n---\n# Answers\n\n- [x] D-1 See the [policy](policy.md).\n",
            "policy.md": "---\nowner: \(owner)\nreviewed_at: 2026-10-01\nfreshness: 365\n---\n# Policy\n\nAccess is reviewed every quarter.\n",
        ]
        let item = try #require(try AssessmentFixture.check(files).compliance.items.first { $0.item.id == "D-1" })
        #expect(item.status == .claimed)
        #expect(item.reason.contains("names no owner yet"), "\(item.reason)")
    }
}
