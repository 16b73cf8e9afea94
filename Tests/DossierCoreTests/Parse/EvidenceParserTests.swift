import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

@Suite struct EvidenceParserTests {
    private func parse(_ files: [String: String]) throws -> (documents: [EvidenceDocument], diagnostics: [Diagnostic]) {
        try parseEvidence(files)
    }

    @Test func frontMatterTitleWinsAndPositionsCountFrontMatterLines() throws {
        let (documents, diagnostics) = try parse(["a.md": "---\ntitle: Access review\n---\n# Heading\n\n- [x] ACC-1 done\n"])
        #expect(diagnostics.isEmpty)
        #expect(documents.first?.title == "Access review")
        guard case .markdown(let markdown) = documents.first?.content else {
            Issue.record("not parsed as Markdown")
            return
        }
        #expect(markdown.taskItems.map(\.location.line) == [6])
    }

    @Test func titleFallsBackToTheFirstHeadingThenThePath() throws {
        let (documents, _) = try parse(["a.md": "# From heading\n", "b.md": "no heading\n"])
        #expect(documents.map(\.title) == ["From heading", "b.md"])
    }

    @Test func malformedFrontMatterIsReportedAtItsLine() throws {
        let (documents, diagnostics) = try parse(["bad.md": "---\ntitle: ok\nowner: [unclosed\n---\nbody\n"])
        #expect(documents.count == 1, "the file is still published")
        let problem = try #require(diagnostics.first)
        #expect(problem.identifier == "dossier.frontmatter.malformed")
        #expect(problem.file == "bad.md")
        #expect((problem.location?.line ?? 0) >= 3)
    }

    @Test func unclosedFrontMatterIsAnError() throws {
        let (_, diagnostics) = try parse(["open.md": "---\ntitle: never closed\n"])
        #expect(diagnostics.map(\.identifier) == ["dossier.frontmatter.unclosed"])
    }

    @Test func invalidUTF8AndNULAreRepairedAndReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data("line one\nbad \u{0}byte\n".utf8) + Data([0xFF, 0xFE, 0x0A]), to: "odd.md")
        let collector = DiagnosticEngine()
        let documents = EvidenceParser().parse(try EvidenceSnapshot.take(of: folder.url, environment: ["SOURCE_DATE_EPOCH": "0"]).files, diagnostics: collector)
        #expect(documents.count == 1)
        #expect(Set(collector.diagnostics.map(\.identifier)) == ["dossier.input.invalid-utf8", "dossier.input.nul-byte"])
        #expect(collector.diagnostics.first { $0.identifier == "dossier.input.invalid-utf8" }?.location?.line == 3)
    }

    @Test func aCompressedExportIsNamedNotShownAsNoise() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json = Data(#"{"Records": []}"#.utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        gzip.standardInput = input
        gzip.standardOutput = output
        try gzip.run()
        input.fileHandleForWriting.write(json)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        try folder.write(compressed, to: "logs/trail.json.gz")
        try folder.write(Data("BZh91AY is our team codename.\n".utf8), to: "bz.md")
        try folder.write(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), to: "agreements/dpa.docx")
        let collector = DiagnosticEngine()
        let documents = EvidenceParser().parse(try EvidenceSnapshot.take(of: folder.url, environment: ["SOURCE_DATE_EPOCH": "0"]).files, diagnostics: collector)
        #expect(documents.count == 3)
        let named = collector.diagnostics.filter { $0.identifier == "dossier.input.compressed" }
        #expect(named.count == 2 && collector.diagnostics.count == 2, "no NUL or UTF-8 noise, and a note opening 'BZh9' is text: \(collector.diagnostics.map(\.summary))")
        let document = try #require(named.first { $0.file == "agreements/dpa.docx" })
        #expect(document.severity == .note && document.summary.contains("docx document") && !document.summary.contains("unzip"))
        #expect(named.contains { $0.summary.contains("gzip-compressed") && $0.file == "logs/trail.json.gz" && $0.severity == .warning })
        guard case .text(let text)? = documents.first(where: { $0.path == "logs/trail.json.gz" })?.content else { Issue.record("no document"); return }
        #expect(text.isEmpty)
    }

    @Test func byteOrderMarkAndCRLFDoNotHideFrontMatter() throws {
        let (documents, diagnostics) = try parse(["win.md": "\u{FEFF}---\r\ntitle: Windows file\r\n---\r\n- [x] A-1 ok\r\n"])
        #expect(diagnostics.isEmpty)
        #expect(documents.first?.title == "Windows file")
    }

    /// Classic Mac line endings: every reader counts a lone CR as a line break, so task items are
    /// numbered as an editor shows them (found by the markdown fuzz target).
    @Test func loneCarriageReturnsEndLinesForEveryReader() throws {
        let (documents, diagnostics) = try parse(["mac.md": "---\rtitle: Old Mac\r---\r# Heading\r\r- [x] ACC-1 done\r"])
        #expect(diagnostics.isEmpty)
        #expect(documents.first?.title == "Old Mac")
        guard case .markdown(let markdown) = documents.first?.content else {
            Issue.record("not parsed as Markdown")
            return
        }
        #expect(markdown.taskItems.map(\.location.line) == [6])
    }
}
