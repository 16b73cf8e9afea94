import DossierAssess
import DossierCLI
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// A rebuild with nothing changed is skipped and says the same; any change to an input, the
/// command line, a variable the build reads or the pack on disk makes it build again.
@Suite struct BuildCacheTests {
    private func build(
        _ folder: TemporaryFolder, _ extra: [String] = [], epoch: String = "1795392000", output: String = "pack", variables: [String: String] = [:]
    ) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment.merging(variables) { _, given in given }
        environment["SOURCE_DATE_EPOCH"] = epoch
        return try CommandRunner.run(Repository.dossierBinary, ["build", "evidence", "--output", output, "--progress", "none"] + extra, in: folder.url, environment: environment)
    }

    private func sample() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        return folder
    }

    private func modified(_ folder: TemporaryFolder, _ path: String) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: folder.subfolder(path).path)[.modificationDate] as? Date)
    }

    private static let skipped = "Nothing changed since the last build"

    @Test func anUnchangedRebuildIsSkippedAndSaysTheSame() throws {
        let folder = try sample()
        defer { folder.remove() }
        let first = try build(folder)
        #expect(!first.stdout.contains(Self.skipped))
        let written = try modified(folder, "pack/index.html")
        let second = try build(folder)
        #expect(second.stdout.contains(Self.skipped))
        #expect(second.status == first.status, "the exit status is replayed")
        #expect(second.stderr == first.stderr, "every finding is repeated")
        #expect(second.stdout.replacingOccurrences(of: "\n" + Self.skipped, with: "").hasPrefix(first.stdout.trimmingCharacters(in: .newlines)))
        #expect(try modified(folder, "pack/index.html") == written, "nothing was rewritten")
        #expect(folder.exists(".dossier-cache/pack.json"), "the record lives beside the pack")
        #expect(!folder.exists("pack/.dossier-cache"), "and never inside it")
    }

    /// Only a Markdown body edited: the pack is patched (`PatchBuild`), and the build says and writes
    /// exactly what a build from nothing of the same folder says and writes.
    @Test func anEditedBodyIsPatchedAndSaysWhatAFullBuildSays() throws {
        let folder = try sample()
        defer { folder.remove() }
        let timed = ["DOSSIER_TIMINGS": "1"]
        _ = try build(folder, variables: timed)
        let note = "evidence/records/staging-purge-check.md"
        try folder.write(try folder.read(note) + "\nReviewed again, nothing to add.\n", to: note)
        let patched = try build(folder, variables: timed)
        #expect(patched.stderr.contains("timing: patch: swapped in"), "the edit was not patched: \(patched.stderr.suffix(600))")
        let reference = try TemporaryFolder()
        defer { reference.remove() }
        try FileManager.default.copyItem(at: folder.subfolder("evidence"), to: reference.subfolder("evidence"))
        let full = try build(reference, ["--no-cache"])
        func untimed(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("timing:") }.joined(separator: "\n") }
        #expect(patched.status == full.status)
        #expect(patched.stdout == full.stdout, "the messages name the new manifest")
        #expect(untimed(patched.stderr) == full.stderr)
        #expect(FolderSnapshot.files(under: folder.subfolder("pack")) == FolderSnapshot.files(under: reference.subfolder("pack")))
    }

    @Test func anyChangeBuildsAgain() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try build(folder)
        // An edited evidence file.
        try folder.write(try folder.read("evidence/records/staging-purge-check.md") + "\nOne more line.\n", to: "evidence/records/staging-purge-check.md")
        #expect(!(try build(folder)).stdout.contains(Self.skipped))
        // Another build date.
        #expect(!(try build(folder, epoch: "1795478400")).stdout.contains(Self.skipped))
        // Another command line.
        #expect(!(try build(folder, ["--release", "v9"], epoch: "1795478400")).stdout.contains(Self.skipped))
        #expect((try build(folder, ["--release", "v9"], epoch: "1795478400")).stdout.contains(Self.skipped))
        // A page of the pack edited by hand: the pack is no longer the one the build wrote.
        try folder.write("tampered", to: "pack/index.html")
        #expect(!(try build(folder, ["--release", "v9"], epoch: "1795478400")).stdout.contains(Self.skipped))
        #expect(try folder.read("pack/index.html") != "tampered")
        // --no-cache always builds.
        #expect(!(try build(folder, ["--release", "v9", "--no-cache"], epoch: "1795478400")).stdout.contains(Self.skipped))
    }

    /// After an edit, the binary reuses the parts the last build kept beside the pack, and writes the
    /// pack a build without them writes; `--no-cache` keeps none.
    @Test func anEditedRebuildReusesThePartsKeptBesideThePack() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try build(folder)
        #expect(folder.exists(".dossier-cache/pack.parts/index"), "the parts live beside the pack")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("pack").path).allSatisfy { !$0.contains("segment-") })
        try folder.write(try folder.read("evidence/records/staging-purge-check.md") + "\nOne more line.\n", to: "evidence/records/staging-purge-check.md")
        let rebuilt = try build(folder, variables: ["DOSSIER_TIMINGS": "1"])
        let reused = try #require(rebuilt.stderr.split(separator: "\n").first { $0.contains("parts kept") })
        #expect(!reused.contains("(0 reused)"), "\(reused)")
        let fresh = try build(folder, ["--no-cache"], output: "fresh", variables: ["DOSSIER_TIMINGS": "1"])
        #expect(fresh.status == rebuilt.status)
        #expect(FolderSnapshot.files(under: folder.subfolder("pack")) == FolderSnapshot.files(under: folder.subfolder("fresh")))
        #expect(!folder.exists(".dossier-cache/fresh.parts"), "--no-cache keeps no parts")
    }

    /// A pack that cannot be written beside the parts because the disk is full (the parts, larger
    /// than the pack, take the space it needs) is built again without them, as `--no-cache` would
    /// build it, every part removed to make room. The `:once` fault stands in for the full disk;
    /// any other failure to write is not tried again.
    @Test func aDiskFilledByThePartsIsEmptiedForThePack() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try build(folder)
        #expect(folder.exists(".dossier-cache/pack.parts/index"))
        try folder.write(try folder.read("evidence/records/staging-purge-check.md") + "\nOne more line.\n", to: "evidence/records/staging-purge-check.md")
        let retried = try build(folder, variables: [FaultInjection.variable: "mid-write:once"])
        #expect(retried.stderr.contains("were removed to make room, and the pack is built again without them"), "\(retried.stderr)")
        #expect(retried.stderr.contains(String(cString: strerror(ENOSPC))))
        #expect(!folder.exists(".dossier-cache/pack.parts"), "every part gave its space to the pack")
        let fresh = try build(folder, ["--no-cache"], output: "fresh")
        #expect(retried.status == fresh.status)
        #expect(FolderSnapshot.files(under: folder.subfolder("pack")) == FolderSnapshot.files(under: folder.subfolder("fresh")))
        // Another failure to write fails as it did, with the writer's message, and leaves no segment.
        let failed = try build(folder, output: "other", variables: [FaultInjection.variable: "mid-write"])
        #expect(failed.status == 2)
        #expect(!failed.stderr.contains("make room"))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.subfolder(".dossier-cache/other.parts").path)) ?? []
        #expect(left.allSatisfy { !$0.hasPrefix("segment-") }, "\(left)")
    }

    @Test func progressIsPlainLinesOffATerminalABarOnOneAndNothingWithNone() throws {
        let folder = try sample()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        environment["DOSSIER_PROGRESS_AFTER"] = "0"
        func run(_ mode: String) throws -> String {
            try CommandRunner.run(
                Repository.dossierBinary, ["build", "evidence", "--output", "pack", "--no-cache", "--progress", mode], in: folder.url,
                environment: environment).stderr
        }
        let lines = try run("auto").split(separator: "\n").filter { $0.hasPrefix("dossier: ") }.map { String($0.split(separator: " done in")[0]) }
        #expect(lines == [
            // Every file is read once (26), then parsed from its bytes (25; the log extract is streamed).
            "dossier: Reading evidence (26)", "dossier: Parsing evidence (25)", "dossier: Reading log extracts (1)",
            "dossier: Scanning for secrets (26)", "dossier: Assessing",
            // The 26 evidence pages are written as they are rendered; the 139 other files (print.html among them) at the end.
            "dossier: Rendering pages (144)", "dossier: Writing reports and the manifest", "dossier: Writing the pack (139)",
        ])
        let bar = try run("bar")
        #expect(bar.contains("\r\u{1B}[K█") && bar.contains("Rendering pages 144/144"))
        #expect(!(try run("none")).contains("dossier: Reading"))
    }

    /// A page the old pack holds byte for byte is hard-linked into the new one (same inode), a changed
    /// page is written anew, and a page edited by hand in the old pack is never carried over.
    @Test func unchangedPagesAreLinkedFromThePreviousPack() throws {
        let folder = try sample()
        defer { folder.remove() }
        func inode(_ path: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: folder.subfolder(path).path)[.systemFileNumber] as? Int)
        }
        _ = try build(folder, ["--no-cache"])
        let unchanged = try inode("pack/evidence/records/secret-rotation.html")
        let changed = try inode("pack/evidence/records/staging-purge-check.html")
        let original = try folder.read("pack/evidence/records/access-review-2026-q3.html")
        try folder.write("edited by hand", to: "pack/evidence/records/access-review-2026-q3.html")
        try folder.write(try folder.read("evidence/records/staging-purge-check.md") + "\nOne more line.\n", to: "evidence/records/staging-purge-check.md")
        _ = try build(folder, ["--no-cache"])
        #expect(try inode("pack/evidence/records/secret-rotation.html") == unchanged)
        #expect(try inode("pack/evidence/records/staging-purge-check.html") != changed)
        #expect(try folder.read("pack/evidence/records/access-review-2026-q3.html") == original)
        let verify = try CommandRunner.run(Repository.dossierBinary, ["verify", "pack"], in: folder.url)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    private func status(_ url: URL) throws -> stat {
        var status = stat()
        #expect(lstat(url.path, &status) == 0)
        return status
    }

    /// Changes one byte of `url` in place (same inode, same size) and sets its access and
    /// modification times back to what they were, to the nanosecond, as `touch -d` would.
    private func forge(_ url: URL) throws {
        let before = try status(url)
        let handle = try FileHandle(forUpdating: url)
        let middle = UInt64(before.st_size / 2)
        try handle.seek(toOffset: middle)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: middle)
        try handle.write(contentsOf: Data([byte == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")]))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        let after = try status(url)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size, "edited in place")
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec, "dated back")
    }

    /// Size and modification time prove nothing: anyone who can write a page can set its time back.
    /// The pack is trusted on its inode numbers and status-change times, which only root can forge.
    @Test func aPageEditedInPlaceAndDatedBackIsRebuilt() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try build(folder)
        // The control: reading the pack (verify, bundle) changes nothing, and it still replays.
        #expect(try CommandRunner.run(Repository.dossierBinary, ["verify", "pack"], in: folder.url).status == 0)
        #expect(try CommandRunner.run(Repository.dossierBinary, ["bundle", "pack", "--output", "pack.zip"], in: folder.url).status == 0)
        #expect(try build(folder).stdout.contains(Self.skipped))
        let page = folder.subfolder("pack/findings.html")
        let original = try Data(contentsOf: page)
        try forge(page)
        #expect(try Data(contentsOf: page) != original)
        let rebuilt = try build(folder)
        #expect(!rebuilt.stdout.contains(Self.skipped), "the forged pack is not replayed")
        #expect(try Data(contentsOf: page) == original, "the forged page is gone")
        #expect(try build(folder).stdout.contains(Self.skipped), "and the rebuilt pack replays again")
    }

    @Test func aSourceRootFileEditedAndDatedBackMissesTheCache() throws {
        let folder = try sample()
        defer { folder.remove() }
        try folder.write("print('one')\n", to: "src/app.py")
        _ = try build(folder, ["--source-root", "app=src"])
        #expect(try build(folder, ["--source-root", "app=src"]).stdout.contains(Self.skipped), "the control")
        try forge(folder.subfolder("src/app.py"))
        #expect(!(try build(folder, ["--source-root", "app=src"])).stdout.contains(Self.skipped))
    }
}
