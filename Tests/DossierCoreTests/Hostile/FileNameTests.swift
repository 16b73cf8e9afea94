import DossierModel
import DossierPack
import DossierPublish
import DossierTestSupport
import Foundation
import Testing

/// File names are input too: each odd one is reported on its own, and never sinks the build.
@Suite struct FileNameTests {
    private func build(_ folder: TemporaryFolder) throws -> WrittenPack {
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        return try BuildPipeline(options: options).build()
    }

    /// Foundation dropped such a name without a word; it is now reported, and nothing is listed for it.
    @Test func aNameThatIsNotUTF8IsReportedAndSkipped() throws {
        let folder = try TemporaryFolder(["evidence/good.md": "# Good\n"])
        defer { folder.remove() }
        var path = Array(folder.subfolder("evidence").path.utf8) + Array("/bad".utf8) + [0xFF, 0xFE] + Array(".md".utf8)
        path.append(0)
        let descriptor = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o644) } }
        #expect(descriptor >= 0)
        _ = write(descriptor, "# Bad\n", 6)
        close(descriptor)
        let result = try build(folder)
        let reported = result.diagnostics.filter { $0.identifier == "dossier.discover.invalid-name" }
        #expect(reported.count == 1 && reported.first?.file == "bad\u{FFFD}\u{FFFD}.md", "\(reported)")
        #expect(result.assessment.documents.map(\.path) == ["good.md"])
        #expect(!(try folder.read("output/manifest.json")).contains("\"bad"), "the manifest vouches only for files read")
    }

    /// A legal 255-byte name becomes a page name of 260 bytes, which no file system takes: the build
    /// stopped (exit 2). The page now gets a shortened name with a hash of the whole.
    @Test func aNameTooLongForItsPageStillGetsOne() throws {
        let long = String(repeating: "a", count: 252) + ".md"
        let folder = try TemporaryFolder(["evidence/\(long)": "# Long\n", "evidence/index.md": "[the long one](\(long))\n"])
        defer { folder.remove() }
        let result = try build(folder)
        let page = PackPaths.page(forEvidence: EvidenceFile(path: long, url: folder.subfolder("evidence/" + long), size: 7))
        #expect(page.utf8.count < 255 + "evidence/".count && page.hasSuffix(".html") && page.hasPrefix("evidence/" + String(repeating: "a", count: 200) + "-"))
        #expect(folder.exists("output/" + page), "\(page)")
        #expect(try folder.read("output/evidence/index.html").contains(String(page.dropFirst("evidence/".count))), "the link leads to the page")
        #expect(!result.diagnostics.contains { $0.severity == .error && $0.file == long })
    }

    /// What the `file-names` target found, and its kin: a name showing no personal data itself, whose
    /// page name or link would (and so be mangled by the pages' redaction), is published hashed too.
    @Test(arguments: [
        ("contacts/team@example", "contacts/redacted-"),
        ("receipts/a 000000000006.md", "receipts/redacted-"),
        ("long/" + String(repeating: "a", count: 196) + "x@yz" + String(repeating: "_", count: 50) + ".txt", "long/redacted-"),
    ])
    func aNameIsHashedWhenItsPageOrLinkWouldShowPersonalData(_ path: String, _ published: String) {
        let result = PersonalDataRedactor(mode: .redact).publishedPath(path)
        #expect(result.hasPrefix(published), "\(result)")
        #expect(PersonalDataRedactor(mode: .redact).publishedPath("records/access-review-2026-q3.md") == "records/access-review-2026-q3.md")
    }
}
