@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Cross-framework mappings: relationships read from either side, rows checked against the catalogs,
/// and the user's own mappings and checklists loaded beside the built-in ones.
@Suite struct MappingTests {
    static let userFramework = """
        kind: framework
        framework: acme-ai
        name: ACME AI policy
        source: ACME policy AI-01 v3
        controls:
          - {id: AI-1, title: Every AI integration has a named owner}
          - {id: AI-2, title: Prompts are reviewed before release}
        """

    static let userMapping = """
        kind: mapping
        id: acme-ai-to-iso
        name: ACME AI policy to ISO 27001
        source_framework: acme-ai
        target_framework: iso27001-2022
        source: ACME policy AI-01 v3, appendix B
        relations:
          - {source: AI-1, target: "5.2", relationship: subset}
          - {source: AI-2, target: "8.32", relationship: intersects, note: prompts are changes}
        """

    static let userChecklist = """
        kind: checklist-definition
        checklist: acme-launch
        name: ACME launch review
        source: ACME runbook
        frameworks: [acme-ai, iso27001-2022]
        items:
          - {id: AL-1, section: Ownership, text: The integration has an owner, controls: {acme-ai: [AI-1], iso27001-2022: ["5.2"]}, expects: [{document: {why: a written record}}], wants: An owner record}
        """

    private func diagnostics(_ yaml: String, catalogs: [Catalog] = CatalogReader.builtIn) throws -> (Mapping?, [Diagnostic]) {
        let reader = FieldReader(file: "m.yml", area: "mapping")
        let mapping = MappingReader().read(try YAMLReader().read(yaml), reader: reader, catalogs: catalogs, origin: "m.yml")
        return (mapping, reader.diagnostics)
    }

    @Test func relationshipsInvertWhenReadFromTheOtherSide() {
        #expect(Mapping.Relationship.subset.inverse == .superset)
        #expect(Mapping.Relationship.superset.inverse == .subset)
        #expect(Mapping.Relationship.equivalent.inverse == .equivalent)
        #expect(Mapping.Relationship.intersects.inverse == .intersects)
        #expect(Mapping.Relationship.allCases.filter(\.carriesVerdict) == [.equivalent, .superset])
    }

    @Test func mappedControlsAreFoundInBothDirections() throws {
        let (content, problems) = try assembleContent(["fw.yml": Self.userFramework, "map.yml": Self.userMapping])
        #expect(problems.isEmpty, "\(problems.map(\.summary))")
        let fromUser = content.mapped(to: "AI-1", in: "acme-ai").filter { $0.mapping == "acme-ai-to-iso" }
        #expect(fromUser == [MappedControl(framework: "iso27001-2022", control: "5.2", relationship: .subset, mapping: "acme-ai-to-iso")])
        let fromISO = content.mapped(to: "5.2", in: "iso27001-2022").filter { $0.mapping == "acme-ai-to-iso" }
        #expect(fromISO == [MappedControl(framework: "acme-ai", control: "AI-1", relationship: .superset, mapping: "acme-ai-to-iso")])
    }

    @Test func rowsCitingUnknownControlsOrFrameworksAreErrors() throws {
        let (mapping, found) = try diagnostics("""
            id: bad
            name: Bad
            source_framework: soc2
            target_framework: iso27001-2022
            source: nowhere
            relations:
              - {source: CC6.1, target: "5.15", relationship: intersects}
              - {source: CC6.9, target: "5.15", relationship: intersects}
              - {source: CC6.1, target: "8.55", relationship: intersects}
              - {source: CC6.1, target: "5.15", relationship: equivalent}
              - {source: CC6.2, target: "5.16", relationship: overlaps}
            """)
        #expect(mapping?.relations.count == 1)
        let byID = Dictionary(grouping: found, by: \.identifier)
        #expect(byID["dossier.mapping.unknown-control"]?.count == 2)
        #expect(byID["dossier.mapping.unknown-control"]?.first?.location?.line == 8)
        #expect(byID["dossier.mapping.duplicate-row"]?.first?.location?.line == 10)
        #expect(byID["dossier.mapping.bad-value"]?.first?.summary.contains("equivalent, subset, superset, intersects") == true)
        let (none, wrongFramework) = try diagnostics("id: x\nname: X\nsource_framework: soc3\ntarget_framework: soc2\nsource: s\nrelations: []\n")
        #expect(none == nil)
        #expect(wrongFramework.contains { $0.identifier == "dossier.mapping.bad-value" && $0.summary.contains("did you mean 'soc2'?") })
        let (_, sameSides) = try diagnostics("id: x\nname: X\nsource_framework: soc2\ntarget_framework: soc2\nsource: s\nrelations: []\n")
        #expect(sameSides.contains { $0.summary.contains("two different frameworks") })
    }

