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
}
