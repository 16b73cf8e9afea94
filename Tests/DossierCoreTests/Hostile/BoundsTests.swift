import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierTestSupport
import Foundation
import Testing

/// Bounds an attacker's evidence or `dossier.yml` cannot lift: each is reported where it bites, and
/// the build goes on. (How long each takes is for `make bench` and the fuzz targets, not a timed test.)
@Suite struct BoundsTests {
    private static let config = """
        organisation: Northwind
        scope: Bounds
        frameworks: [gdpr]
        audit_period: {start: 2026-01-01, end: 2026-12-31}

        """

    private func build(_ folder: TemporaryFolder) throws -> WrittenPack {
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        return try BuildPipeline(options: options).build()
    }

    private func deepJSON(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
    }

    /// Raised in dossier.yml, the depth stops at the ceiling: JSON nested 100 000 deep no longer
    /// overflows the stack (it crashed the build), and a file just under the ceiling still reads.
    @Test func maxDepthCannotBeRaisedPastTheCeiling() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": Self.config + "limits:\n  max_depth: 100000\n",
            "evidence/deep.json": deepJSON(100_000),
            "evidence/just-under.json": deepJSON(InputLimits.depthCeiling - 2),
        ])
        defer { folder.remove() }
        let result = try build(folder)
        let config = result.diagnostics.filter { $0.file == "dossier.yml" }
        #expect(config.contains { $0.identifier == "dossier.config.bad-value" && $0.summary.contains("at most 1000") }, "\(config)")
        #expect(result.diagnostics.contains { $0.file == "deep.json" && $0.identifier == "dossier.json.malformed" })
        #expect(!result.diagnostics.contains { $0.file == "just-under.json" && $0.severity == .error })
        #expect(folder.exists("output/evidence/deep.json.html") && folder.exists("output/evidence/just-under.json.html"))
    }

    /// A source-root file an approval cites is read under the evidence's size limit, never whole
    /// whatever its size (a 4 GiB sparse file took 4.2 GB).
    @Test func aSourceRootFileOverTheLimitIsNotRead() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": Self.config + "limits:\n  max_file_bytes: 1000\nsource_roots:\n  - name: app\n    path: ../app\n",
            "evidence/approval.json": """
                {"kind": "approval", "id": "CAB-1", "subject": {"path": "app:big.bin", "sha256": "\(String(repeating: "0", count: 64))"},
                 "requester": {"name": "A", "role": "Engineer"}, "approver": {"name": "B", "role": "Security"},
                 "decision": "approved", "decided_at": "2026-03-01"}
                """,
        ])
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.subfolder("app"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder.subfolder("app/big.bin").path, contents: nil))
        let handle = try FileHandle(forWritingTo: folder.subfolder("app/big.bin"))
        try handle.truncate(atOffset: 4 << 30)  // sparse: 4 GiB that occupy no disk
        try handle.close()
        let result = try build(folder)
        let missing = try #require(result.diagnostics.first { $0.identifier == "dossier.approval.subject-missing" })
        #expect(missing.summary.contains("4294967296 bytes") && missing.summary.contains("more than the limit of 1000"), "\(missing.summary)")
        let manifest = try folder.read("output/manifest.json")
        #expect(!manifest.contains("app:big.bin"), "a file not read is not vouched for by the manifest")
    }

    /// 190 000 unknown keys in one record took three minutes and 1.6 GB, one finding each: the first
    /// 50 are listed, and one finding counts the rest.
    @Test func unknownKeysPastFiftyAreCountedNotListed() throws {
        let keys = (1...80).map { "k\($0): 1" }.joined(separator: "\n")
        let folder = try TemporaryFolder(["evidence/dossier.yml": Self.config, "evidence/keys.yml": "kind: approval\n\(keys)\n"])
        defer { folder.remove() }
        let found = try build(folder).diagnostics.filter { $0.file == "keys.yml" && $0.identifier.hasSuffix(".unknown-key") }
        #expect(found.count == 51, "\(found.count)")
        #expect(found.contains { $0.summary.hasPrefix("30 more unknown keys in ") && $0.summary.hasSuffix("are not listed (the first 50 are)") })
    }

    /// Seventeen nested folders of 243-character names stopped the build (the page's folders could not
    /// be made): a file whose path is past 1024 bytes is reported and left out, the rest is built.
    @Test func aFileTooDeepToBeWrittenIsLeftOut() throws {
        let deep = (0..<5).map { "d\($0)" + String(repeating: "x", count: 240) }.joined(separator: "/") + "/note.md"
        let folder = try TemporaryFolder(["evidence/dossier.yml": Self.config, "evidence/\(deep)": "# Deep\n", "evidence/fine.md": "# Fine\n"])
        defer { folder.remove() }
        let result = try build(folder)
        let skipped = try #require(result.diagnostics.first { $0.identifier == DiagnosticID.discoverPathTooLong.rawValue })
        #expect(skipped.file == deep && skipped.summary.hasPrefix("Path is \(deep.utf8.count) bytes long"))
        #expect(result.writtenFiles.contains { $0.hasPrefix("evidence/fine") }, "the other files are built")
        #expect(!result.writtenFiles.contains { $0.contains("note") })
    }

    /// Past 150 systems a graph is not laid out (Graphviz took four minutes for 250): the page shows
    /// its table, and a note says why.
    /// Past 200 flows neither (150 systems with 500 flows took Graphviz 155 s).
    @Test(arguments: [(151, 150), (20, 201)] as [(Int, Int)])
    func aGraphTooLargeToDrawIsShownAsATable(systemCount: Int, flowCount: Int) throws {
        let systems = (1...systemCount).map { "  - {id: s\($0), name: System \($0), kind: service, third_party: false}" }.joined(separator: "\n")
        let flows = (1...flowCount).map { "  - {id: f\($0), source: s\($0 % systemCount + 1), target: s\(($0 * 7) % systemCount + 1), data_categories: [Notes], purpose: Testing, personal_data: false, tls_version: \"1.3\"}" }.joined(separator: "\n")
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": Self.config,
            "evidence/big-graph.yml": "kind: data-flow\nid: big\ntitle: Big\nsystems:\n\(systems)\nflows:\n\(flows)\n",
        ])
        defer { folder.remove() }
        let result = try build(folder)
        #expect(result.diagnostics.contains { $0.file == "big-graph.yml" && $0.identifier == "dossier.dataflow.too-large-to-draw" },
                "\(result.diagnostics.filter { $0.file == "big-graph.yml" }.map(\.identifier))")
        let page = try folder.read("output/evidence/big-graph.yml.html")
        #expect(!page.contains("<svg") && page.contains("System \(systemCount)"), "the table lists every system, and no diagram is drawn")
    }
}

