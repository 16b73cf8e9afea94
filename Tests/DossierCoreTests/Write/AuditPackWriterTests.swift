import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

@Suite struct AuditPackWriterTests {
    private let pages = [RenderedFile(path: "index.html", text: "new"), RenderedFile(path: "evidence/a.html", text: "a")]

    @Test func replacesAPreviousPackWhole() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let output = parent.subfolder("pack")
        try AuditPackWriter().write([RenderedFile(path: "old.html", text: "old")], to: output, guarding: [])
        try AuditPackWriter().write(pages, to: output, guarding: [])
        #expect(try parent.read("pack/index.html") == "new")
        #expect(!parent.exists("pack/old.html"), "files of the previous pack do not linger")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.url.path).filter { $0.hasPrefix(".dossier") }
        #expect(leftovers.isEmpty, "no staging or old folder is left behind: \(leftovers)")
    }

    @Test func aLoneGitkeepCountsAsEmptyAndSurvives() throws {
        let parent = try TemporaryFolder(["output/.gitkeep": ""])
        defer { parent.remove() }
        try AuditPackWriter().write(pages, to: parent.subfolder("output"), guarding: [])
        #expect(parent.exists("output/.gitkeep"))
        #expect(parent.exists("output/evidence/a.html"))
    }

    @Test func refusesAFolderThatIsNotAPack() throws {
        let parent = try TemporaryFolder(["docs/thesis.tex": "precious"])
        defer { parent.remove() }
        #expect(throws: DossierError.self) {
            try AuditPackWriter().write(pages, to: parent.subfolder("docs"), guarding: [])
        }
        #expect(try parent.read("docs/thesis.tex") == "precious")
    }

    @Test func refusesTheEvidenceFolderAndFoldersInsideIt() throws {
        let parent = try TemporaryFolder(["evidence/a.md": "x"])
        defer { parent.remove() }
        let evidence = parent.subfolder("evidence")
        for target in [evidence, evidence.appendingPathComponent("out"), parent.url] {
            #expect(throws: DossierError.self, "\(target.path)") {
                try AuditPackWriter().write(pages, to: target, guarding: [evidence])
            }
        }
        #expect(try parent.read("evidence/a.md") == "x")
    }

    @Test func refusesTheFilesystemRoot() {
        #expect(throws: DossierError.self) {
            try AuditPackWriter().write(pages, to: URL(fileURLWithPath: "/"), guarding: [])
        }
    }
}
