@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The sample evidence demonstrates the whole range an auditor can meet (evidence/README.md,
/// "Planted findings"): every control status, and exactly the planted findings.
@Suite struct SampleEvidenceTests {
    static func result() throws -> Assessment {
        let options = BuildOptions(
            evidence: Repository.root.appendingPathComponent("evidence"), output: URL(fileURLWithPath: "/nonexistent"),
            environment: ["SOURCE_DATE_EPOCH": AssessmentFixture.epoch])
        return try BuildPipeline(options: options).check()
    }

    @Test func everyControlStatusAppears() throws {
        let statuses = Set(try Self.result().compliance.verdicts.map(\.status))
        #expect(statuses == Set(ControlStatus.allCases))
    }

    /// ACC-5 is proven by the CRM token's waiver: the checklist says proven, and each control it maps
    /// to says the same, with why it closes no gap there, not "claimed, unproven" (two verdicts on one item).
    @Test func anItemProvenByAWaiverIsNamedAsProvenEverywhere() throws {
        let result = try Self.result()
        #expect(result.compliance.items.first { $0.item.id == "ACC-5" }?.status == .proven)
        for (framework, control) in [("soc2", "CC6.1"), ("iso27001-2022", "5.17"), ("iso27001-2022", "8.5")] {
            let verdict = try #require(result.compliance.verdicts.first { $0.framework == framework && $0.control == control })
            let lines = verdict.chain.map(\.text).filter { $0.contains("ACC-5") }
            #expect(lines.count == 1 && lines[0].contains("ACC-5 proven by a waiver only"), "\(control): \(lines)")
            #expect(verdict.status != .satisfied)
        }
    }

    @Test func exactlyThePlantedFindings() throws {
        let result = try Self.result()
        let found = result.diagnostics.map { "\($0.file ?? "-") \($0.identifier)" }
        #expect(found.sorted() == [
            "- dossier.log.partial-period",
            "- dossier.log.retention-unproven",
            "activities/ticket-summariser.yml dossier.access.no-expiry",
            "activities/ticket-summariser.yml dossier.agreement.expired",
            "activities/ticket-summariser.yml dossier.freshness.secret-rotation",
            "agreements/helpdesk-dpa.yml dossier.agreement.expired",
            "applicability/iso27001-soa-decisions.yml dossier.applicability.undecided",
            "approvals/ropa-credentials-2026-09-17.json dossier.approval.hash-mismatch",
            "checklists/pre-launch.md dossier.item.contradicted",
            "checklists/pre-launch.md dossier.item.open",
            "checklists/pre-launch.md dossier.item.open",
            "checklists/pre-launch.md dossier.item.open",
            "checklists/pre-launch.md dossier.item.open",
            "checklists/pre-launch.md dossier.item.open",
            "checklists/pre-launch.md dossier.item.unproven",
            "records/staging-purge-check.md dossier.freshness.stale",
        ])
    }

    @Test func theDocumentedExamplesHold() throws {
        let assessment = try Self.result().compliance
        #expect(assessment.verdict("gdpr", "30(1)(f)")?.status == .stale)
        #expect(assessment.verdict("iso27001-2022", "5.37")?.status == .missing)
        #expect(assessment.verdict("soc2", "CC6.4")?.status == .notApplicable)
        #expect(assessment.verdict("soc2", "CC6.1")?.waiver == "WVR-2026-007")
        // The two verdicts evidence/README.md explains under "What the verdicts show".
        let acc3 = try #require(assessment.items.first { $0.item.id == "ACC-3" })
        #expect(acc3.status == .contradicted)
        #expect(acc3.findings.map(\.identifier) == ["dossier.approval.hash-mismatch"])
        let log3 = try #require(assessment.items.first { $0.item.id == "LOG-3" })
        #expect(log3.status == .claimed)
        #expect(log3.reason.contains("logs/README.md has no front matter naming its owner and review date"))
        #expect(assessment.items.first { $0.item.id == "ACC-6" }?.status == .proven)
        #expect(Set(assessment.items.map(\.status)) == [.proven, .contradicted, .claimed, .stale, .open, .notApplicable])
        #expect(assessment.items.first { $0.item.id == "LOG-8" }?.status == .proven)
        #expect(assessment.items.first { $0.item.id == "LOG-8" }?.acceptedEvidence == ["logs/2026-10-13-go-live.jsonl"])
    }

    /// REM-2026-014 plans the expired helpdesk DPA's renewal: beside that finding and FLW-6's (ISO 5.20's
    /// page lists both) on 2026-11-23, and overdue once its due day, 2026-11-27, has passed.
    @Test func theSampleRemediationCoversTheExpiredDPAAndFallsDue() throws {
        let result = try Self.result()
        let expired = try #require(result.diagnostics.first { $0.identifier == "dossier.agreement.expired" })
        let flw6 = try #require(result.diagnostics.first { $0.identifier == "dossier.item.open" && $0.summary.hasPrefix("FLW-6") })
        for finding in [expired, flw6] {
            #expect(result.compliance.remediation.covering(finding).map(\.remediation.id) == ["REM-2026-014"])
        }
        #expect(result.compliance.verdict("iso27001-2022", "5.20")?.status == .partial, "a plan changes no verdict")
        let later = try BuildPipeline(options: BuildOptions(
            evidence: Repository.root.appendingPathComponent("evidence"), output: URL(fileURLWithPath: "/nonexistent"),
            environment: ["SOURCE_DATE_EPOCH": "1796083200"])).check()  // 2026-12-01
        let overdue = later.diagnostics.filter { $0.identifier == "dossier.remediation.overdue" }
        #expect(overdue.map { "\($0.file ?? "") \($0.location?.line ?? 0)" } == ["remediation/helpdesk-dpa-renewal.yml 12"])
    }

    @Test func theSampleLogIsReadWithItsOwnFormat() throws {
        let document = try #require(try Self.result().documents.first { $0.path == "logs/2026-10-13-go-live.jsonl" })
        guard case .log(let log) = document.content else {
            Issue.record("the sample extract is not read as a log")
            return
        }
        #expect(log.format == "ticketsum-siem")
        #expect(log.events == 37)
        #expect(log.kinds.mapValues(\.count) == [
            .authentication: 4, .personalDataAccess: 8, .externalAPICall: 9, .llmInference: 8, .dataWrite: 7, .other: 1,
        ])
        #expect(log.failures == 2, "one failed token exchange and one rate-limited call")
    }
}
