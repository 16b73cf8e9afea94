import DossierTestSupport
import Foundation
import Testing

/// What Dossier prints quotes file names and values from evidence and reports, which arrive in pull
/// requests: none of it may reach the terminal as a control character. A newline in a file name
/// would let it forge a line of its own (GitHub Actions reads `::stop-commands::` from the log); an
/// escape sequence would rewrite the screen or the window title.
@Suite struct TerminalOutputTests {
    private static let escape = "\u{1B}]0;owned\u{07}\u{1B}[2J"

    private func run(_ arguments: [String], in folder: TemporaryFolder) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        environment["GITHUB_ACTIONS"] = "true"
        return try CommandRunner.run(Repository.dossierBinary, arguments, in: folder.url, environment: environment)
    }

    /// No byte a terminal acts on (C0 but tab, DEL, C1), and no line a runner would take as a command.
    private func expectInert(_ text: String, _ what: String) {
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "\(what) holds control characters: \(controls.map { String($0.value, radix: 16) })")
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::stop-commands::") || $0.hasPrefix("::add-mask::") }, "\(what) holds a forged workflow command")
    }

    @Test func fileNamesAndValuesFromEvidenceAreShownInert() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Acme\nscope: Test\nframeworks: [\"gdpr\", \"soc2\\u001b[31m\"]\naudit_period: {start: 2026-01-01, end: 2026-12-31}\n",
            "evidence/notes\n::stop-commands::pwned\n.md": "# Notes\n\n[gone](missing\(Self.escape).md)\n",
            "evidence/\(Self.escape)title.md": "---\nkind: unknown-kind\u{1B}[5m\n---\n# T\n",
        ])
        defer { folder.remove() }
        let build = try run(["build", "evidence", "--output", "pack", "--progress", "none"], in: folder)
        #expect(build.status == 1, "the build ran and reported its findings: \(build.stderr)")
        #expect(build.stderr.contains("\\n::stop-commands::pwned\\n.md"), "the name is shown, escaped: \(build.stderr)")
        #expect(build.stderr.contains("\\u{1B}"), "escapes are shown as text")
        expectInert(build.stderr, "stderr")
        expectInert(build.stdout, "stdout")
        let check = try run(["check", "evidence"], in: folder)
        expectInert(check.stderr + check.stdout, "check's output")
    }

    @Test func aCraftedReportIsShownInertByDiff() throws {
        let folder = try TemporaryFolder(["evidence/notes.md": "# Notes\n"])
        defer { folder.remove() }
        #expect(try run(["build", "evidence", "--output", "old", "--progress", "none"], in: folder).status == 0)
        #expect(try run(["build", "evidence", "--output", "new", "--progress", "none", "--no-cache"], in: folder).status == 0)
        // The new pack's report gains a finding whose message and file carry control sequences.
        let report = folder.subfolder("new/report.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        json["findings"] = [[
            "id": "dossier.link.missing-target", "severity": "error", "message": "crafted\n::stop-commands::x\(Self.escape)",
            "file": "evidence/a\u{1B}[31m.md", "line": 1,
        ]]
        try JSONSerialization.data(withJSONObject: json).write(to: report)
        let diff = try run(["diff", "old", "new"], in: folder)
        #expect(diff.stdout.contains("crafted\\n::stop-commands::x"), "the new finding is listed, escaped: \(diff.stdout)")
        expectInert(diff.stdout + diff.stderr, "diff's output")
    }
}