/// Deep Markdown is shown as text: the page renderer recurses, and 20 000 nested list items or
/// 100 000 nested images crashed the build (it ran out of stack).
@Suite struct MarkdownNestingTests {
    @Test(arguments: [
        String(repeating: "- ", count: 20_000) + "x\n",
        String(repeating: "> ", count: 50_000) + "x\n",
        String(repeating: "![a", count: 100_000) + String(repeating: "](x.png)", count: 100_000) + "\n",
        String(repeating: "*", count: 300_000) + "a" + String(repeating: "*", count: 300_000) + "\n",
        // Quotes around emphasis: time in cmark-gfm grows with their product (CVE-2023-24824).
        String(repeating: ">", count: 70_000) + String(repeating: "a*", count: 70_000) + "\n",
        "- " + String(repeating: ">", count: 50_000) + " *a*\n" + String(repeating: "b *c*\n", count: 30_000),
    ])
    func deepMarkdownIsShownAsText(_ body: String) throws {
        let folder = try TemporaryFolder(["evidence/deep.md": body, "evidence/fine.md": "# Fine\n\n- a\n  - b\n    - [c](deep.md)\n"])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.diagnostics.contains { $0.file == "deep.md" && $0.identifier == "dossier.limits.markdown-nesting" },
                "\(result.diagnostics.filter { $0.file == "deep.md" }.map(\.identifier))")
        #expect(folder.exists("output/evidence/deep.html") && folder.exists("output/evidence/fine.html"))
        #expect(!result.diagnostics.contains { $0.file == "fine.md" && $0.identifier == "dossier.limits.markdown-nesting" })
    }
}

@Suite struct QuoteDepthTests {
    @Test func quoteMarkersOpeningALineAreCounted() {
        #expect(MarkdownNesting.quoteDepth("> a\n>> b\n > > > c\n") == 3)
        #expect(MarkdownNesting.quoteDepth("a > b > c\n") == 0, "only markers that open a line")
        #expect(MarkdownNesting.quoteDepth("- >>> a\n1. > > b\n* > c\n") == 3, "quotes in a list item")
    }
}

/// A GFM table's rows are padded to its header's width, so a few kilobytes can ask for millions of
/// cells (18 KB: 9 million cells, 22 s, 2.7 GB). Past 100 000 cells, tables are shown as text.
@Suite struct TableBoundTests {
    private func table(columns: Int, rows: Int) -> String {
        "# Wide\n\n|" + Array(repeating: "a", count: columns).joined(separator: "|") + "|\n|"
            + Array(repeating: "-", count: columns).joined(separator: "|") + "|\n" + String(repeating: "a\n", count: rows)
    }

