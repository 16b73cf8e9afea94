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

    /// `dossier.log.raw-prompt` fires only when a format maps `prompt`: the log guide says so, and
    /// names what every log rule reads.
    @Test func theLogGuideSaysWhatEachLogRuleReads() throws {
        let guide = try String(contentsOf: Repository.root.appendingPathComponent("docs/logs.md"), encoding: .utf8)
        let section = try #require(guide.components(separatedBy: "## What each log rule reads").dropFirst().first?.components(separatedBy: "\n## ").first)
        for id in ["incomplete-events", "raw-prompt", "auth-burst", "future-events", "outside-period", "partial-period", "retention-unproven"] {
            #expect(section.contains("`dossier.log.\(id)`"), "docs/logs.md does not say what dossier.log.\(id) reads")
        }
        #expect(section.contains("fires only when the format maps a `prompt` field"))
    }
}
