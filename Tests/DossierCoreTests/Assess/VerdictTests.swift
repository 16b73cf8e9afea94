@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Control verdicts with visible reasons, on a user framework whose every control is planted to
/// show one status.
@Suite struct VerdictTests {
    static let frameworks = [
        "fw/t.yml": """
            kind: framework
            framework: t
            name: Test framework
            source: tests
            controls:
              - {id: T-1, title: One}
              - {id: T-2, title: Two}
              - {id: T-3, title: Three}
              - {id: T-4, title: Four}
              - {id: T-5, title: Five}
              - {id: T-6, title: Six}
            """,
        "fw/u.yml": """
            kind: framework
            framework: u
            name: Mapped framework
            source: tests
            controls:
              - {id: U-1, title: Same as T-1}
              - {id: U-2, title: Overlaps T-1}
            """,
        "fw/u-to-t.yml": """
            kind: mapping
            id: u-to-t
            name: U to T
            source_framework: u
            target_framework: t
            source: tests, https://example.invalid/mapping
            relations:
              - {source: U-1, target: T-1, relationship: equivalent}
              - {source: U-2, target: T-1, relationship: intersects}
            """,
        "fw/tc.yml": """
            kind: checklist-definition
            checklist: tc
            name: Test checklist
            source: tests
            frameworks: [t]
            items:
              - {id: I-1, section: S, text: One, controls: {t: [T-1]}, expects: [{document: {why: a written record}}], wants: a document}
              - {id: I-2, section: S, text: Two, controls: {t: [T-2]}, expects: [{document: {why: a written record}}], wants: a document}
              - {id: I-3, section: S, text: Three, controls: {t: [T-2], soc2: [CC6.2]}, expects: [{document: {why: a written record}}], wants: a document}
              - {id: I-4, section: S, text: Four, controls: {t: [T-3]}, expects: [{approval: {}}], wants: an approval}
              - {id: I-5, section: S, text: Five, controls: {t: [T-4]}, expects: [{document: {why: a written record}}], wants: a document}
              - {id: I-6, section: S, text: Six, controls: {t: [T-6]}, expects: [{document: {why: a written record}}], wants: a document}
            """,
    ]

    static let answers = """
        ---
        kind: checklist
        checklist: tc
        ---
        - [x] I-1 Done, see [doc](doc.md)
        - [x] I-2 Done, see [doc](doc.md)
        - [ ] I-3 Open
        - [x] I-4 Done, see [doc](doc.md) but no approval
        - [x] I-5 N/A — nothing to do here
        - [x] I-6 Done, see [review](stale.md)
        """

    static let configuration = """
        organisation: Test Ltd
        frameworks: [t, u, soc2]
        audit_period: {start: 2026-01-01, end: 2026-12-31}
        """

    static func result(_ extra: [String: String] = [:]) throws -> Assessment {
        var files = frameworks.merging([
            "answers.md": answers, "doc.md": "---\nowner: Ann\nreviewed_at: 2026-11-01\nfreshness: 365\n---\n# Doc\n",
            "stale.md": "---\nowner: Ann\nreviewed_at: 2026-01-01\nfreshness: 30\n---\n# Old\n",
        ]) { a, _ in a }
        files.merge(extra) { _, b in b }
        return try AssessmentFixture.check(files, configuration: configuration)
    }

    @Test func everyStatusIsDecidedByItsItems() throws {
        let assessment = try Self.result().compliance
        let statuses = Dictionary(uniqueKeysWithValues: assessment.verdicts(for: "t").map { ($0.control, $0.status) })
        #expect(statuses == ["T-1": .satisfied, "T-2": .partial, "T-3": .missing, "T-4": .notApplicable, "T-5": .outOfScope, "T-6": .stale])
        let items = Dictionary(uniqueKeysWithValues: assessment.items.map { ($0.item.id, $0.status) })
        #expect(items == ["I-1": .proven, "I-2": .proven, "I-3": .open, "I-4": .claimed, "I-5": .notApplicable, "I-6": .stale])
    }