    @Test func aTableOfMillionsOfCellsIsShownAsText() throws {
        let folder = try TemporaryFolder(["evidence/wide.md": table(columns: 3_000, rows: 3_000), "evidence/small.md": table(columns: 3, rows: 3)])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.diagnostics.contains { $0.file == "wide.md" && $0.identifier == "dossier.limits.table-too-large" })
        #expect(!result.diagnostics.contains { $0.file == "small.md" && $0.identifier == "dossier.limits.table-too-large" })
        #expect(!(try folder.read("output/evidence/wide.html")).contains("<table"), "the wide table is text")
        #expect(try folder.read("output/evidence/small.html").contains("<table"), "a small table is still a table")
    }

    /// One row of 70 000 cells under a two-column header took cmark-gfm 9 s (it splits a row into
    /// every cell before cutting it to the header's width): past 1 000 in a row, tables are text.
    @Test func aRowOfTooManyCellsIsShownAsText() {
        #expect(MarkdownTables.cells("a|b\n-|-\n" + String(repeating: "|", count: 1_001) + "\n") > MarkdownTables.limit)
        #expect(MarkdownTables.cells("a|b\n-|-\n" + String(repeating: "|", count: 1_000) + "\n") <= MarkdownTables.limit)
        #expect(MarkdownTables.cells("Some text " + String(repeating: "|", count: 5_000) + "\n") == 0, "pipes outside a table are text")
    }

    /// The last four slipped past the count: a table in a quote (the `tables` fuzz target found it), a
    /// vertical tab among the dashes (a space to cmark-gfm), a wide table starting inside a narrow one,
    /// a `- ` that is a column rather than a bullet.
    @Test(arguments: [
        ("|a|b|\n|---|:-:|\n|1|2|\n", 6), ("a\n---\nb\n", 3), ("text\n\n|---|\n", 0), ("|a|\n|x|\n", 0),
        ("> |a|b|\n> |-|-|\n> 1\n", 6), ("|a|b|\n|-\u{0B}|-|\n|1|2|\n", 6),
        ("|a|\n|-|\n> |a|b|c|\n> |-|-|-|\n> 1\n", 13), ("a|b\n- | -\n", 4),
    ])
    func cellsAreCountedFromTheDelimiterRow(_ markdown: String, _ expected: Int) {
        #expect(MarkdownTables.cells(markdown) == expected, "\(markdown.debugDescription)")
    }
}

/// No value of `limits` in dossier.yml crashes a build: each is set to extremes, one at a time, and
/// the build finishes with a pack (or reports the value), never a trap.
@Suite struct ExtremeLimitsTests {
    static let cases: [(String, String)] = [
        ("max_file_bytes", "1"), ("max_file_bytes", "0"), ("max_file_bytes", "-5"), ("max_file_bytes", "9223372036854775807"),
        ("max_files", "1"), ("max_files", "0"), ("max_files", "9223372036854775807"),
        ("max_log_bytes", "1"), ("max_log_bytes", "9223372036854775807"),
        ("max_line_bytes", "1"), ("max_line_bytes", "9223372036854775807"),
        ("max_depth", "2"), ("max_depth", "1"), ("max_depth", "9223372036854775807"), ("max_depth", "99999999999999999999"),
        ("max_depth", "\"deep\""), ("max_files", "[1, 2]"), ("max_line_bytes", "1.5"),
    ]

    /// The other numbers and dates of dossier.yml at their extremes: freshness windows of Int.max days
    /// or months (date arithmetic that could overflow), and audit periods at the calendar's ends.
    static let otherCases: [String] = [
        "policy:\n  freshness: {secret_rotation_days: 9223372036854775807, access_review_days: 9223372036854775807}\n",
        "policy:\n  freshness: {staging_retention_days: 9223372036854775807, log_retention_months: 9223372036854775807}\n",
        "policy:\n  freshness: {secret_rotation_days: -1, access_review_days: 0, staging_retention_days: -9223372036854775808, log_retention_months: 0}\n",
        "policy:\n  freshness: {log_retention_months: 99999999999999999999}\n",
    ]
    static let periods = ["{start: 0001-01-01, end: 9999-12-31}", "{start: 9999-12-31, end: 9999-12-31}", "{start: 1970-01-01, end: 1970-01-01}"]

    private func buildsAPack(configuration: String) throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": configuration,
            "evidence/notes.md": "---\nowner: A\nreviewed_at: 2026-03-01\nfreshness: 99999999 days\n---\n# Notes\n\n- [x] a [link](data.json)\n",
            "evidence/data.json": "{\"a\": [[[1]]]}",
            "evidence/log.jsonl": "{\"eventTime\": \"2026-03-01T10:00:00Z\", \"eventName\": \"x\"}\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(folder.exists("output/index.html"), "\(configuration)")
        #expect(!result.writtenFiles.isEmpty)
    }

    private static let head = "organisation: A\nscope: B\nframeworks: [gdpr]\n"

    @Test(arguments: cases.indices)
    func anExtremeLimitNeverCrashesABuild(_ index: Int) throws {
        let (key, value) = Self.cases[index]
        try buildsAPack(configuration: Self.head + "audit_period: {start: 2026-01-01, end: 2026-12-31}\nlimits:\n  \(key): \(value)\n")
    }

    @Test(arguments: otherCases)
    func anExtremeFreshnessWindowNeverCrashesABuild(_ policy: String) throws {
        try buildsAPack(configuration: Self.head + "audit_period: {start: 2026-01-01, end: 2026-12-31}\n" + policy)
    }

    @Test(arguments: periods)
    func anAuditPeriodAtTheCalendarsEndsNeverCrashesABuild(_ period: String) throws {
        try buildsAPack(configuration: Self.head + "audit_period: \(period)\n")
    }
}
