import ArgumentParser
@testable import DossierCLI
import DossierTestSupport
import Foundation
import Testing

/// The commands parsed and run in-process (argument-parser's parse helpers): flags, defaults, usage
/// errors and exit codes, without starting a process. What needs a process — the exit status the
/// shell sees, what reaches a terminal — stays in CommandLineTests.
@Suite struct CommandParsingTests {
    @Test func buildTakesItsFlagsAndDefaults() throws {
        let parsed = try Dossier.parseAsRoot(["build", "evidence", "--output", "pack", "--release", "v2.0.0", "--strict", "--no-cache"])
        let build = try #require(parsed as? Dossier.Build)
        #expect(build.input.evidence == "evidence" && build.output == "pack" && build.input.release == "v2.0.0")
        #expect(build.findings.strict && build.noCache && build.templates == nil && build.zip == nil)
        let defaults = try #require(try Dossier.parseAsRoot(["build"]) as? Dossier.Build)
        #expect(defaults.input.evidence == "evidence" && defaults.output == "output" && !defaults.findings.strict)
    }

    @Test func buildIsTheDefaultCommand() throws {
        #expect(try Dossier.parseAsRoot(["some-evidence"]) is Dossier.Build)
    }

    @Test func diffAndCatalogTakeTheirFlags() throws {
        let diff = try #require(try Dossier.parseAsRoot(["diff", "old", "new", "--json", "--fail-on-regression"]) as? Dossier.Diff)
        #expect(diff.old == "old" && diff.new == "new" && diff.json && diff.failOnRegression)
        let catalog = try #require(try Dossier.parseAsRoot(["catalog", "--checklists", "--json"]) as? Dossier.Catalog)
        #expect(catalog.checklists && catalog.json && catalog.evidence == nil)
    }

    @Test(arguments: [["build", "--bogus"], ["check", "--progress", "bar"], ["diff", "only-one"], ["build", "--progress", "sometimes"]])
    func aUsageErrorExits64(_ arguments: [String]) {
        do {
            _ = try Dossier.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(Dossier.exitCode(for: error) == ExitCode(64), "\(arguments): \(Dossier.message(for: error))")
            #expect(!Dossier.message(for: error).isEmpty)
        }
    }

    /// `check` run in-process on the golden fixture: the same verdict as the binary gives (both take
    /// the build date from the same environment).
    @Test func checkRunsInProcessAndFailsOnErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(
            at: Repository.root.appendingPathComponent("Tests/Fixtures/golden/evidence"), to: folder.subfolder("evidence"))
        var command = try Dossier.parseAsRoot(["check", folder.subfolder("evidence").path, "--quiet"])
        let binary = try CommandRunner.run(
            Repository.dossierBinary, ["check", "evidence", "--quiet"], in: folder.url)
        do {
            try command.run()
            #expect(binary.status == 0)
        } catch {
            #expect(Dossier.exitCode(for: error).rawValue == binary.status)
        }
    }
}
