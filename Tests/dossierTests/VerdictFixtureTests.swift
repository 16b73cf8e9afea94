import DossierTestSupport
import Foundation
import Testing

/// The verdicts an auditor could not sign, each as a fixture folder under Tests/Fixtures/verdicts:
/// built with the binary, and the statuses and diagnostic IDs in `report.json` asserted exactly.
@Suite struct VerdictFixtureTests {
    struct Report: Decodable {
        struct Item: Decodable {
            var checklist: String
            var id: String
            var status: String
            var reason: String
            var evidence: [String]
            var findings: [String]
            var controls: [String: [String]]
        }
        struct Control: Decodable {
            var framework: String
            var control: String
            var status: String
            var evidence: [String]
        }
        struct Finding: Decodable {
            var id: String
            var severity: String
            var file: String?
            var controls: [String: [String]]?
        }
        var evidence_prefix: String
        var items: [Item]
        var controls: [Control]
        var findings: [Finding]

        func item(_ id: String) -> Item? { items.first { $0.id == id } }
        func control(_ framework: String, _ control: String) -> String? {
            controls.first { $0.framework == framework && $0.control == control }?.status
        }
        /// Warning and error IDs, sorted: what a fixture must report, no more and no less — less the
        /// Statement of Applicability's completeness warning, which every fixture assessing ISO/IEC
        /// 27001 without deciding its controls gets (ApplicabilityTests pins it).
        var problems: [String] { findings.filter { $0.severity != "note" && $0.id != "dossier.applicability.undecided" }.map(\.id).sorted() }
    }

    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/verdicts")

