import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Builds `Tests/Fixtures/hostile/` and asserts what became of each case: escaped, dropped, or
/// refused with a diagnostic. (The same pack is opened in Chromium by HostileCorpusBrowserTests.)
@Suite struct HostileCorpusTests {
    private func build() throws -> (WrittenPack, TemporaryFolder) {
        let folder = try HostileCorpus.make()
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        return (try BuildPipeline(options: options).build(), folder)
    }

    private func ids(_ result: Assessment, _ file: String) -> Set<String> {
        Set(result.diagnostics.filter { $0.file == file }.map(\.identifier))
    }

    @Test func eachCaseIsRefusedWithItsDiagnostic() throws {
        let (result, folder) = try build()
        defer { folder.remove() }
        #expect(ids(result.assessment, "passwd-link") == ["dossier.discover.link-outside"])
        #expect(ids(result.assessment, "alias-bomb.yml") == ["dossier.yaml.malformed"])
        #expect(ids(result.assessment, "deep.json") == ["dossier.json.malformed"])
        #expect(result.diagnostics.contains { $0.file == "deep.json" && $0.summary.contains("nesting deeper than 256") })
        #expect(ids(result.assessment, "invalid-utf8.md").isSuperset(of: ["dossier.input.invalid-utf8", "dossier.input.nul-byte"]))
        #expect(ids(result.assessment, "nul.txt") == ["dossier.input.nul-byte"])
        #expect(ids(result.assessment, "traversal.md") == ["dossier.link.outside-evidence", "dossier.link.absolute-path", "dossier.link.missing-target"])
        #expect(!result.assessment.documents.contains { $0.path == "passwd-link" }, "the link to /etc/passwd was read")
        #expect(!folder.exists("output/evidence/passwd-link.html"))
        #expect(!(try folder.read("output/evidence/traversal.html")).contains("root:x:0:0"), "/etc/passwd reached the pack")
    }

    /// Every line of links.md that names a script, `data:` or `file:` URL is reported where it is written.
    @Test func everySpellingOfADangerousLinkIsReportedAndDropped() throws {
        let (result, folder) = try build()
        defer { folder.remove() }
        let source = try String(contentsOf: HostileCorpus.fixtures.appendingPathComponent("links.md"), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let safe = ["stays", "title break", "fragment"]
        let attacked = lines.indices.filter { index in lines[index].hasPrefix("- ") && !safe.contains { lines[index].contains($0) } }
        let reported = Set(result.diagnostics.filter { $0.file == "links.md" && $0.identifier.hasPrefix("dossier.link.") }.compactMap { $0.location?.line })
        #expect(attacked.count == 25)
        for index in attacked {
            #expect(reported.contains(index + 1), "line \(index + 1) '\(lines[index])' was not reported")
        }
        let page = try folder.read("output/evidence/links.html")
        #expect(page.contains(#"<a href="https://example.com/">a safe link</a>"#), "the control: a safe link survives")
        #expect(page.contains(#"title="x&quot; onmouseover="#), "a link title is escaped")
    }

    @Test func noPageCarriesScriptEventHandlersOrDangerousURLs() throws {
        let (_, folder) = try build()
        defer { folder.remove() }
        let output = folder.subfolder("output")
        let pages = PackLinkWalker(root: output).pages()
        #expect(pages.count > 15)
        for page in pages {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            let scripts = html.components(separatedBy: "<script").count - 1
            // print.html, made to be printed, carries no script at all; every other page dossier.js alone
            // (it loads the search index when the search box is first used).
            if page == "print.html" {
                #expect(scripts == 0, "print.html: \(scripts) script elements")
            } else {
                #expect(scripts == 1 && html.contains("assets/dossier.js\" defer></script>"), "\(page): \(scripts) script elements")
            }
            #expect(HostileCorpus.eventHandlers(in: html).isEmpty, "\(page): \(HostileCorpus.eventHandlers(in: html))")
            let dangerous = HostileCorpus.urls(in: html).filter(HostileCorpus.isDangerous)
            #expect(dangerous.isEmpty, "\(page): \(dangerous)")
            #expect(!HostileCorpus.canaryFired(in: html), "\(page) holds the canary word")
        }
        // The payloads did reach the pages, as text: the checks above are not vacuous.
        let svg = try folder.read("output/evidence/attack.svg.html")
        #expect(svg.contains("&lt;script&gt;document.title=&#39;CAN&#39;+&#39;ARY&#39;&lt;/script&gt;") || svg.contains("&lt;script&gt;"))
        #expect(!svg.contains("<svg"), "the SVG evidence file was inlined")
        let images = try folder.read("output/evidence/images.html")
        #expect(!images.contains(#"src="attack.svg""#) && !images.contains("attack.svg\""), "the SVG is loaded as the file itself")
        #expect(try folder.read("output/evidence/structured.json.html").contains("&lt;img src=x onerror="))
    }
}
