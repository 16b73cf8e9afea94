@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Testing

@Suite struct ChecklistAnswersTests {
    private func answers(_ body: String, frontMatter: String = "kind: checklist\nchecklist: pre-launch\nintegration: summariser")
        throws -> (ChecklistAnswers?, [Diagnostic])
    {
        let (documents, diagnostics) = try parseEvidence(["c.md": "---\n\(frontMatter)\n---\n\(body)"])
        guard case .checklist(let checklist)? = documents.first?.record else { return (nil, diagnostics) }
        return (checklist, diagnostics)
    }

    @Test func readsIDsStatesEvidenceAndPositions() throws {
        let (checklist, diagnostics) = try answers("""
            # Sign-off

            - [x] ACC-1 Minimal scopes ([review](records/review.md), [policy](https://example.com/p))
            - [ ] SEC-2 Vault in use
            - [x] DAT-3 N/A — no vector store is used
            """)
        #expect(diagnostics.filter { $0.identifier != "dossier.link.missing-target" }.isEmpty, "\(diagnostics)")
        let result = try #require(checklist)
        #expect(result.checklist == "pre-launch")
        #expect(result.integration == "summariser")
        #expect(result.answers.map(\.id) == ["ACC-1", "SEC-2", "DAT-3"])
        #expect(result.answers.map(\.state) == [.done, .open, .notApplicable(justification: "no vector store is used")])
        #expect(result.answers[0].evidence == ["records/review.md"], "web links are not evidence files")
        #expect(result.answers.map(\.location.line) == [8, 9, 10])
    }

    @Test func notApplicableNeedsAJustification() throws {
        let (_, diagnostics) = try answers("- [x] DAT-3 N/A\n")
        #expect(diagnostics.map(\.identifier) == ["dossier.checklist.na-without-justification"])
        #expect(diagnostics.first?.location?.line == 6)
    }

    /// `RES1` is no ID, and the warning said only that: it now says which ID was meant.
    @Test(arguments: [("RES1", "RES-1"), ("res-1", "RES-1"), ("ACC_12", "ACC-12"), ("sec2", "SEC-2")])
    func aNearMissOfAnIDGetsASuggestion(_ written: String, _ meant: String) throws {
        let (_, diagnostics) = try answers("- [x] \(written) Done\n")
        let warning = try #require(diagnostics.first { $0.identifier == "dossier.checklist.item-without-id" })
        #expect(warning.summary.hasSuffix("did you mean '\(meant)'?"), "\(warning.summary)")
        #expect(warning.suggestion?.replacement == meant)
    }

    @Test func aWordNothingLikeAnIDGetsNoSuggestion() throws {
        let (_, diagnostics) = try answers("- [x] Done without an ID\n")
        let warning = try #require(diagnostics.first { $0.identifier == "dossier.checklist.item-without-id" })
        #expect(warning.suggestion == nil && warning.summary == "Task item has no ID; start it with one, e.g. '- [x] ACC-1 …'")
    }

    @Test func duplicateIDsAreErrorsAndItemsWithoutIDsWarn() throws {
        let (checklist, diagnostics) = try answers("- [x] ACC-1 one\n- [ ] ACC-1 again\n- [x] no id here\n")
        #expect(diagnostics.map(\.identifier) == ["dossier.checklist.duplicate-id", "dossier.checklist.item-without-id"])
        #expect(diagnostics.first?.summary.contains("line 6") == true)
        #expect(checklist?.answers.map(\.id) == ["ACC-1"])
    }

    @Test func unknownFrontMatterKeysGetASuggestion() throws {
        let (_, diagnostics) = try answers("- [x] ACC-1 ok\n", frontMatter: "kind: checklist\nintegation: summariser")
        #expect(diagnostics.map(\.identifier) == ["dossier.checklist.unknown-key"])
        #expect(diagnostics.first?.summary.contains("did you mean 'integration'") == true)
        #expect(diagnostics.first?.location == SourceLocation(line: 3, column: 1))
    }

    @Test func unknownKindIsAnErrorWithASuggestion() throws {
        let (checklist, diagnostics) = try answers("- [x] ACC-1 ok\n", frontMatter: "kind: checklsit")
        #expect(checklist == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.evidence.unknown-kind"])
        #expect(diagnostics.first?.summary.contains("did you mean 'checklist'") == true)
    }

    @Test func markdownWithoutAKindIsPublishedAsItIs() throws {
        let (documents, diagnostics) = try parseEvidence(["notes.md": "- [x] anything goes\n"])
        #expect(diagnostics.isEmpty)
        #expect(documents.first?.record == nil)
    }

    @Test(arguments: [("ACC-1", true), ("GDPR-30-1-A1", true), ("acc-1", false), ("ACC", false), ("ACC-", false), ("-1", false), ("ACC-X", false)])
    func itemIDShape(word: String, valid: Bool) {
        #expect(ChecklistAnswersReader.isItemID(word[...]) == valid)
    }
}
