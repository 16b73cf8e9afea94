import DossierTestSupport
import Foundation
import Testing

/// `kill -9` at each stage of writing, through the test-only `DOSSIER_FAULT_INJECT=<stage>:crash`:
/// the process dies with no chance to clean up, and the previous pack must be byte-identical.
@Suite struct FaultInjectionTests {
    private func dossier(_ arguments: [String], in folder: TemporaryFolder, fault: String? = nil) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1790000000"
        environment["DOSSIER_FAULT_INJECT"] = fault
        return try CommandRunner.run(Repository.dossierBinary, arguments, in: folder.url, environment: environment)
    }

    @Test(arguments: ["while-rendering", "mid-write", "after-staging-write", "before-swap", "after-swap"])
    func aCrashAtAnyStageLeavesAWholePackAndTheNextBuildSweepsUp(_ stage: String) throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# First\n", "evidence/b.md": "# B\n", "evidence/c.md": "# C\n"])
        defer { folder.remove() }
        #expect(try dossier(["build"], in: folder).status == 0)
        let output = folder.subfolder("output")
        let previous = FolderSnapshot.files(under: output)
        #expect(previous["evidence/a.html"] != nil)
        try folder.write("# Second\n", to: "evidence/a.md")

        let crashed = try dossier(["build"], in: folder, fault: "\(stage):crash")
        #expect(crashed.status == SIGKILL, "the build was not killed at \(stage): \(crashed.stderr)")
        let after = FolderSnapshot.files(under: output)
        if stage == "after-swap" {
            #expect(after != previous && after.keys.sorted() == previous.keys.sorted(), "the new pack is whole in place")
        } else {
            #expect(after == previous, "the previous pack changed after a crash at \(stage)")
        }
        // A killed build cannot clean up: its folder stays beside the output, never in its place…
        #expect(!FolderSnapshot.leftovers(besides: output).isEmpty)
        // …until the next build, which sees that its process is gone.
        #expect(try dossier(["build"], in: folder).status == 0)
        #expect(FolderSnapshot.leftovers(besides: output).isEmpty, "\(FolderSnapshot.leftovers(besides: output))")
        #expect(try folder.read("output/evidence/a.html").contains("Second"))
    }

    @Test func aThrownFaultExitsTwoAndLeavesNothingBehind() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# First\n"])
        defer { folder.remove() }
        #expect(try dossier(["build"], in: folder).status == 0)
        let previous = FolderSnapshot.files(under: folder.subfolder("output"))
        try folder.write("# Second\n", to: "evidence/a.md")
        for stage in ["while-rendering", "before-swap"] {
            let failed = try dossier(["build"], in: folder, fault: stage)
            #expect(failed.status == 2)
            #expect(failed.stderr.contains("fault injected at \(stage)"), "\(failed.stderr)")
            #expect(FolderSnapshot.files(under: folder.subfolder("output")) == previous)
            #expect(FolderSnapshot.leftovers(besides: folder.subfolder("output")).isEmpty, "after a fault at \(stage)")
        }
    }
}