    @Test func userChecklistMayCiteUserFrameworksAndCoverOnlyThoseItNames() throws {
        let (content, problems) = try assembleContent(["fw.yml": Self.userFramework, "list.yml": Self.userChecklist])
        #expect(problems.isEmpty, "\(problems.map(\.summary))")
        let checklist = try #require(content.checklist("acme-launch"))
        #expect(checklist.frameworks == ["acme-ai", "iso27001-2022"])
        #expect(checklist.item("AL-1")?.controls["acme-ai"] == ["AI-1"])
        #expect(content.checklists.map(\.id) == ["acme-launch", "pre-launch", "promotion-gate"])
    }

    @Test func userContentProblemsAreReportedAgainstItsFile() throws {
        let broken = Self.userChecklist.replacingOccurrences(of: "[AI-1]", with: "[AI-9]")
        let (content, problems) = try assembleContent([
            "fw.yml": Self.userFramework, "list.yml": broken,
            "clash.yml": "kind: mapping\nid: \(try #require(MappingReader.builtIn.first).id)\nname: x\nsource_framework: soc2\ntarget_framework: gdpr\nsource: s\nrelations: []\n",
            "noid.yml": "kind: mapping\nname: x\n",
        ])
        #expect(problems.contains { $0.file == "list.yml" && $0.identifier == "dossier.checklist-definition.unknown-control" && $0.location?.line == 7 })
        #expect(problems.contains { $0.file == "noid.yml" && $0.identifier == "dossier.mapping.missing-field" })
        #expect(content.mappings.filter { $0.origin == "clash.yml" }.isEmpty, "a mapping reusing a built-in ID is left out")
    }
}

/// The built-in mappings: well formed, sourced, and citing only real controls.
@Suite struct BuiltInMappingTests {
    @Test func builtInMappingsLoadWithoutDiagnostics() throws {
        let files = BuiltInCatalogFiles.files.filter { $0.key.hasPrefix("mappings/") }
        #expect(files.count >= 2)
        for (path, text) in files {
            let reader = FieldReader(file: path, area: "mapping")
            let mapping = MappingReader().read(try YAMLReader().read(text), reader: reader, catalogs: CatalogReader.builtIn, origin: path)
            #expect(mapping != nil && mapping?.relations.isEmpty == false, "\(path)")
            #expect(reader.diagnostics.isEmpty, "\(path): \(reader.diagnostics.map { "\($0.location.map(\.description) ?? "") \($0.summary)" })")
        }
        #expect(MappingReader.builtIn.count == files.count)
    }

    @Test func everyMappingCitesAPublicSource() {
        for mapping in MappingReader.builtIn {
            #expect(mapping.source.contains("http"), "\(mapping.id) has no address to check it against: \(mapping.source)")
        }
    }

    @Test func everySOC2CriterionMapsToISO() throws {
        let soc2 = try #require(CatalogReader.builtIn.first { $0.framework == "soc2" })
        for control in soc2.controls {
            let toISO = ComplianceContent.builtIn.mapped(to: control.id, in: "soc2").filter { $0.framework == "iso27001-2022" }
            #expect(!toISO.isEmpty, "\(control.id) maps to no ISO control")
        }
    }
}
