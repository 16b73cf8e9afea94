import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

@Suite struct BuildPipelineTests {
    private let evidence: [String: String] = [
        "checklists/pre-launch.md": """
            ---
            title: Pre-launch sign-off
            ---
            # Checklist

            - [x] ACC-1 Minimal scopes ([grant](../logs/grant.json))
            - [ ] SEC-1 Vault

            <script>document.title = 'pwned'</script>
            """,
        "logs/grant.json": #"{"scope": "read:tickets"}"#,
        "README.md": "# About\n\nSee [the checklist](checklists/pre-launch.md).\n",
        "dossier.yml": """
            organisation: Northwind Support Ltd
            scope: Ticket summariser
            frameworks: [gdpr, soc2]
            audit_period: {start: 2026-01-01, end: 2026-12-31}
            release: v1.4.0
            """,
    ]

    private func build(_ files: [String: String], environment: [String: String] = ["SOURCE_DATE_EPOCH": "1790000000"]) throws
        -> (WrittenPack, TemporaryFolder)
    {
        let folder = try TemporaryFolder(files.reduce(into: [:]) { $0["evidence/" + $1.key] = $1.value })
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: environment)
        return (try BuildPipeline(options: options).build(), folder)
    }

    @Test func indexLinksEveryEvidencePageAndEveryLinkResolves() throws {
        let (result, folder) = try build(evidence)
        defer { folder.remove() }
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let index = try folder.read("output/index.html")
        for fact in ["Northwind Support Ltd audit pack", "Ticket summariser", "GDPR Art. 30 · SOC 2 CC6", "2026-01-01 to 2026-12-31", "v1.4.0"] {
            #expect(index.contains(fact), "index lacks \(fact)")
        }
        for page in ["evidence/checklists/pre-launch.html", "evidence/logs/grant.json.html", "evidence/README.html"] {
            #expect(index.contains(#"href="\#(page)""#), "index does not link \(page)")
            #expect(folder.exists("output/" + page))
        }
        let problems = try PackLinkWalker(root: folder.subfolder("output")).problems()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func evidenceLinksAreRewrittenToPagesAndScriptsNeverArrive() throws {
        let (_, folder) = try build(evidence)
        defer { folder.remove() }
        let page = try folder.read("output/evidence/checklists/pre-launch.html")
        #expect(page.contains(#"<a href="../../evidence/logs/grant.json.html">grant</a>"#))
        #expect(page.contains("<h1>Pre-launch sign-off</h1>"))
        #expect(page.components(separatedBy: "<h1").count == 2, "exactly one h1")
        // The pack's own script, from its assets folder, and nothing else (it loads the search index when needed).
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.components(separatedBy: #"<script src="../../assets/dossier.js""#).count == 2)
        #expect(!page.contains("pwned"))
    }

    @Test func buildDateComesFromSourceDateEpoch() throws {
        let (result, folder) = try build(evidence)
        defer { folder.remove() }
        #expect(result.assessment.buildDate.source == .sourceDateEpoch)
        #expect(result.assessment.buildDate.isoDay == "2026-09-21")
        #expect(try folder.read("output/index.html").contains("2026-09-21"))
    }

    @Test func sameInputBuildsByteIdenticalPages() throws {
        let (first, one) = try build(evidence)
        let (_, two) = try build(evidence)
        defer { one.remove(); two.remove() }
        for path in first.writtenFiles {
            #expect(try one.read("output/" + path) == two.read("output/" + path), "\(path) differs between builds")
        }
    }

    @Test func malformedSourceDateEpochCannotContinue() throws {
        #expect(throws: DossierError.self) {
            _ = try build(evidence, environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        }
    }

    @Test func brokenLinksAreFindingsAndThePackIsStillWritten() throws {
        let (result, folder) = try build(["a.md": "[gone](missing.md) and [out](../../etc/passwd)\n"])
        defer { folder.remove() }
        #expect(result.diagnostics.filter { $0.severity > .note && !AssessmentFixture.completeness.contains($0.identifier) }.map(\.identifier)
            == ["dossier.link.missing-target", "dossier.link.outside-evidence"])
        #expect(result.fails(at: .error))
        #expect(folder.exists("output/index.html"))
        #expect(try PackLinkWalker(root: folder.subfolder("output")).problems().isEmpty)
        #expect(try folder.read("output/findings.html").contains("dossier.link.missing-target"))
    }

    @Test func evidenceImagesAreCopiedAndShownNotDecoded() throws {
        // A 1×1 PNG: binary, with NUL bytes and no valid UTF-8.
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!
        let folder = try TemporaryFolder(["evidence/notes.md": "# Notes\n\n![The flow](diagrams/flow.png)\n"])
        defer { folder.remove() }
        try folder.write(png, to: "evidence/diagrams/flow.png")
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.diagnostics.filter { $0.file == "diagrams/flow.png" }.isEmpty, "an image is not text: \(result.diagnostics.map(\.summary))")
        #expect(try Data(contentsOf: folder.subfolder("output/files/diagrams/flow.png")) == png)
        #expect(try folder.read("output/evidence/notes.html").contains(#"<img src="../files/diagrams/flow.png" alt="The flow" />"#))
        #expect(try folder.read("output/evidence/diagrams/flow.png.html").contains(#"src="../../files/diagrams/flow.png""#))
        #expect(try PackLinkWalker(root: folder.subfolder("output")).problems().isEmpty)
    }
}
