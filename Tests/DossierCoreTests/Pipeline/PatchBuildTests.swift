import DossierIntake
import DossierModel
import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// `dossier build` patches its last pack when only Markdown bodies changed (`PatchBuild`): every pack
/// it writes so must be the pack a build from nothing writes, byte for byte, whatever the edits were,
/// and what it cannot be sure of makes it build in full.
@Suite(.serialized) struct PatchBuildTests {
    private static let environment = ["SOURCE_DATE_EPOCH": "1795392000"]

    /// What `dossier build` does with its cache, as the command line does it; the transcript it keeps
    /// is the line that names the manifest's hash, so that a patch's replay can be checked.
    private func cachedBuild(_ evidence: URL, into pack: URL, signer: PackSigner? = nil) throws -> (kind: String, output: String) {
        var options = BuildOptions(evidence: evidence, output: pack, environment: Self.environment)
        options.parts = BuildCache(output: pack).parts()
        options.signer = signer
        let pipeline = BuildPipeline(options: options)
        let snapshot = try pipeline.snapshot()
        let theme = try pipeline.theme()
        let cached = try #require(CachedBuild(options: options, snapshot: snapshot, theme: theme, arguments: ["build"], workingDirectory: "/"))
        switch cached.shortcut() {
        case .unchanged(let record): return ("unchanged", record.standardOutput)
        case .patched(let outcome): return ("patched", outcome.standardOutput)
        case nil:
            let written = try pipeline.build(snapshot, theme: theme)
            let output = "Manifest SHA-256: \(written.manifestHash)\n"
            cached.remember(written, standardOutput: output, standardError: "", status: 0)
            return ("full", output)
        }
    }

    private func fresh(_ evidence: URL, into pack: URL, signer: PackSigner? = nil) throws -> [String: Data] {
        var options = BuildOptions(evidence: evidence, output: pack, environment: Self.environment)
        options.signer = signer
        _ = try BuildPipeline(options: options).build()
        return FolderSnapshot.files(under: pack)
    }

