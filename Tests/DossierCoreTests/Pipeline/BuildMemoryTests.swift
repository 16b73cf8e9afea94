import DossierIntake
import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// `dossier serve` keeps each file's parse from one build to the next: the packs it writes must be
/// the packs a fresh build writes, byte for byte, whatever is edited, renamed, added or deleted.
@Suite(.serialized) struct BuildMemoryTests {
    /// A fixed sequence of pseudo-random numbers, so a failure can be replayed.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    private func build(_ evidence: URL, into pack: URL, memory: BuildMemory?) throws -> [String: Data] {
        var options = BuildOptions(evidence: evidence, output: pack, environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        options.memory = memory
        _ = try BuildPipeline(options: options).build()
        return FolderSnapshot.files(under: pack)
    }

    func files(under folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var folderFlag: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &folderFlag) && !folderFlag.boolValue
                && path != "dossier.yml"
        }.sorted()
    }

    /// One random change: text appended, a ticked box unticked, a key pasted in, a link to a file that may come later, a file renamed, deleted or
    /// added, or the redaction policy in dossier.yml switched.
    func change(_ evidence: URL, step: Int, random: inout SeededRandom) throws -> String {
        let paths = try files(under: evidence)
        let path = paths[Int.random(in: 0..<paths.count, using: &random)]
        let url = evidence.appendingPathComponent(path)
        switch Int.random(in: 0..<7, using: &random) {
        case 6 where step % 20 < 4:
            // dossier.yml changes what every page is: with `keep`, personal data stays in the pages.
            // (Every page is rendered again then, so only now and again: the test must stay short.)
            let configuration = evidence.appendingPathComponent("dossier.yml")
            let text = try String(contentsOf: configuration, encoding: .utf8)
            let toggled = text.contains("redaction: redact")
                ? text.replacingOccurrences(of: "redaction: redact", with: "redaction: keep")
                : text.replacingOccurrences(of: "redaction: keep", with: "redaction: redact")
            try toggled.write(to: configuration, atomically: true, encoding: .utf8)
            return "toggle policy.redaction"
        case 0 where path.hasSuffix(".md"):
            let text = try String(contentsOf: url, encoding: .utf8)
            try (text.replacingOccurrences(of: "- [x]", with: "- [ ]", options: [], range: text.range(of: "- [x]"))).write(to: url, atomically: true, encoding: .utf8)
            return "untick \(path)"
        case 1:
            let renamed = url.deletingLastPathComponent().appendingPathComponent("renamed-\(step)-" + url.lastPathComponent)
            try FileManager.default.moveItem(at: url, to: renamed)
            return "rename \(path)"
        case 2 where paths.count > 12:
            try FileManager.default.removeItem(at: url)
            return "delete \(path)"
        case 3:
            try "# Note \(step)\n\nAdded while serving, owner ops@example.com.\n".write(
                to: evidence.appendingPathComponent("records/note-\(step).md"), atomically: true, encoding: .utf8)
            return "add records/note-\(step).md"
        case 4 where path.hasSuffix(".md"):
            // A credential pasted in: the file is withheld from both packs alike.
            let handle = try FileHandle(forWritingTo: url)
            handle.seekToEndOfFile()
            handle.write(Data("\nkey: AKIAZ7Q3XK2M4P5N6R\(step % 10)T\n".utf8))
            try handle.close()
            return "paste a key into \(path)"
        case 5 where path.hasSuffix(".md"):
            // A link to a file beside it that may not be there yet; the next time, perhaps made.
            let target = "gone-\(step % 4).md"
            if step % 2 == 1 {
                try "# Made later \(step)\n".write(to: url.deletingLastPathComponent().appendingPathComponent(target), atomically: true, encoding: .utf8)
                return "add \(target) beside \(path)"
            }
            let handle = try FileHandle(forWritingTo: url)
            handle.seekToEndOfFile()
            handle.write(Data("\nSee [the other file](\(target)).\n".utf8))
            try handle.close()
            return "link \(path) to \(target)"
        default:
            let handle = try FileHandle(forWritingTo: url)
            handle.seekToEndOfFile()
            handle.write(Data((path.hasSuffix(".md") ? "\nEdited at step \(step).\n" : "\n").utf8))
            try handle.close()
            return "append to \(path)"
        }
    }

    /// Issue 24's acceptance: 200 random edits, renames, additions and deletions in sequence, each
    /// rebuilt with the memory; every tenth pack, and the last, compared byte for byte with a
    /// fresh build of the same folder (a page carried over wrongly stays wrong until its view
    /// changes again, so a comparison every tenth step still catches it).
    @Test func rebuildsWithMemoryWriteThePackAFreshBuildWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: evidence)
        let memory = BuildMemory()
        var random = SeededRandom(state: 2026)
        _ = try build(evidence, into: folder.subfolder("served"), memory: memory)
        var (parses, pages, bodies) = (0, 0, 0)
        var changes: [String] = []
        for step in 1...200 {
            changes.append(try change(evidence, step: step, random: &random))
            let served = try build(evidence, into: folder.subfolder("served"), memory: memory)
            parses += memory.parsed.lastRecalled
            pages += memory.pages.lastRecalled
            bodies += memory.bodies.lastRecalled
            guard step % 10 == 0 else { continue }
            let fresh = try build(evidence, into: folder.subfolder("fresh-\(step)"), memory: nil)
            let since = changes.suffix(10).joined(separator: "; ")
            #expect(served.keys.sorted() == fresh.keys.sorted(), "step \(step) (after \(since)): the files differ")
            let differing = fresh.keys.filter { served[$0] != fresh[$0] }.sorted()
            #expect(differing.isEmpty, "step \(step) (after \(since)): \(differing.prefix(5)) differ")
            try FileManager.default.removeItem(at: folder.subfolder("fresh-\(step)"))
        }
        // Each rebuild parsed, scanned and rendered again only what changed: the memory was used, not bypassed.
        #expect(parses > 200 * 15, "only \(parses) parses were reused over 200 rebuilds")
        #expect(pages > 200 * 20, "only \(pages) pages were carried over in 200 rebuilds")
        #expect(memory.secrets.lastRecalled > 15, "the secret scan of unchanged files was not reused")
        // A page rendered again for what surrounds its body (a backlink, a finding) keeps the body.
        #expect(bodies > 50, "the Markdown bodies of pages rendered again were converted again")
    }

    /// A build of `evidence/` in `folder` with the theme in `theme/`.
    private func themed(_ folder: TemporaryFolder, into pack: String, memory: BuildMemory?) -> BuildOptions {
        var options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder(pack), templates: folder.subfolder("theme"),
            environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        options.memory = memory
        return options
    }

    /// `serve` watches the theme too: a page whose view is unchanged is still rendered again when
    /// the template that renders it changed.
    @Test func aChangedThemeRendersThePagesAgain() throws {
        let folder = try TemporaryFolder([
            "evidence/records/review.md": "# Review\n\nQuarterly access review.\n",
            "theme/evidence.mustache": "<h1>{{title}}</h1>\n",
        ])
        defer { folder.remove() }
        let memory = BuildMemory()
        func build(into pack: String, memory: BuildMemory?) throws -> [String: Data] {
            _ = try BuildPipeline(options: themed(folder, into: pack, memory: memory)).build()
            return FolderSnapshot.files(under: folder.subfolder(pack))
        }
        _ = try build(into: "pack", memory: memory)
        try "<h1>Evidence: {{title}}</h1>\n".write(to: folder.subfolder("theme/evidence.mustache"), atomically: true, encoding: .utf8)
        let served = try build(into: "pack", memory: memory)
        #expect(String(decoding: served["evidence/records/review.html"] ?? Data(), as: UTF8.self).contains("<h1>Evidence: Review</h1>"))
        #expect(served == (try build(into: "fresh", memory: nil)))
    }

    /// A page recalled from memory still tells the template-key check what its template was given:
    /// a rebuild reports the same unknown key the first build did.
    @Test func aRecalledPageStillCountsForTheTemplateKeyCheck() throws {
        let folder = try TemporaryFolder([
            "evidence/records/review.md": "# Review\n\nQuarterly access review.\n",
            "theme/evidence.mustache": "<h1>{{title}}</h1>{{reviewer_name}}\n",
        ])
        defer { folder.remove() }
        let memory = BuildMemory()
        let options = themed(folder, into: "pack", memory: memory)
        let first = try BuildPipeline(options: options).build().diagnostics.filter { $0.identifier == "dossier.template.unknown-key" }
        let again = try BuildPipeline(options: options).build().diagnostics.filter { $0.identifier == "dossier.template.unknown-key" }
        #expect(memory.pages.lastRecalled > 0)
        #expect(!first.isEmpty && first == again)
    }

    /// Swift finds "é" precomposed equal to "e" and a combining accent: a file saved again in the other
    /// form leaves every other page's view equal, but not its bytes. The packs must still match.
    @Test func aFileSavedInAnotherUnicodeFormRendersThePagesThatShowIt() throws {
        let composed = "# Caf\u{E9} supplier review\n\nOwner: Zo\u{EB}.\n"
        let decomposed = "# Cafe\u{301} supplier review\n\nOwner: Zoe\u{308}.\n"
        let folder = try TemporaryFolder(["evidence/records/cafe.md": composed, "evidence/records/other.md": "# Other\n"])
        defer { folder.remove() }
        let memory = BuildMemory()
        _ = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        try decomposed.write(to: folder.subfolder("evidence/records/cafe.md"), atomically: true, encoding: .utf8)
        let served = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        let fresh = try build(folder.subfolder("evidence"), into: folder.subfolder("fresh"), memory: nil)
        #expect(fresh.keys.filter { served[$0] != fresh[$0] }.sorted() == [])
        #expect(String(decoding: fresh["evidence.html"] ?? Data(), as: UTF8.self).contains("Cafe\u{301}"))
        // Back to NFC: while no input is out of NFC, pages are recalled again.
        try composed.write(to: folder.subfolder("evidence/records/cafe.md"), atomically: true, encoding: .utf8)
        let back = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        #expect(back == (try build(folder.subfolder("evidence"), into: folder.subfolder("fresh-2"), memory: nil)))
        _ = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        #expect(memory.pages.lastRecalled > 10)
    }

    @Test func aChangedZoneOrLimitIsParsedAgain() throws {
        let folder = try TemporaryFolder([
            "evidence/records/review.md": "---\nowner: ops\nreviewed_at: 2026-11-24T05:00:00\nfreshness: 30\n---\n# Review\n",
        ])
        defer { folder.remove() }
        let memory = BuildMemory()
        _ = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        _ = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        #expect(memory.parsed.lastRecalled == 1)
        try "timezone: Pacific/Auckland\n".write(to: folder.subfolder("evidence/dossier.yml"), atomically: true, encoding: .utf8)
        let served = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), memory: memory)
        #expect(memory.parsed.lastRecalled == 0, "a parse read in another zone was reused")
        #expect(served == (try build(folder.subfolder("evidence"), into: folder.subfolder("fresh"), memory: nil)))
    }
}
