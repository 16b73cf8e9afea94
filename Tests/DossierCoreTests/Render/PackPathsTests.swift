import DossierCore
import Foundation
import Testing

@Suite struct PackPathsTests {
    @Test func evidencePagesMirrorTheEvidenceTree() {
        func page(_ path: String) -> String {
            PackPaths.page(forEvidence: EvidenceFile(path: path, url: URL(fileURLWithPath: "/" + path), size: 0))
        }
        #expect(page("checklists/pre-launch.md") == "evidence/checklists/pre-launch.html")
        #expect(page("approvals/cab.json") == "evidence/approvals/cab.json.html")
        #expect(page("notes.v2.md") == "evidence/notes.v2.html")
    }

    @Test func linksAreRelativeToThePage() {
        #expect(PackPaths.root(from: "index.html") == "")
        #expect(PackPaths.root(from: "evidence/a/b.html") == "../../")
        #expect(PackPaths.link(from: "evidence/a/b.html", to: "index.html") == "../../index.html")
    }
}