    @Test func theChainSaysWhy() throws {
        let assessment = try Self.result().compliance
        let partial = try #require(assessment.verdict("t", "T-2"))
        #expect(partial.summary == "T-2 partial: tc I-2 proven: a document with an owner and a review date (a written record): met by doc.md:3; tc I-3 open: left open")
        #expect(partial.evidence == ["doc.md"])
        #expect(assessment.verdict("t", "T-3")?.summary
                == "T-3 missing: tc I-4 claimed, unproven: not proven: a sound approval: no approval evidence is linked; refused: doc.md (a document, which no expectation takes)")
        #expect(assessment.verdict("t", "T-5")?.chain.first?.text == "no item of an answered checklist evidences it")
        #expect(assessment.verdict("t", "T-4")?.chain.first?.text == "tc I-5 not applicable: nothing to do here")
    }

    @Test func onlyAnEquivalentOrContainingControlCarriesAVerdict() throws {
        let assessment = try Self.result().compliance
        let carried = try #require(assessment.verdict("u", "U-1"))
        #expect(carried.status == .satisfied)
        #expect(carried.chain.first?.text.contains("carried from t T-1 (satisfied)") == true)
        #expect(carried.chain.first?.text.contains("by mapping u-to-t") == true)
        #expect(assessment.verdict("u", "U-2")?.status == .outOfScope, "an intersecting control proves nothing about U-2")
    }

    @Test func anActiveWaiverAcceptsAGapAndAnExpiredOneDoesNot() throws {
        let waiver = { (expires: String) in
            "kind: waiver\nid: W-1\nframework: soc2\ncontrol: CC6.2\njustification: The platform cannot expire tokens\nowner: {name: A}\napprover: {name: B}\ngranted_at: 2026-01-01\nexpires_at: \(expires)\n"
        }
        let active = try Self.result(["w.yml": waiver("2027-01-01")]).compliance
        let gap = try #require(active.verdict("soc2", "CC6.2"))
        #expect(gap.status == .missing && gap.waiver == "W-1")
        #expect(!active.topGaps.contains { $0.control == "CC6.2" })
        let expired = try Self.result(["w.yml": waiver("2026-06-30")]).compliance
        #expect(expired.verdict("soc2", "CC6.2")?.waiver == nil)
        #expect(expired.verdict("soc2", "CC6.2")?.chain.last?.text == "waiver W-1 expired on 2026-06-30 and no longer applies")
        #expect(expired.topGaps.contains { $0.control == "CC6.2" })
    }

    @Test func unsoundEvidenceProvesNothing() throws {
        let answers = Self.answers.replacingOccurrences(of: "but no approval", with: "and [approved](a.json)")
        let selfApproved = #"{"kind": "approval", "id": "A-1", "subject": {"release": "v1"}, "requester": {"name": "Ann"}, "approver": {"name": "Ann"}, "decision": "approved", "decided_at": "2026-05-01"}"#
        let assessment = try Self.result(["answers.md": answers, "a.json": selfApproved]).compliance
        // The approval rule checks what an approval expectation asserts: its error contradicts the item.
        #expect(assessment.items.first { $0.item.id == "I-4" }?.status == .contradicted)
        #expect(assessment.items.first { $0.item.id == "I-4" }?.reason
                == "contradicted by dossier.approval.self-approved at a.json:1 (A-1 is approved by its own requester, Ann; a second person must approve it)")
        let sound = selfApproved.replacingOccurrences(of: #""approver": {"name": "Ann"}"#, with: #""approver": {"name": "Bob", "role": "Reviewer"}"#)
        let fixed = try Self.result(["answers.md": answers, "a.json": sound]).compliance
        #expect(fixed.verdict("t", "T-3")?.status == .satisfied, "\(fixed.verdict("t", "T-3")?.summary ?? "")")
    }

    @Test func applicabilityDecisionsOverrideAndDeclareScope() throws {
        let decisions = """
            kind: applicability
            decisions:
              - {framework: soc2, control: CC6.4, applicable: false, justification: No premises}
              - {framework: soc2, control: CC6.5, applicable: true, justification: We dispose of laptops}
            """
        let assessment = try Self.result(["soa.yml": decisions]).compliance
        #expect(assessment.verdict("soc2", "CC6.4")?.status == .notApplicable)
        #expect(assessment.verdict("soc2", "CC6.4")?.chain.first?.text == "not applicable per soa.yml: No premises")
        #expect(assessment.verdict("soc2", "CC6.5")?.status == .missing, "declared applicable but nothing evidences it")
        #expect(assessment.verdict("soc2", "CC6.6")?.status == .outOfScope)
    }

    @Test func summaryShowsBarsPercentagesAndWhereToFixTheTopGaps() throws {
        let result = try Self.result()
        let lines = CoverageSummary(assessment: result.compliance, content: result.content).lines()
        // t: T-1 satisfied of T-1, T-2, T-3, T-6 in scope → 25 %, 4 of 16 cells.
        #expect(lines[0].hasPrefix("t  ") && lines[0].hasSuffix("  ████░░░░░░░░░░░░   25 %  1 of 4 satisfied · 1 partial · 1 stale · 1 missing · 1 N/A · 1 out of scope"))
        #expect(lines.count == 4, "one line per framework, then the top gaps")
        #expect(lines.last?.hasPrefix("top gaps: t T-3 missing — tc I-4 claimed, unproven at answers.md:8") == true)
        #expect(result.diagnostics.contains { $0.identifier == "dossier.item.unproven" && $0.location?.line == 8 })
        #expect(result.diagnostics.contains { $0.identifier == "dossier.item.open" && $0.severity == .note })
    }

    @Test func unknownChecklistsAndItemsAreReported() throws {
        let answers = "---\nkind: checklist\nchecklist: tcc\n---\n- [x] I-1 x\n"
        let unknown = try Self.result(["answers.md": answers])
        #expect(unknown.diagnostics.contains { $0.identifier == "dossier.checklist.unknown-definition" && $0.summary.contains("did you mean 'tc'?") })
        let extra = Self.answers + "\n- [x] I-9 Not in the checklist\n"
        let result = try Self.result(["answers.md": extra])
        #expect(result.diagnostics.contains { $0.identifier == "dossier.checklist.unknown-item" && $0.location?.line == 11 })
    }

    @Test func statementOfApplicabilityListsEveryAnnexAControl() throws {
        let result = try AssessmentFixture.check([:])
        let soa = try #require(StatementOfApplicability(assessment: result.compliance))
        #expect(soa.rows.count == 93)
        #expect(soa.rows.allSatisfy { $0.applicable == "undecided" && $0.status == "undecided" }, "ISO asks for a decision on every control")
        let csv = soa.csv.components(separatedBy: "\r\n")
        #expect(csv[0] == #""control","title","applicable","justification","implementation","documents","decided_in","status","reason","evidence""#)
        #expect(csv[1].hasPrefix(#""5.1","Policies for information security","undecided","#))
        #expect(csv.count == 95, "header, 93 rows and the empty string after the last CRLF")
        let json = try JSONSerialization.jsonObject(with: try soa.json()) as? [String: Any]
        #expect((json?["controls"] as? [[String: Any]])?.count == 93)
    }
}
