@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The one build date: SOURCE_DATE_EPOCH, else the evidence's last git commit, else the clock; the
/// commit is recorded either way. Git is asked in the background while the evidence is read.
@Suite struct BuildDateTests {
    /// An evidence folder in a fresh repository, committed at a fixed date; nil where git is missing.
    private func committedEvidence() throws -> (TemporaryFolder, hash: String)? {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n"])
        let git = URL(fileURLWithPath: "/usr/bin/env")
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_COMMITTER_DATE"] = "2026-03-04T05:06:07Z"
        environment["GIT_AUTHOR_DATE"] = "2026-03-04T05:06:07Z"
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "evidence"]] {
            guard try CommandRunner.run(git, ["git"] + arguments, in: folder.url, environment: environment).status == 0 else {
                folder.remove()
                return nil
            }
        }
        let hash = try CommandRunner.run(git, ["git", "rev-parse", "HEAD"], in: folder.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (folder, hash)
    }

    @Test func theLastCommitDatesTheBuildWithoutSourceDateEpoch() throws {
        guard let (folder, hash) = try committedEvidence() else {
            Issue.record("git is not available to create a repository")
            return
        }
        defer { folder.remove() }
        let date = try BuildDate.resolve(evidence: folder.subfolder("evidence"), environment: [:])
        #expect(date.source == .gitCommit)
        #expect(date.isoTimestamp == "2026-03-04T05:06:07Z")
        #expect(date.sourceCommit == hash)
        let result = try BuildPipeline(options: BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: [:])).check()
        #expect(result.buildDate == date, "the pipeline waits for the same answer")
    }

    @Test func sourceDateEpochWinsAndTheCommitIsStillRecorded() throws {
        guard let (folder, hash) = try committedEvidence() else {
            Issue.record("git is not available to create a repository")
            return
        }
        defer { folder.remove() }
        let date = try BuildDate.resolve(evidence: folder.subfolder("evidence"), environment: ["SOURCE_DATE_EPOCH": "0"])
        #expect(date == BuildDate(date: Date(timeIntervalSince1970: 0), source: .sourceDateEpoch, sourceCommit: hash))
    }

    @Test func outsideARepositoryTheClockIsUsedAndAMalformedEpochIsRefused() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n"])
        defer { folder.remove() }
        let before = Date()
        let date = try BuildDate.resolve(evidence: folder.subfolder("evidence"), environment: [:])
        #expect(date.source == .clock && date.sourceCommit == nil && date.date >= before.addingTimeInterval(-1))
        #expect(throws: DossierError.self) { try BuildDate.lookUp(evidence: folder.subfolder("evidence"), environment: ["SOURCE_DATE_EPOCH": "soon"]) }
    }
}