    /// Builds a fixture (or any evidence folder) into a fresh pack and reads its `report.json`.
    static func build(_ evidence: URL) throws -> (Report, status: Int32) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let outcome = try CommandRunner.run(
            Repository.dossierBinary, ["build", evidence.path, "--output", folder.subfolder("pack").path, "--quiet", "--no-cache"],
            in: folder.url, environment: environment)
        let data = try Data(contentsOf: folder.subfolder("pack/report.json"))
        return (try JSONDecoder().decode(Report.self, from: data), outcome.status)
    }

    static func fixture(_ name: String) throws -> (Report, status: Int32) {
        try build(fixtures.appendingPathComponent(name).appendingPathComponent("evidence"))
    }

    /// No item is proven and no control satisfied while an error sits on evidence it relies on. An
    /// error that names the controls it bears on (`controls`) weighs on a control only if it names it.
    static func assertNoProofBesideAnError(_ report: Report, _ where_: String) {
        let prefix = report.evidence_prefix
        let errors = report.findings.filter { $0.severity == "error" && $0.file != nil }
        func bearsOn(_ error: Report.Finding, _ framework: String, _ controls: [String]) -> Bool {
            error.controls.map { !Set($0[framework] ?? []).isDisjoint(with: controls) } ?? true
        }
        for item in report.items where item.status == "proven" {
            let files = Set(item.evidence)
            let bad = errors.filter { error in
                files.contains(error.file!) && (error.controls == nil || item.controls.contains { bearsOn(error, $0.key, $0.value) })
            }
            #expect(bad.isEmpty, "\(where_): \(item.checklist) \(item.id) is proven beside \(bad.map(\.id)) on its evidence")
        }
        for control in report.controls where control.status == "satisfied" {
            let files = Set(control.evidence.map { prefix + $0 })
            let bad = errors.filter { error in
                files.contains(error.file!) && bearsOn(error, control.framework, [control.control])
            }
            #expect(bad.isEmpty, "\(where_): \(control.framework) \(control.control) is satisfied beside \(bad.map(\.id)) on its evidence")
        }
    }

    @Test func anLLMLoggingItemIsNotProvenByAKubernetesExecLog() throws {
        let (report, status) = try Self.fixture("llm-log-from-kubernetes")
        let item = try #require(report.item("LLM-1"))
        #expect(item.status == "claimed")
        #expect(item.reason.contains("logs/k8s-exec.jsonl holds no llm-inference event"))
        #expect(report.control("iso27001-2022", "8.15") == "missing")
        #expect(report.problems == ["dossier.item.unproven"])
        #expect(status == 0)
    }

    @Test func aThreeLineNoteProvesNoPolicyNorTheControlMappedToIt() throws {
        let (report, _) = try Self.fixture("three-line-note")
        #expect(report.item("DOC-1")?.status == "claimed")
        #expect(report.item("DOC-1")?.reason.contains("notes/policy.md has no front matter naming its owner and review date") == true)
        #expect(report.item("DOC-2")?.status == "proven", "an owned, reviewed procedure does prove its item")
        #expect(report.control("iso27001-2022", "5.1") == "missing")
        #expect(report.control("fx-policy", "P-1") == "missing", "nothing is carried through the mapping")
        #expect(report.control("iso27001-2022", "5.24") == "satisfied")
        #expect(report.control("fx-policy", "P-2") == "satisfied")
        #expect(report.problems == ["dossier.item.unproven"])
    }

    @Test func aTLSItemIsContradictedByAWeakFlowOnItsGraph() throws {
        let (report, status) = try Self.fixture("tls-contradicted")
        let item = try #require(report.item("FLW-1"))
        #expect(item.status == "contradicted")
        #expect(item.findings == ["dossier.dataflow.weak-tls"])
        #expect(item.reason.contains("data-flows/support-bot.yml:11"))
        #expect(report.control("iso27001-2022", "8.24") == "missing")
        #expect(report.problems == ["dossier.dataflow.weak-tls", "dossier.item.contradicted"])
        #expect(status == 1)
    }

    @Test func aReviewOfAGraphThatChangedSinceProvesNothing() throws {
        let (report, status) = try Self.fixture("stale-approval")
        let item = try #require(report.item("FLW-2"))
        #expect(item.status == "contradicted")
        // The approval's stale hash, and the graph it approved now unreviewed: both check what it asserts.
        #expect(Set(item.findings) == ["dossier.approval.hash-mismatch", "dossier.dataflow.unreviewed"])
        #expect(report.control("iso27001-2022", "5.14") == "missing")
        #expect(report.problems == ["dossier.approval.hash-mismatch", "dossier.dataflow.unreviewed", "dossier.item.contradicted"])
        #expect(status == 1)
    }

    @Test func aChecklistNamingNoActivityIsAnErrorWithASuggestion() throws {
        let (report, status) = try Self.fixture("dangling-integration")
        #expect(report.problems == ["dossier.checklist.unknown-activity", "dossier.checklist.unknown-activity"])
        #expect(report.items.allSatisfy { $0.status == "proven" }, "the answers are still weighed")
        #expect(status == 1)
    }

    @Test func aRefusedLinkSaysWhatTheItemExpects() throws {
        let (report, _) = try Self.fixture("refused-link")
        let item = try #require(report.item("OWN-1"))
        #expect(item.status == "claimed")
        #expect(item.reason.contains("no document evidence is linked"))
        #expect(item.reason.contains("refused: activities/support-bot.yml (a processing-activity, which no expectation takes)"))
        #expect(report.problems == ["dossier.item.unproven"])
    }

    @Test func aLogExpectationWantsItsKindsFieldsAndCoverage() throws {
        let (report, _) = try Self.fixture("expect-log")
        #expect(report.item("LOG-1")?.status == "proven")
        #expect(report.item("LOG-2")?.status == "claimed")
        #expect(report.item("LOG-2")?.reason.contains("1 of 28 llm-inference events in logs/2026-02.jsonl lack prompt_hash") == true)
        #expect(report.item("LOG-3")?.status == "claimed")
        #expect(report.item("LOG-3")?.reason.contains("events fall on 28 of the 327 days of the audit period 2026-01-01 to 2026-12-31 (8 %)") == true)
        #expect(report.problems == [
            "dossier.item.unproven", "dossier.item.unproven", "dossier.log.incomplete-events", "dossier.log.incomplete-events",
        ])
    }

    @Test func anApprovalExpectationWantsItsSubjectAndRole() throws {
        let (report, _) = try Self.fixture("expect-approval")
        #expect(report.item("APR-1")?.status == "claimed")
        #expect(report.item("APR-1")?.reason.contains("DFD-1 is approved by Dev Colleague (Developer), not by CAB") == true)
        #expect(report.item("APR-2")?.status == "proven")
        #expect(report.item("APR-3")?.status == "claimed")
        #expect(report.item("APR-3")?.reason.contains("REL-1 approves release v1.0, not a data-flow file") == true)
        #expect(report.problems == ["dossier.item.unproven", "dossier.item.unproven"])
    }

    @Test func aRecordExpectationWantsEveryElementToStateItsFields() throws {
        let (report, _) = try Self.fixture("expect-record")
        #expect(report.item("REC-1")?.status == "proven")
        #expect(report.item("REC-2")?.status == "claimed")
        #expect(report.item("REC-2")?.reason.contains("activities/support-bot.yml does not state credentials.expires_at") == true)
        #expect(report.problems == ["dossier.access.no-expiry", "dossier.item.unproven"])
    }

    @Test func anExpiredWaiverMeetsNoAlternative() throws {
        let (report, _) = try Self.fixture("expect-waiver-one-of")
        let item = try #require(report.item("WAI-1"))
        #expect(item.status == "claimed")
        #expect(item.reason.contains("none holds"))
        #expect(item.reason.contains("no log-extract evidence is linked"))
        #expect(item.reason.contains("W-1 expired on 2026-06-30"))
        #expect(report.problems == ["dossier.item.unproven", "dossier.waiver.expired"])
    }

    @Test func noFixtureNorTheSampleProvesBesideAnError() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            Self.assertNoProofBesideAnError(try Self.fixture(name).0, name)
        }
        // The other verdict fixtures: transfers recipient by recipient, and two releases of one folder.
        let transfers = Repository.root.appendingPathComponent("Tests/Fixtures/transfers")
        for name in try FileManager.default.contentsOfDirectory(atPath: transfers.path).sorted() {
            Self.assertNoProofBesideAnError(try Self.build(transfers.appendingPathComponent(name)).0, "transfers/" + name)
        }
        for side in ["before", "after"] {
            Self.assertNoProofBesideAnError(
                try Self.build(Repository.root.appendingPathComponent("Tests/Fixtures/item-regression/" + side)).0, "item-regression/" + side)
        }
        Self.assertNoProofBesideAnError(try Self.build(Repository.root.appendingPathComponent("evidence")).0, "the sample")
    }

    /// Every real-world sample dropped into one folder builds (exit 0 or 1, never "cannot continue"),
    /// and proves nothing beside an error.
    @Test(.enabled(if: Repository.shared != nil, "../shared/realworld is absent: the real-world samples cannot be built"))
    func everyRealWorldSampleTogetherBuilds() throws {
        let source = try #require(Repository.shared).appendingPathComponent("realworld")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence")
        try FileManager.default.copyItem(at: source, to: evidence)
        // The copy keeps shared/'s read-only bits; the build's cache and the pack live outside it anyway.
        let (report, status) = try Self.build(evidence)
        #expect(status == 0 || status == 1, "exit \(status)")
        #expect(report.findings.count > 0)
        Self.assertNoProofBesideAnError(report, "realworld")
    }

    /// Four items go from proven to open while their control stays partial: the release regressed.
    @Test func diffFailsWhenItemsRegressThoughNoControlDoes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/item-regression")
        for side in ["before", "after"] {
            _ = try CommandRunner.run(
                Repository.dossierBinary, ["build", fixture.appendingPathComponent(side).path, "--output", folder.subfolder(side).path, "--quiet"],
                in: folder.url, environment: environment)
        }
        let diff = try CommandRunner.run(
            Repository.dossierBinary, ["diff", folder.subfolder("before").path, folder.subfolder("after").path, "--fail-on-regression"],
            in: folder.url, environment: environment)
        #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
        for n in 1...4 { #expect(diff.stdout.contains("fx POL-\(n): proven → open"), "\(diff.stdout)") }
        #expect(!diff.stdout.contains("5.1:"), "the control stayed partial: \(diff.stdout)")
    }
}