    private func sample() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        return folder
    }

    private func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// One change: the body of a Markdown file edited (most of the time), else a box unticked, a
    /// link added, a file renamed, added or deleted, a structured file edited, a key pasted in and
    /// later taken out, or the redaction policy switched.
    private func change(_ evidence: URL, step: Int, random: inout BuildMemoryTests.SeededRandom) throws -> String {
        let paths = try BuildMemoryTests().files(under: evidence)
        let notes = paths.filter { $0.hasSuffix(".md") }
        let path = notes[Int.random(in: 0..<notes.count, using: &random)]
        let url = evidence.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        switch Int.random(in: 0..<20, using: &random) {
        case 0 where text.contains("- [x]"):
            try text.replacingOccurrences(of: "- [x]", with: "- [ ]", options: [], range: text.range(of: "- [x]")).write(to: url, atomically: true, encoding: .utf8)
            return "untick \(path)"
        case 1:
            try append("\nSee [the rotation record](\(notes.randomElement(using: &random)!)).\n", to: url)
            return "link from \(path)"
        case 2:
            let renamed = url.deletingLastPathComponent().appendingPathComponent("renamed-\(step)-" + url.lastPathComponent)
            try FileManager.default.moveItem(at: url, to: renamed)
            return "rename \(path)"
        case 3:
            try "# Note \(step)\n\nAdded later.\n".write(to: evidence.appendingPathComponent("records/note-\(step).md"), atomically: true, encoding: .utf8)
            return "add records/note-\(step).md"
        case 4 where path.contains("/note-"):
            try FileManager.default.removeItem(at: url)
            return "delete \(path)"
        case 5:
            let structured = try #require(paths.filter { $0.hasSuffix(".json") || $0.hasSuffix(".yml") }.randomElement(using: &random))
            try append("\n", to: evidence.appendingPathComponent(structured))
            return "append to \(structured)"
        case 6 where step % 15 == 0:
            // A key pasted in withholds the file and keeps no record; taken out a few steps later.
            try append("\nkey: AKIAZ7Q3XK2M4P5N6R\(step % 10)T\n", to: url)
            return "paste a key into \(path)"
        case 7:
            for pasted in notes {
                let pastedURL = evidence.appendingPathComponent(pasted)
                let pastedText = try String(contentsOf: pastedURL, encoding: .utf8)
                guard let line = pastedText.range(of: "\nkey: AKIA[A-Z0-9]+\n", options: .regularExpression) else { continue }
                try pastedText.replacingCharacters(in: line, with: "\n").write(to: pastedURL, atomically: true, encoding: .utf8)
                return "take the key out of \(pasted)"
            }
            return "nothing"
        case 8 where step % 20 == 0:
            let configuration = evidence.appendingPathComponent("dossier.yml")
            let policy = try String(contentsOf: configuration, encoding: .utf8)
            try (policy.contains("redaction: redact") ? policy.replacingOccurrences(of: "redaction: redact", with: "redaction: keep")
                : policy.replacingOccurrences(of: "redaction: keep", with: "redaction: redact")).write(to: configuration, atomically: true, encoding: .utf8)
            return "toggle policy.redaction"
        default:
            let sentences = [
                "\nReviewed again at step \(step), nothing to add.\n",
                "\nA new word appears: zebra\(step % 7) and quokka\(step).\n",
                "\nAsk the on-call lead (lead\(step)@example.com) before changing it.\n",
                "\n| Column | Value |\n|---|---|\n| step | \(step) |\n",
                "\n```\nstep \(step)\n```\n",
            ]
            try append(sentences[Int.random(in: 0..<sentences.count, using: &random)], to: url)
            return "edit the body of \(path)"
        }
    }

    /// Issue 24's acceptance, for the patch build: random edits in sequence (Markdown bodies most of
    /// the time, else ticks, links, keys pasted in, files renamed, added and deleted, the redaction
    /// policy switched), each built with the cache, and the pack compared byte for byte with one
    /// built from nothing every tenth step; a patched build's messages name the new manifest.
    @Test func patchedPacksAreThePacksABuildFromNothingWrites() throws {
        let folder = try sample()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence"), pack = folder.subfolder("pack")
        var random = BuildMemoryTests.SeededRandom(state: 24)
        _ = try cachedBuild(evidence, into: pack)
        var kinds: [String: Int] = [:]
        var changes: [String] = []
        for step in 1...200 {
            changes.append(try change(evidence, step: step, random: &random))
            let built = try cachedBuild(evidence, into: pack)
            kinds[built.kind, default: 0] += 1
            let manifest = try Data(contentsOf: pack.appendingPathComponent("manifest.json"))
            #expect(built.output == "Manifest SHA-256: \(ContentHash.sha256(manifest))\n", "step \(step): the messages name another manifest")
            guard step % 10 == 0 else { continue }
            let reference = folder.subfolder("fresh-\(step)")
            let expected = try fresh(evidence, into: reference)
            let got = FolderSnapshot.files(under: pack)
            let since = changes.suffix(10).joined(separator: "; ")
            #expect(got.keys.sorted() == expected.keys.sorted(), "step \(step) (after \(since)): the files differ")
            let differing = expected.keys.filter { got[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "step \(step) (after \(since)): \(differing.prefix(5)) differ")
            try FileManager.default.removeItem(at: reference)
        }
        // The patch was taken, not bypassed; and edits it cannot make were built in full.
        #expect((kinds["patched"] ?? 0) >= 70, "only \(kinds["patched"] ?? 0) of 200 builds were patched: \(kinds)")
        #expect((kinds["full"] ?? 0) >= 25, "\(kinds)")
    }

    /// A page of the pack edited by hand, or the spare beside it changed, is never carried on: the
    /// patch builds the spare again or steps aside, and the pack is still the one a build from nothing writes.
    @Test func aPackOrSpareChangedBehindTheBuildsBackIsNotTrusted() throws {
        let folder = try sample()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence"), pack = folder.subfolder("pack")
        let note = evidence.appendingPathComponent("records/staging-purge-check.md")
        _ = try cachedBuild(evidence, into: pack)
        try append("\nFirst edit.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "patched")
        try append("\nSecond edit.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "patched")
        // A file slipped into the spare: the spare is made again from the pack, and the patch goes on.
        let spare = folder.subfolder(".dossier-cache/pack.spare")
        try "slipped in".write(to: spare.appendingPathComponent("extra.html"), atomically: true, encoding: .utf8)
        try append("\nThird edit.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "patched")
        #expect(FolderSnapshot.files(under: pack) == (try fresh(evidence, into: folder.subfolder("fresh-1"))))
        // A page of the spare put in place of the one it shares with the pack: the pack's page lost a
        // name, so it is not as recorded, and the build runs in full.
        try "rewritten".write(to: spare.appendingPathComponent("about.html"), atomically: true, encoding: .utf8)
        try append("\nThird edit, again.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "full")
        #expect(FolderSnapshot.files(under: pack) == (try fresh(evidence, into: folder.subfolder("fresh-1b"))))
        try append("\nThird edit, once more.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "patched")
        // A page of the pack edited in place: a full build, which writes the page again.
        try "tampered".write(to: pack.appendingPathComponent("findings.html"), atomically: false, encoding: .utf8)
        try append("\nFourth edit.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "full")
        #expect(FolderSnapshot.files(under: pack) == (try fresh(evidence, into: folder.subfolder("fresh-2"))))
        // A kept record cut short is no record.
        let record = folder.subfolder(".dossier-cache/pack.patch")
        let data = try Data(contentsOf: record)
        try data.prefix(data.count / 2).write(to: record)
        try append("\nFifth edit.\n", to: note)
        #expect(try cachedBuild(evidence, into: pack).kind == "full")
        #expect(FolderSnapshot.files(under: pack) == (try fresh(evidence, into: folder.subfolder("fresh-3"))))
    }

    /// What an edit changes besides the body its page shows is built in full: a box ticked, a heading
    /// that becomes the file's title, a link, a file an approval names by its hash.
    @Test func anEditThatChangesMoreThanABodyIsBuiltInFull() throws {
        let folder = try sample()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence"), pack = folder.subfolder("pack")
        _ = try cachedBuild(evidence, into: pack)
        let checklist = try #require(try BuildMemoryTests().files(under: evidence).first { path in
            path.hasSuffix(".md") && (try? String(contentsOf: evidence.appendingPathComponent(path), encoding: .utf8))?.contains("- [x]") == true
        })
        let url = evidence.appendingPathComponent(checklist)
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "- [x]", with: "- [ ]", options: [], range: text.range(of: "- [x]")).write(to: url, atomically: true, encoding: .utf8)
        #expect(try cachedBuild(evidence, into: pack).kind == "full")
        try append("\nSee [the purge check](../records/staging-purge-check.md).\n", to: url)
        #expect(try cachedBuild(evidence, into: pack).kind == "full")
        try append("\nA plain sentence.\n", to: url)
        #expect(try cachedBuild(evidence, into: pack).kind == "patched")
        #expect(FolderSnapshot.files(under: pack) == (try fresh(evidence, into: folder.subfolder("fresh"))))
        // An address redaction hides: the manifest now names the page, so the build runs in full; the
        // next edit of the page, redacted as before, is patched.
        try append("\nWrite to owner@example.com first.\n", to: url)
        #expect(try cachedBuild(evidence, into: pack).kind == "full")
        try append("\nAnd a sentence more.\n", to: url)
        #expect(try cachedBuild(evidence, into: pack).kind == "patched")
        #expect(FolderSnapshot.files(under: pack) == (try fresh(evidence, into: folder.subfolder("fresh-redacted"))))
    }

    /// Every evidence folder among the fixtures, its Markdown bodies edited one after another (at most
    /// two each), each edit built with the cache: the pack is the one a build from nothing writes,
    /// whether the edits were patched or (a subject of an approval, a secret, redaction) built in full.
    @Test func everyFixtureEditedBodyByBodyIsThePackABuildFromNothingWrites() throws {
        let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures")
        let manager = FileManager.default
        func folders(in group: String) -> [URL] {
            let root = fixtures.appendingPathComponent(group)
            return ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted().map { root.appendingPathComponent($0) }
        }
        let evidenceFolders = folders(in: "verdicts") + folders(in: "transfers") + [
            "golden/evidence", "remediation/evidence", "item-regression/before", "diff/v1-old", "hostile", "secret-forms",
        ].map { fixtures.appendingPathComponent($0) }
        var patched = 0
        for source in evidenceFolders {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let evidence = folder.subfolder("evidence"), pack = folder.subfolder("pack")
            try manager.copyItem(at: source, to: evidence)
            _ = try cachedBuild(evidence, into: pack)
            for note in try BuildMemoryTests().files(under: evidence).filter({ $0.hasSuffix(".md") }).prefix(2) {
                try append("\nOne more sentence, reviewed.\n", to: evidence.appendingPathComponent(note))
                if try cachedBuild(evidence, into: pack).kind == "patched" { patched += 1 }
            }
            let expected = try fresh(evidence, into: folder.subfolder("fresh"))
            let got = FolderSnapshot.files(under: pack)
            #expect(got.keys.sorted() == expected.keys.sorted(), "\(source.lastPathComponent): the files differ")
            #expect(expected.keys.filter { got[$0] != expected[$0] }.isEmpty, "\(source.lastPathComponent): \(expected.keys.filter { got[$0] != expected[$0] }.sorted().prefix(5)) differ")
        }
        #expect(patched >= 10, "only \(patched) edits were patched")
    }

    /// A signed pack patched is signed again: its manifest and checksums, and their signatures, are a
    /// full build's with the same key.
    @Test func aSignedPackIsPatchedAndSignedAgain() throws {
        let folder = try sample()
        defer { folder.remove() }
        let signer = try PackSigner(privateKey: PackSigner.generate().privateKey)
        let evidence = folder.subfolder("evidence"), pack = folder.subfolder("pack")
        _ = try cachedBuild(evidence, into: pack, signer: signer)
        try append("\nSigned again after this edit.\n", to: evidence.appendingPathComponent("records/staging-purge-check.md"))
        #expect(try cachedBuild(evidence, into: pack, signer: signer).kind == "patched")
        let expected = try fresh(evidence, into: folder.subfolder("fresh"), signer: signer)
        #expect(expected["manifest.json.sig"] != nil)
        #expect(FolderSnapshot.files(under: pack) == expected)
    }
}
