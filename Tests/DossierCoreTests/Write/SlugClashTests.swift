import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Two records whose IDs differ only in punctuation slug to one page path: the pack is still
/// written (files are created exclusively, so the path must come once) and lists the path once.
@Suite struct SlugClashTests {
    @Test func activitiesThatSlugAlikeStillGiveAPack() throws {
        let sample = try String(contentsOf: Repository.root.appendingPathComponent("evidence/activities/ticket-summariser.yml"), encoding: .utf8)
        let folder = try TemporaryFolder([
            "evidence/a.yml": sample.replacingOccurrences(of: "id: ticket-summariser", with: "id: hr payroll"),
            "evidence/b.yml": sample.replacingOccurrences(of: "id: ticket-summariser", with: "id: hr-payroll"),
        ])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        let result = try BuildPipeline(options: options).build()
        #expect(folder.exists("pack/activities/hr-payroll.html"))
        #expect(result.writtenFiles.filter { $0 == "activities/hr-payroll.html" }.count == 1)
        let sums = try folder.read("pack/SHA256SUMS")
        #expect(sums.components(separatedBy: "  activities/hr-payroll.html\n").count == 2, "listed once")
        // The activity whose page was not kept is named, in its own file.
        let clashes = result.diagnostics.filter { $0.identifier == "dossier.render.page-clash" }
        #expect(clashes.map(\.file) == ["a.yml"])
        #expect(clashes.first?.summary.contains("'hr payroll'") == true && clashes.first?.summary.contains("'hr-payroll'") == true)
        let kept = try folder.read("pack/activities/hr-payroll.html")
        #expect(kept.contains("evidence/b.yml.html") && !kept.contains("evidence/a.yml.html"), "the page is the last activity's by ID")
    }

    /// A withheld file gets no page, so its activity takes no other's page and no clash is reported.
    @Test func aWithheldActivityDoesNotClash() throws {
        let sample = try String(contentsOf: Repository.root.appendingPathComponent("evidence/activities/ticket-summariser.yml"), encoding: .utf8)
        let token = "ghp_" + String(repeating: "a1B2c3D4e5", count: 4)  // built from parts: no credential in the source
        let folder = try TemporaryFolder([
            "evidence/a.yml": sample.replacingOccurrences(of: "id: ticket-summariser", with: "id: hr payroll"),
            "evidence/b.yml": sample.replacingOccurrences(of: "id: ticket-summariser", with: "id: hr-payroll") + "# token: \(token)\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.assessment.withheld == ["b.yml"])
        #expect(result.diagnostics.filter { $0.identifier == "dossier.render.page-clash" }.isEmpty)
        #expect(try folder.read("pack/activities/hr-payroll.html").contains("evidence/a.yml.html"), "the one published activity has the page")
    }

    /// The pack of `folder/evidence` built with the theme in `folder/theme`.
    private func buildWithTheme(_ folder: TemporaryFolder) throws -> WrittenPack {
        var options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        options.templates = folder.subfolder("theme")
        return try BuildPipeline(options: options).build()
    }

    /// A theme file at an evidence page's path takes the page's place, as the last file of a path does,
    /// and the build does not stumble on the page already written while rendering.
    @Test func aThemeFileAtAnEvidencePagePathReplacesThePage() throws {
        let folder = try TemporaryFolder(["evidence/readme.md": "# Readme\n", "theme/evidence/readme.html": "<p>from the theme</p>\n"])
        defer { folder.remove() }
        let result = try buildWithTheme(folder)
        #expect(try folder.read("pack/evidence/readme.html") == "<p>from the theme</p>\n")
        #expect(result.writtenFiles.filter { $0 == "evidence/readme.html" }.count == 1)
        #expect(try folder.read("pack/SHA256SUMS").contains("\(ContentHash.sha256(Data("<p>from the theme</p>\n".utf8)))  evidence/readme.html"))
    }

    /// The listing pages too (the overview, the findings, the print page) give way to a theme's file
    /// at their path, whichever core rendered them; the about page and the search index, made last,
    /// do not.
    @Test func aThemeFileAtAListingPagePathReplacesThePage() throws {
        let folder = try TemporaryFolder([
            "evidence/readme.md": "# Readme\n", "theme/index.html": "<p>own overview</p>\n", "theme/print.html": "<p>own print</p>\n",
            "theme/findings.html": "<p>own findings</p>\n", "theme/about.html": "<p>own about</p>\n",
        ])
        defer { folder.remove() }
        let result = try buildWithTheme(folder)
        #expect(try folder.read("pack/index.html") == "<p>own overview</p>\n")
        #expect(try folder.read("pack/print.html") == "<p>own print</p>\n")
        #expect(try folder.read("pack/findings.html") == "<p>own findings</p>\n")
        #expect(try folder.read("pack/about.html") != "<p>own about</p>\n")
        #expect(result.writtenFiles.filter { $0 == "index.html" }.count == 1)
    }
}
