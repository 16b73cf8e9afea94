@testable import DossierModel
import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// `dossier build` keeps pages and bodies on disk for the next build (`DiskParts`): the pack it
/// writes must be the pack a build without them (`--no-cache`) writes, byte for byte, whatever is
/// edited, renamed, added or deleted in between, and whatever happened to the parts.
@Suite(.serialized) struct DiskPartsBuildTests {
    private func build(_ evidence: URL, into pack: URL, parts: DiskParts?) throws -> [String: Data] {
        var options = BuildOptions(evidence: evidence, output: pack, environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        options.parts = parts
        _ = try BuildPipeline(options: options).build()
        return FolderSnapshot.files(under: pack)
    }

    /// Each build opens the parts afresh, as a new `dossier build` process does.
    private func parts(in folder: TemporaryFolder) -> DiskParts {
        DiskParts(folder: folder.subfolder("cache/pack.parts"), generation: "test")
    }

    private func expectSame(_ built: [String: Data], _ fresh: [String: Data], _ context: String) {
        #expect(built.keys.sorted() == fresh.keys.sorted(), "\(context): the files differ")
        let differing = fresh.keys.filter { built[$0] != fresh[$0] }.sorted()
        #expect(differing.isEmpty, "\(context): \(differing.prefix(5)) differ")
    }

    /// 60 random edits, renames, additions, deletions, pasted keys and policy switches, each built
    /// with the parts the build before kept; every fifth pack compared with a build without them.
    @Test func buildsWithPartsWriteThePackABuildWithoutThemWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: evidence)
        var random = BuildMemoryTests.SeededRandom(state: 2027)
        _ = try build(evidence, into: folder.subfolder("pack"), parts: parts(in: folder))
        var recalled = 0
        var changes: [String] = []
        for step in 1...60 {
            changes.append(try BuildMemoryTests().change(evidence, step: step, random: &random))
            let kept = parts(in: folder)
            let built = try build(evidence, into: folder.subfolder("pack"), parts: kept)
            recalled += kept.recalled
            guard step % 5 == 0 else { continue }
            let fresh = try build(evidence, into: folder.subfolder("fresh-\(step)"), parts: nil)
            expectSame(built, fresh, "step \(step) (after \(changes.suffix(5).joined(separator: "; ")))")
            try FileManager.default.removeItem(at: folder.subfolder("fresh-\(step)"))
        }
        // The parts were used, not bypassed: most pages of each build came from the build before.
        #expect(recalled > 60 * 40, "only \(recalled) parts were reused over 60 builds")
    }

    /// Parts damaged between two builds (a byte of a payload or of a key changed, filed under
    /// another key in an index whose own checksum is right) are made again.
    @Test func damagedPartsAreMadeAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: evidence)
        _ = try build(evidence, into: folder.subfolder("pack"), parts: parts(in: folder))
        let partsFolder = folder.subfolder("cache/pack.parts")
        var entries = try #require(DiskParts.readIndex(at: partsFolder.appendingPathComponent("index")))
        #expect(entries.count > 50)
        var segments: [String: Data] = [:]
        let keys = entries.keys.sorted()
        for (index, key) in keys.enumerated() {
            let entry = entries[key]!
            var bytes = try segments[entry.segment] ?? Data(contentsOf: partsFolder.appendingPathComponent(entry.segment))
            switch index % 3 {
            case 0: bytes[entry.offset + entry.length - 1] ^= 0x20
            case 1: bytes[entry.offset + 20] ^= 0x01
            default: entries[key] = entries[keys[(index + 1) % keys.count]]
            }
            segments[entry.segment] = bytes
        }
        for (name, bytes) in segments { try bytes.write(to: partsFolder.appendingPathComponent(name)) }
        try DiskParts.indexData(entries).write(to: partsFolder.appendingPathComponent("index"))
        let kept = parts(in: folder)
        let built = try build(evidence, into: folder.subfolder("pack"), parts: kept)
        #expect(kept.recalled == 0, "a damaged part was used")
        expectSame(built, try build(evidence, into: folder.subfolder("fresh"), parts: nil), "after damage")
    }

    /// What a page depends on besides its view (the theme, the redaction policy, the secrets found
    /// anywhere in the folder): each changed alone, with every view as it was, renders the pages again.
    @Test func whatEveryPageDependsOnBesidesItsViewRendersThemAgain() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Test Ltd\npolicy:\n  redaction: redact\n",
            "evidence/records/review.md": "# Review\n\nAsk ann.owner@example.com; the old token was ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.\n",
            "theme/evidence.mustache": "<h1>{{title}}</h1>{{{html}}}\n",
        ])
        defer { folder.remove() }
        func build(into pack: String, parts: Bool) throws -> [String: Data] {
            var options = BuildOptions(
                evidence: folder.subfolder("evidence"), output: folder.subfolder(pack), templates: folder.subfolder("theme"),
                environment: ["SOURCE_DATE_EPOCH": "1795392000"])
            options.parts = parts ? self.parts(in: folder) : nil
            _ = try BuildPipeline(options: options).build()
            return FolderSnapshot.files(under: folder.subfolder(pack))
        }
        let changes: [(String, String, String)] = [
            ("evidence/dossier.yml", "organisation: Test Ltd\npolicy:\n  redaction: keep\n", "the redaction policy"),
            ("theme/evidence.mustache", "<h1>Evidence: {{title}}</h1>{{{html}}}\n", "the theme"),
            // The same token pasted into another file: it is now a secret, scrubbed from every page.
            ("evidence/records/leak.md", "# Leak\n\nGITHUB_TOKEN=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "a secret found elsewhere"),
        ]
        _ = try build(into: "pack", parts: true)
        for (index, (path, text, what)) in changes.enumerated() {
            try folder.write(text, to: path)
            let built = try build(into: "pack", parts: true)
            expectSame(built, try build(into: "fresh-\(index)", parts: false), "after changing \(what)")
        }
    }

    /// A log's published strings depend on the log formats found elsewhere in the folder: a format
    /// added later that reads a token hidden by a JSON escape from an unchanged log must withhold the
    /// log, as a build without parts does, not reuse the findings made when nothing read it.
    @Test func aLogFormatAddedLaterIsScannedWithTheLog() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Test Ltd\n",
            // "xox\u0062-" is "xoxb-" once decoded: the bytes alone hide the Slack token.
            "evidence/logs/bot.jsonl": #"{"ts": "2026-02-01T10:00:00Z", "event": "auth", "account": "xox\u0062-1234567890-abcdefghijklmnop"}"# + "\n",
        ])
        defer { folder.remove() }
        func build(into pack: String, parts: Bool) throws -> [String: Data] {
            try self.build(folder.subfolder("evidence"), into: folder.subfolder(pack), parts: parts ? self.parts(in: folder) : nil)
        }
        _ = try build(into: "pack", parts: true)
        try folder.write("""
            kind: log-format
            id: bot-log
            name: Bot log
            paths: ["logs/*.jsonl"]
            timestamp: {field: ts}
            identity: [account]
            kinds:
              - {kind: authentication, when: [{field: event, equals: auth}]}

            """, to: "evidence/logs/bot-format.yml")
        let built = try build(into: "pack", parts: true)
        let fresh = try build(into: "fresh", parts: false)
        #expect(fresh["evidence/logs/bot.jsonl.html"] == nil, "the fixture no longer hides the token from a fresh build")
        expectSame(built, fresh, "after adding the log format")
    }

    /// A token an HTML comment splits in a page's bytes is whole in the page's search text: no part
    /// that holds it is kept, whatever kind of part it is.
    @Test func noPartHoldingASecretIsKept() throws {
        let token = "ghp_s77rmnX9ziN8GJzVxPwmBNokCCXQcBWLufCS"
        let split = String(token.prefix(20)) + "<!-- x -->" + String(token.dropFirst(20))
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Test Ltd\n",
            "evidence/records/flow.md": "# Flow\n\nSplit comment: \(split)\n",
        ])
        defer { folder.remove() }
        let cache = BuildCache(output: folder.subfolder("pack"))
        let parts = try #require(cache.parts())
        _ = try build(folder.subfolder("evidence"), into: folder.subfolder("pack"), parts: parts)
        let kept = FolderSnapshot.files(under: folder.subfolder(".dossier-cache"))
        #expect(!kept.isEmpty)
        for (path, bytes) in kept {
            #expect(bytes.range(of: Data(token.utf8)) == nil, "\(path) holds the token")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: folder.subfolder(".dossier-cache").path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    /// The folder beside the pack is used only when it is a folder of Dossier's own: not a link (into
    /// the evidence, or the pack), not the pack itself; one made looser is made the owner's again.
    @Test func theCacheFolderIsNeverALinkNorThePack() throws {
        let folder = try TemporaryFolder(["elsewhere/keep.md": "# Keep\n", "out/.gitkeep": ""])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(at: folder.subfolder("out/.dossier-cache"), withDestinationURL: folder.subfolder("elsewhere"))
        #expect(BuildCache(output: folder.subfolder("out/pack")).parts() == nil)
        BuildCache(output: folder.subfolder("out/pack")).store(key: "k", standardOutput: "", standardError: "", status: 0)
        #expect(!folder.exists("elsewhere/pack.json"))
        #expect(BuildCache(output: folder.subfolder("other/.dossier-cache")).parts() == nil)
        try FileManager.default.createDirectory(at: folder.subfolder("loose/.dossier-cache"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.subfolder("loose/.dossier-cache").path)
        #expect(BuildCache(output: folder.subfolder("loose/pack")).parts() != nil)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.subfolder("loose/.dossier-cache").path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }
}
