import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The limits of `dossier.yml`, read before discovery, and what each refuses.
@Suite struct InputLimitsTests {
    private let config = """
        organisation: Northwind
        scope: Limits
        frameworks: [gdpr]
        audit_period: {start: 2026-01-01, end: 2026-12-31}

        """

    private func check(_ folder: TemporaryFolder) throws -> Assessment {
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        return try BuildPipeline(options: options).check()
    }

    private func ids(_ result: Assessment, _ file: String) -> [String] {
        result.diagnostics.filter { $0.file == file }.map(\.identifier)
    }

    /// Generated, never committed: three files with one 50 MB line each.
    /// How fast is for the benchmark to say, not a timed test: this one checks what happens.
    @Test func aFiftyMegabyteLineIsRefusedWithADiagnostic() throws {
        let folder = try TemporaryFolder(["evidence/dossier.yml": config])
        defer { folder.remove() }
        let line = Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024)
        try folder.write(Data("# Huge\n\n".utf8) + line, to: "evidence/huge.md")
        try folder.write(Data("{\"event\":\"".utf8) + line + Data("\"}\n{\"event\":\"small\"}\n".utf8), to: "evidence/huge.jsonl")
        var result = try check(folder)
        #expect(ids(result, "huge.md") == ["dossier.limits.file-too-large"])
        #expect(ids(result, "huge.jsonl").contains("dossier.limits.line-too-long"))
        // Raising the file limit lets the Markdown file through discovery; the line limit still refuses it.
        try folder.write(config + "limits: {max_file_bytes: 104857600}\n", to: "evidence/dossier.yml")
        result = try check(folder)
        let refusal = result.diagnostics.first { $0.file == "huge.md" }
        #expect(refusal?.identifier == "dossier.limits.line-too-long")
        #expect(refusal?.location?.line == 3)
        #expect(!result.documents.contains { $0.path == "huge.md" })
    }

    @Test func theFileCountLimitStopsTheWalk() throws {
        var files = ["evidence/dossier.yml": config + "limits: {max_files: 10}\n"]
        for index in 0..<20 { files["evidence/a/\(String(format: "%02d", index)).md"] = "# \(index)\n" }
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        // Past the limit in walk order: a link leading out, reported only if the walk reached it.
        try FileManager.default.createDirectory(at: folder.subfolder("evidence/z"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.subfolder("evidence/z/passwd"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        let result = try check(folder)
        #expect(result.diagnostics.filter { $0.identifier == "dossier.limits.too-many-files" }.count == 1)
        #expect(result.documents.count == 10)
        #expect(!result.diagnostics.contains { $0.identifier == "dossier.discover.link-outside" }, "the walk went on past the limit")
    }

    @Test func depthAndLineLimitsComeFromTheConfiguration() throws {
        let deep = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": config + "limits: {max_depth: 8, max_line_bytes: 100}\n",
            "evidence/deep.json": deep, "evidence/long.md": "# Long\n\n" + String(repeating: "b", count: 200) + "\n",
            "evidence/short.md": "# Short\n\n" + String(repeating: "b", count: 99) + "\n",
        ])
        defer { folder.remove() }
        let result = try check(folder)
        #expect(result.diagnostics.contains { $0.file == "deep.json" && $0.summary.contains("nesting deeper than 8") })
        #expect(result.diagnostics.first { $0.file == "long.md" }?.location?.line == 3)
        #expect(ids(result, "long.md") == ["dossier.limits.line-too-long"])
        #expect(ids(result, "short.md").isEmpty, "the control: a line under the limit is read")
        #expect(result.configuration?.limits.maxDepth == 8)
    }

    @Test func aBadLimitIsReportedOnceAndTheDefaultKept() throws {
        let folder = try TemporaryFolder(["evidence/dossier.yml": config + "limits: {max_files: 0, max_lines: 3}\n", "evidence/a.md": "# A\n"])
        defer { folder.remove() }
        let result = try check(folder)
        #expect(ids(result, "dossier.yml").sorted() == ["dossier.config.bad-value", "dossier.config.unknown-key"])
        #expect(result.configuration?.limits.maxFileCount == InputLimits().maxFileCount)
    }

    @Test func aConfigurationLinkLeadingOutIsNotRead() throws {
        let folder = try TemporaryFolder(["outside.yml": config, "evidence/a.md": "# A\n"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(at: folder.subfolder("evidence/dossier.yml"), withDestinationURL: folder.subfolder("outside.yml"))
        #expect(throws: DossierError.self) { try check(folder) }
    }
}
