import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

@Suite struct EvidenceDiscovererTests {
    @Test func listsFilesSortedAndSkipsHiddenOnes() throws {
        let folder = try TemporaryFolder(["b.md": "", "a/z.json": "{}", "a/c.md": "", ".git/config": "", ".DS_Store": ""])
        defer { folder.remove() }
        let files = try EvidenceDiscoverer().discover(in: folder.url, diagnostics: DiagnosticEngine())
        #expect(files.map(\.path) == ["a/c.md", "a/z.json", "b.md"])
        #expect(files.map(\.format) == [.markdown, .json, .markdown])
    }

    @Test func missingFolderCannotContinue() {
        #expect(throws: DossierError.self) {
            try EvidenceDiscoverer().discover(in: URL(fileURLWithPath: "/nonexistent/evidence"), diagnostics: DiagnosticEngine())
        }
    }

    @Test func symlinkLeadingOutsideIsRefused() throws {
        let folder = try TemporaryFolder(["inside.md": "ok"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("passwd.md").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("alias.md").path, withDestinationPath: "inside.md")
        let collector = DiagnosticEngine()
        let files = try EvidenceDiscoverer().discover(in: folder.url, diagnostics: collector)
        #expect(files.map(\.path) == ["alias.md", "inside.md"])
        #expect(collector.diagnostics.map(\.identifier) == ["dossier.discover.link-outside"])
        #expect(collector.diagnostics.first?.file == "passwd.md")
    }

    @Test func oversizedFilesAreReportedNotRead() throws {
        let folder = try TemporaryFolder(["big.md": String(repeating: "x", count: 2048), "small.md": "ok"])
        defer { folder.remove() }
        var limits = InputLimits()
        limits.maxFileBytes = 1024
        let collector = DiagnosticEngine()
        let files = try EvidenceDiscoverer(limits: limits).discover(in: folder.url, diagnostics: collector)
        #expect(files.map(\.path) == ["small.md"])
        #expect(collector.diagnostics.map(\.identifier) == ["dossier.limits.file-too-large"])
    }

    @Test func editorBackupsAndSystemFilesAreSkippedWithANote() throws {
        let folder = try TemporaryFolder([
            "answers.md": "# A\n", "answers.md~": "# stale\n", "#answers.md#": "# autosave\n", "~$plan.docx": "",
            "4913": "", "notes/plan.md___jb_old___": "", "photos/Thumbs.db": "", ".answers.md.swp": "", "2024": "kept",
            "archive.bak/policy.md": "# A folder is not skipped for its name\n",
        ])
        defer { folder.remove() }
        let collector = DiagnosticEngine()
        let files = try EvidenceDiscoverer().discover(in: folder.url, diagnostics: collector)
        #expect(files.map(\.path) == ["2024", "4913", "answers.md", "archive.bak/policy.md"])
        let notes = collector.diagnostics.filter { $0.identifier == "dossier.discover.scratch-file" }
        #expect(notes.compactMap(\.file).sorted() == ["#answers.md#", "answers.md~", "notes/plan.md___jb_old___", "photos/Thumbs.db", "~$plan.docx"])
        #expect(notes.allSatisfy { $0.severity == .note })
        #expect(notes.first { $0.file == "answers.md~" }?.summary.contains("backup") == true)
    }

    @Test func aLinkToTheFolderItselfIsALinkedFolderAndALoopIsSaidToLoop() throws {
        let folder = try TemporaryFolder(["a.md": "# A\n", "sub/b.md": "# B\n"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("sub/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("self.md").path, withDestinationPath: "self.md")
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("gone.md").path, withDestinationPath: "nothing-here.md")
        let collector = DiagnosticEngine()
        let files = try EvidenceDiscoverer().discover(in: folder.url, diagnostics: collector)
        #expect(files.map(\.path) == ["a.md", "sub/b.md"])
        let byFile = Dictionary(uniqueKeysWithValues: collector.diagnostics.map { ($0.file ?? "", $0) })
        #expect(byFile["sub/up"]?.identifier == "dossier.discover.linked-folder", "a link back to the root is not outside it")
        #expect(byFile["sub/up"]?.severity == .note)
        #expect(byFile["self.md"]?.identifier == "dossier.discover.broken-link")
        #expect(byFile["self.md"]?.summary.contains("loop") == true)
        #expect(byFile["gone.md"]?.summary == "Symbolic link is broken")
    }
}
