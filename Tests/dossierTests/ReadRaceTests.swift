import DossierTestSupport
import Foundation
import Testing

/// Evidence folders arrive in pull requests, and a build may run beside something that changes the
/// folder while it is read. Whatever a concurrent swapper does, nothing from outside the folder
/// reaches the pack: every file is opened relative to its folder's descriptor without following a
/// link, and every stage works from the one reading.
@Suite(.serialized) struct ReadRaceTests {
    private static let marker = "OUTSIDE-FOLDER-MARKER-5d0c"
    private static let secret = "AKIA" + "Q3EGRIZUJ7W4TNXB"
    private static let builds = 100

    /// evidence/ with a note, and outside/ beside it holding the marker.
    private func layout() throws -> TemporaryFolder {
        try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Acme\nscope: Race\nframeworks: [gdpr]\naudit_period: {start: 2026-01-01, end: 2026-12-31}\n",
            "evidence/notes/a.md": "# Notes\n\nClean text.\n",
            "evidence/notes/b.md": "# More notes\n\nAlso clean.\n",
            "outside/secret.md": "# Host file\n\n\(Self.marker)\n",
            "outside/notes/a.md": "# Host folder\n\n\(Self.marker)\n",
        ])
    }

    /// Runs `builds` builds while `swap` (given the evidence folder's path) runs in a loop on
    /// another thread, and expects `leak` in no pack and `published` in at least one (else the test
    /// raced nothing).
    private func race(leak: String, published: String, swap: @escaping @Sendable (String) -> Void) throws {
        let folder = try layout()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence").path
        let swapper = Swapper { swap(evidence) }
        swapper.start()
        var leaked: [Int] = []
        var seen = false
        for index in 0..<Self.builds {
            let output = "pack-\(index)"
            _ = try CommandRunner.run(
                Repository.dossierBinary, ["build", "evidence", "--output", output, "--progress", "none", "--no-cache"],
                in: folder.url, environment: ["SOURCE_DATE_EPOCH": "1795392000", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
            let pack = FolderSnapshot.files(under: folder.subfolder(output)).values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            if pack.contains(leak) { leaked.append(index) }
            seen = seen || pack.contains(published)
            try? FileManager.default.removeItem(at: folder.subfolder(output))
        }
        swapper.stop()
        #expect(swapper.count > Self.builds, "the swapper ran \(swapper.count) times: too few to race the builds")
        #expect(leaked.isEmpty, "builds \(leaked) published '\(leak)'")
        #expect(seen, "no build published '\(published)': the test raced nothing")
    }

    @Test func aFileSwappedForALinkOutsideIsNeverPublished() throws {
        try race(leak: Self.marker, published: "Clean text.") { evidence in
            // Atomic swaps: a.md is a file, then a link to the host file, then a file again; each
            // state holds a moment, so that builds see both, and the moment between.
            _ = symlink("../../outside/secret.md", evidence + "/notes/.link")
            _ = rename(evidence + "/notes/.link", evidence + "/notes/a.md")
            usleep(50)
            _ = FileManager.default.createFile(atPath: evidence + "/notes/.file", contents: Data("# Notes\n\nClean text.\n".utf8))
            _ = rename(evidence + "/notes/.file", evidence + "/notes/a.md")
            usleep(200)
        }
    }

    @Test func aFolderSwappedForALinkOutsideIsNeverEntered() throws {
        try race(leak: Self.marker, published: "Also clean.") { evidence in
            _ = rename(evidence + "/notes", evidence + "/.notes")
            _ = symlink("../outside/notes", evidence + "/notes")
            usleep(50)
            _ = unlink(evidence + "/notes")
            _ = rename(evidence + "/.notes", evidence + "/notes")
            usleep(200)
        }
    }

    /// A note flips between clean text and a secret: each build reads it once, so the secret scan
    /// and the page see the same bytes and the secret is never published.
    @Test func aFileFlippingToASecretIsScannedAsPublished() throws {
        try race(leak: Self.secret, published: "Clean text.") { evidence in
            _ = FileManager.default.createFile(atPath: evidence + "/notes/.secret", contents: Data("# Notes\n\nkey = \(Self.secret)\n".utf8))
            _ = rename(evidence + "/notes/.secret", evidence + "/notes/a.md")
            _ = FileManager.default.createFile(atPath: evidence + "/notes/.clean", contents: Data("# Notes\n\nClean text.\n".utf8))
            _ = rename(evidence + "/notes/.clean", evidence + "/notes/a.md")
        }
    }

    @Test func aHardLinkedFileIsReported() throws {
        let folder = try layout()
        defer { folder.remove() }
        #expect(link(folder.subfolder("outside/secret.md").path, folder.subfolder("evidence/notes/linked.md").path) == 0)
        let outcome = try CommandRunner.run(
            Repository.dossierBinary, ["build", "evidence", "--output", "pack", "--progress", "none", "--no-cache"],
            in: folder.url, environment: ["SOURCE_DATE_EPOCH": "1795392000", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
        #expect(outcome.stderr.contains("notes/linked.md"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[dossier.discover.multiply-linked]"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("notes/a.md: warning"), "a file with one name is not reported")
        let findings = try folder.read("pack/report.json")
        #expect(findings.contains("dossier.discover.multiply-linked"), "the warning reaches the report, where an auditor sees it")
    }
}

/// Calls a closure in a loop on its own thread until stopped, counting the rounds.
private final class Swapper: @unchecked Sendable {
    private let body: @Sendable () -> Void
    private let lock = NSLock()
    private var stopped = false
    private var rounds = 0
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    var count: Int { lock.withLock { rounds } }

    func start() {
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopped }) {
                body()
                lock.withLock { rounds += 1 }
            }
            done.signal()
        }
    }

    func stop() {
        lock.withLock { stopped = true }
        done.wait()
    }
}
