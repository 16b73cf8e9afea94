import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The built-in catalogs are exact: pinned against a fixture written independently of `catalogs/`.
@Suite struct CatalogTests {
    private func catalog(_ framework: String) throws -> Catalog {
        try #require(CatalogReader.builtIn.first { $0.framework == framework })
    }

    @Test func frameworksInAFixedOrder() {
        #expect(CatalogReader.builtIn.map(\.framework) == ["iso27001-2022", "soc2", "gdpr"])
    }

    @Test func isoAnnexAHasNinetyThreeControlsByTheme() throws {
        let iso = try catalog("iso27001-2022")
        let counts = Dictionary(grouping: iso.controls, by: { $0.group ?? "" }).mapValues(\.count)
        #expect(counts == ["Organizational": 37, "People": 8, "Physical": 14, "Technological": 34])
        #expect(iso.controls.count == 93)
    }

    @Test func isoIdentifiersAndTitlesMatchTheIndependentFixture() throws {
        let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/catalog/iso27001-2022-annex-a.tsv")
        let lines = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
        let expected = lines.map { line -> (String, String) in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return (String(parts[0]), String(parts.count > 1 ? parts[1] : ""))
        }
        let iso = try catalog("iso27001-2022")
        #expect(expected.count == 93)
        #expect(iso.controls.map(\.id) == expected.map(\.0))
        for (id, title) in expected {
            #expect(iso.control(id)?.title == title, "ISO \(id)")
        }
    }

    @Test func soc2HasTheCC6CriteriaAndTheRelatedOnes() throws {
        #expect(try catalog("soc2").controls.map(\.id) == [
            "CC6.1", "CC6.2", "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7", "CC6.8", "CC7.2", "CC8.1", "CC9.2",
        ])
    }

    @Test func gdprArticle30PointByPoint() throws {
        #expect(try catalog("gdpr").controls.map(\.id) == [
            "30(1)(a)", "30(1)(b)", "30(1)(c)", "30(1)(d)", "30(1)(e)", "30(1)(f)", "30(1)(g)",
            "30(2)(a)", "30(2)(b)", "30(2)(c)", "30(2)(d)", "30(3)", "30(4)", "30(5)",
        ])
    }

    @Test func everyControlHasATitleAndEveryCatalogASource() {
        for catalog in CatalogReader.builtIn {
            #expect(!catalog.source.isEmpty)
            #expect(catalog.controls.allSatisfy { !$0.title.isEmpty }, "\(catalog.framework)")
        }
    }

    @Test func malformedCatalogIsDiagnosed() throws {
        let reader = FieldReader(file: "my.yml", area: "catalog")
        let tree = try YAMLReader().read("framework: nist\nname: NIST\nsource: x\ncontrols:\n  - {id: AC-1, title: Policy}\n  - {id: AC-1, title: Again}\n  - {id: AC-2}\n")
        let catalog = CatalogReader().read(tree, reader: reader, origin: "my.yml")
        #expect(catalog?.controls.map(\.id) == ["AC-1"])
        #expect(reader.diagnostics.map(\.identifier) == ["dossier.catalog.duplicate-id", "dossier.catalog.missing-field"])
    }
}
