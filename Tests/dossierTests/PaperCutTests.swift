import DossierTestSupport
import Foundation
import Testing

/// Small things a new user tripped over, each with the message that now says what to do.
@Suite struct PaperCutTests {
    private func dossier(_ arguments: [String], in directory: URL) throws -> CommandRunner.Outcome {
        try CommandRunner.run(Repository.dossierBinary, arguments, in: directory, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
    }

    @Test func keygenIntoAMissingFolderNamesTheFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = try dossier(["keygen", "--out", "missing/k"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("the folder 'missing' does not exist; create it first (mkdir -p missing)"), "\(outcome.stderr)")
        #expect(!folder.exists("missing"), "nothing is created on the way")
    }

    /// `init`'s checklists used to describe the wanted evidence in prose only: which evidence counts
    /// was visible only through `catalog --checklists --json`. Every scaffolded item now lists what
    /// Dossier checks, the same expectations the catalog prints.
    @Test func initsChecklistsListWhatProvesEachItem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try dossier(["init", "evidence"], in: folder.url).status == 0)
        let catalog = try dossier(["catalog", "--checklists", "--json"], in: folder.url)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(catalog.stdout.utf8)) as? [[String: Any]])
        let sheets = try FileManager.default.contentsOfDirectory(atPath: folder.subfolder("evidence/checklists").path)
            .map { try folder.read("evidence/checklists/" + $0) }.joined(separator: "\n")
        #expect(items.count > 20, "the catalog listed \(items.count) items")
        let proven = sheets.components(separatedBy: "*Proven by:*").count - 1
        #expect(proven == sheets.components(separatedBy: "- [ ] ").count - 1, "not every item says what proves it")
        #expect(proven == items.count, "\(proven) items say what proves them; the catalog has \(items.count)")
        // Each item's line is followed by its expectations, in the catalog's words.
        for item in items.prefix(10) {
            let id = try #require(item["id"] as? String)
            let expects = try #require(item["expects"] as? [String])
            let start = try #require(sheets.range(of: "- [ ] \(id) "), "\(id) is not in the scaffold")
            let proof = try #require(sheets.range(of: "*Proven by:*", range: start.upperBound..<sheets.endIndex))
            let line = sheets[proof.upperBound...].prefix { $0 != "\n" }
            #expect(!expects.isEmpty && expects.allSatisfy { line.contains($0) }, "\(id): '\(line)' does not list \(expects)")
        }
    }

    /// `build` is the default command, so a word that is no command used to get build's help.
    @Test(arguments: [("sample", "The commands are build, check"), ("chek", "did you mean 'check'?"), ("verfy", "did you mean 'verify'?")])
    func helpForAWordThatIsNoCommandIsAUsageError(_ word: String, _ says: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = try dossier([word, "--help"], in: folder.url)
        #expect(outcome.status == 64, "\(outcome.stdout.prefix(200))")
        #expect(outcome.stderr.contains("unknown command '\(word)'") && outcome.stderr.contains(says), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("OVERVIEW"), "build's help is not printed")
    }

    @Test func helpForAnEvidenceFolderIsStillBuildsHelp() throws {
        let folder = try TemporaryFolder(["evidence/notes.md": "# Notes\n"])
        defer { folder.remove() }
        let outcome = try dossier(["evidence", "--help"], in: folder.url)
        #expect(outcome.status == 0 && outcome.stdout.contains("USAGE: dossier build"))
    }

    /// `dossier.log.raw-prompt` reads a mapped `prompt`, else the names logs give prompts: the log
    /// guide says so, and names what every log rule reads.
    @Test func theLogGuideSaysWhatEachLogRuleReads() throws {
        let guide = try String(contentsOf: Repository.root.appendingPathComponent("docs/logs.md"), encoding: .utf8)
        let section = try #require(guide.components(separatedBy: "## What each log rule reads").dropFirst().first?.components(separatedBy: "\n## ").first)
        for id in ["incomplete-events", "raw-prompt", "auth-burst", "future-events", "outside-period", "partial-period", "retention-unproven"] {
            #expect(section.contains("`dossier.log.\(id)`"), "docs/logs.md does not say what dossier.log.\(id) reads")
        }
        #expect(section.contains("the names\nrequest logs give prompts") && section.contains("never shows a prompt's text"))
    }
}
