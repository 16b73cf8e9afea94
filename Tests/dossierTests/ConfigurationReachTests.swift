import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `dossier.yml` arrives in pull requests like the evidence: it may not point Dossier at the host.
/// Source roots and key files it names must lie inside the evidence folder's repository (here: a
/// folder with a `.git`); anything else is refused with a diagnostic, and the command line, which the
/// person running Dossier controls, can still name it.
@Suite struct ConfigurationReachTests {
    private static let prompt = "You summarise support tickets.\n"

    /// repo/.git, repo/evidence, and a folder beside the repository: outside/app/prompt.txt.
    private func layout(sourceRoot: String, redactionKey: String? = nil) throws -> TemporaryFolder {
        let folder = try TemporaryFolder([
            "repo/.git/HEAD": "ref: refs/heads/main\n",
            "outside/app/prompt.txt": Self.prompt,
            "outside/secret.key": "a key the pull request wants to probe\n",
            "repo/evidence/dossier.yml": """
                organisation: Acme
                scope: Reach
                frameworks: [gdpr]
                audit_period: {start: 2026-01-01, end: 2026-12-31}
                policy:
                  redaction: \(redactionKey == nil ? "redact" : "hash")
                \(redactionKey.map { "  redaction_key: \($0)" } ?? "")
                source_roots:
                  - name: app
                    path: \(sourceRoot)

                """,
            "repo/evidence/approval.json": """
                {"kind": "approval", "id": "CAB-1", "subject": {"path": "app:prompt.txt", "sha256": "\(ContentHash.sha256(Self.prompt))"},
                 "requester": {"name": "A Person", "role": "Engineer"}, "approver": {"name": "B Person", "role": "Security"},
                 "decision": "approved", "decided_at": "2026-03-01"}
                """,
        ])
        return folder
    }

    private func build(_ folder: TemporaryFolder, _ extra: [String] = []) throws -> CommandRunner.Outcome {
        try CommandRunner.run(
            Repository.dossierBinary, ["build", "repo/evidence", "--output", "pack", "--progress", "none", "--no-cache"] + extra,
            in: folder.url, environment: ["SOURCE_DATE_EPOCH": "1795392000", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
    }

    @Test(arguments: ["../../outside/app", "/etc", "/proc/self", "/dev"])
    func aSourceRootOutsideTheRepositoryIsRefused(_ path: String) throws {
        let folder = try layout(sourceRoot: path)
        defer { folder.remove() }
        let outcome = try build(folder)
        #expect(outcome.stderr.contains("[dossier.config.source-root-outside]"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[dossier.approval.subject-missing]"), "the approval cites a root that is not declared")
        let manifest = try folder.read("pack/manifest.json")
        #expect(!manifest.contains("app:prompt.txt"), "nothing outside the repository is hashed into the manifest")
    }

    @Test func theCommandLineMayNameAFolderOutsideTheRepository() throws {
        let folder = try layout(sourceRoot: "../../outside/app")
        defer { folder.remove() }
        let outcome = try build(folder, ["--source-root", "app=" + folder.subfolder("outside/app").path])
        #expect(!outcome.stderr.contains("source-root-outside") && !outcome.stderr.contains("subject-missing"), "\(outcome.stderr)")
        #expect(try folder.read("pack/manifest.json").contains("app:prompt.txt"), "the cited file is hashed into the manifest")
    }

    @Test func aSourceRootInsideTheRepositoryIsRead() throws {
        let folder = try layout(sourceRoot: "../app")
        defer { folder.remove() }
        try folder.write(Self.prompt, to: "repo/app/prompt.txt")
        let outcome = try build(folder)
        #expect(!outcome.stderr.contains("source-root-outside") && !outcome.stderr.contains("subject-missing"), "\(outcome.stderr)")
    }

    @Test func aRedactionKeyOutsideTheRepositoryIsNotRead() throws {
        let folder = try layout(sourceRoot: "../app", redactionKey: "../../outside/secret.key")
        defer { folder.remove() }
        try folder.write(Self.prompt, to: "repo/app/prompt.txt")
        let refused = try build(folder)
        #expect(refused.stderr.contains("[dossier.redaction.key-outside]"), "\(refused.stderr)")
        #expect(refused.stderr.contains("[dossier.redaction.no-key]"), "without the key, values are redacted, not hashed")
        let given = try build(folder, ["--redaction-key", folder.subfolder("outside/secret.key").path])
        #expect(!given.stderr.contains("key-outside") && !given.stderr.contains("no-key"), "\(given.stderr)")
    }

    /// `env:HOME` let a pull request key the pack's hashes with any variable of the machine, and so
    /// confirm a guess of its value offline: only a `DOSSIER_` variable is read.
    @Test func aRedactionKeyFromAnotherVariableIsNotRead() throws {
        let folder = try layout(sourceRoot: "../app", redactionKey: "env:PATH")
        defer { folder.remove() }
        try folder.write(Self.prompt, to: "repo/app/prompt.txt")
        let refused = try build(folder)
        #expect(refused.stderr.contains("policy.redaction_key 'env:PATH' is refused") && refused.stderr.contains("[dossier.redaction.key-outside]"), "\(refused.stderr)")
        #expect(refused.stderr.contains("[dossier.redaction.no-key]"), "without the key, values are redacted, not hashed")
        try folder.write(try folder.read("repo/evidence/dossier.yml").replacingOccurrences(of: "env:PATH", with: "env:DOSSIER_REDACTION_KEY"), to: "repo/evidence/dossier.yml")
        let named = try CommandRunner.run(
            Repository.dossierBinary, ["build", "repo/evidence", "--output", "pack", "--progress", "none", "--no-cache"], in: folder.url,
            environment: ["SOURCE_DATE_EPOCH": "1795392000", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "", "DOSSIER_REDACTION_KEY": "k3y"])
        #expect(!named.stderr.contains("key-outside") && !named.stderr.contains("no-key"), "\(named.stderr)")
    }

    @Test func aMalformedSourceRootFlagIsAUsageError() throws {
        let folder = try layout(sourceRoot: "../app")
        defer { folder.remove() }
        let outcome = try build(folder, ["--source-root", "no-equals-sign"])
        #expect(outcome.status == 64 && outcome.stderr.contains("NAME=PATH"), "\(outcome.stderr)")
    }

    /// A FIFO cited in a source root would block an ordinary open() until a writer came: it is refused.
    @Test func aFIFOIsRefusedWithoutHanging() throws {
        let folder = try layout(sourceRoot: "../app")
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.subfolder("repo/app"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.subfolder("repo/app/prompt.txt").path, 0o600) == 0)
        let outcome = try build(folder)
        #expect(outcome.stderr.contains("[dossier.approval.subject-missing]") && outcome.stderr.contains("not a regular file"), "\(outcome.stderr)")
    }
}
