@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The built-in checklists are well formed, cite only real controls, and carry every point of the
/// source articles (the traceability table in docs/checklists.md).
@Suite struct ChecklistDefinitionTests {
    private var allItemIDs: Set<String> {
        Set(ChecklistDefinitionReader.builtIn.flatMap { $0.items.map(\.id) })
    }

    @Test func bothBuiltInChecklistsLoad() {
        #expect(ChecklistDefinitionReader.builtIn.map(\.id) == ["pre-launch", "promotion-gate"])
        #expect(ChecklistDefinitionReader.builtIn.allSatisfy { $0.items.count >= 20 })
    }

    @Test func builtInChecklistsHaveNoDiagnostics() throws {
        for (path, text) in BuiltInCatalogFiles.files where path.hasPrefix("checklists/") {
            let reader = FieldReader(file: path, area: "checklist-definition")
            let definition = ChecklistDefinitionReader().read(
                try YAMLReader().read(text), reader: reader, catalogs: CatalogReader.builtIn, origin: path)
            #expect(definition != nil)
            #expect(reader.diagnostics.isEmpty, "\(path): \(reader.diagnostics.map { "\($0.location.map(\.description) ?? "") \($0.summary)" })")
        }
    }

    @Test func everyItemMapsToAControlInSomeFrameworkAndSaysWhatItWants() {
        for checklist in ChecklistDefinitionReader.builtIn {
            for item in checklist.items {
                #expect(item.controls.values.contains { !$0.isEmpty }, "\(item.id) evidences no control at all")
                #expect(!item.wants.isEmpty && !item.evidence.isEmpty, "\(item.id)")
            }
        }
    }

    @Test func sampleEvidenceAnswersTheBuiltInPreLaunchChecklist() throws {
        let preLaunch = try #require(ChecklistDefinitionReader.builtIn.first { $0.id == "pre-launch" })
        let sample = try String(contentsOf: Repository.root.appendingPathComponent("evidence/checklists/pre-launch.md"), encoding: .utf8)
        let (documents, _) = try parseEvidence(["pre-launch.md": sample])
        guard case .checklist(let answers)? = documents.first?.record else {
            Issue.record("sample checklist not read")
            return
        }
        #expect(answers.answers.count == preLaunch.items.count, "the sample answers every item, so every status shows")
        for answer in answers.answers {
            #expect(preLaunch.item(answer.id) != nil, "sample answers \(answer.id), which the built-in checklist lacks")
        }
    }

    @Test func catalogRejectsUnknownControlsAndMissingReasons() throws {
        let tree = try YAMLReader().read("""
            checklist: mine
            name: Mine
            source: me
            items:
              - {id: X-1, section: S, text: T, controls: {iso27001-2022: ["9.99"], soc2: [CC6.1]}, expects: [{document: {why: a written record}}], wants: W}
            """)
        let reader = FieldReader(file: "mine.yml", area: "checklist-definition")
        _ = ChecklistDefinitionReader().read(tree, reader: reader, catalogs: CatalogReader.builtIn, origin: "mine.yml")
        let ids = reader.diagnostics.map(\.identifier)
        #expect(ids.contains("dossier.checklist-definition.unknown-control"))
        #expect(ids.contains("dossier.checklist-definition.missing-reason"), "gdpr has neither controls nor a reason")
    }

    /// Rows of `| Article point | Items |` tables under a `## ` heading of docs/checklists.md.
    static let expectationsSection = "What proves each item"

    /// The first cell of every row of the expectations tables: every built-in item, once, in file order.
    @Test func everyItemsExpectationsAreTabled() throws {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("docs/checklists.md"), encoding: .utf8)
        guard let start = text.range(of: "## " + Self.expectationsSection) else {
            Issue.record("docs/checklists.md has no section '\(Self.expectationsSection)'")
            return
        }
        let rows = text[start.upperBound...].split(separator: "\n").filter { $0.hasPrefix("| `") }
        let tabled = rows.map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        #expect(tabled == ChecklistDefinitionReader.builtIn.flatMap { $0.items.map(\.id) })
        #expect(tabled.count == 77)
    }

    /// Every built-in item says what proves it, and a document is expected only with a reason.
    @Test func everyBuiltInItemHasExpectations() {
        for definition in ChecklistDefinitionReader.builtIn {
            for item in definition.items {
                #expect(!item.expects.isEmpty, "\(definition.id) \(item.id) says nothing about what proves it")
                let documents = item.expects.flatMap { expectation -> [DossierIntake.Expectation] in
                    if case .oneOf(let alternatives) = expectation { return alternatives }
                    return [expectation]
                }.compactMap { expectation -> String? in
                    if case .document(let why, _) = expectation { return why }
                    return nil
                }
                #expect(documents.allSatisfy { !$0.isEmpty }, "\(definition.id) \(item.id) expects a document without a why")
            }
        }
    }

    private func traceability() throws -> [String: [(point: String, items: [String])]] {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("docs/checklists.md"), encoding: .utf8)
        var sections: [String: [(String, [String])]] = [:]
        var current = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## ") { current = String(line.dropFirst(3)); continue }
            // That section tables expectations, not article points (see `everyItemsExpectationsAreTabled`).
            if current == Self.expectationsSection { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, !cells[1].isEmpty, cells[1] != "Article point", !cells[1].hasPrefix("---") else { continue }
            let items = cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            sections[current, default: []].append((cells[1], items.filter { !$0.isEmpty }))
        }
        return sections
    }

    @Test func everyArticlePointMapsToExistingItems() throws {
        let sections = try traceability()
        let signOff = try #require(sections.first { $0.key.hasPrefix("Pre-launch sign-off") }?.value)
        #expect(signOff.count == 21, "the article's sign-off list has 21 items")
        #expect(sections.keys.contains { $0.hasPrefix("What to verify") })
        #expect(sections.keys.contains { $0.hasPrefix("Promotion gate") })
        let known = allItemIDs
        for (section, rows) in sections {
            for row in rows {
                #expect(!row.items.isEmpty, "\(section): '\(row.point)' maps to no item")
                for id in row.items { #expect(known.contains(id), "\(section): '\(row.point)' names unknown item \(id)") }
            }
        }
    }
}
