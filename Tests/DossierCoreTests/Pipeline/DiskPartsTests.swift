@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// The parts a build keeps on disk for the next are validated, never trusted: whatever happened to a
/// part since, reading it gives the bytes stored under that key or nothing.
@Suite struct DiskPartsTests {
    private let key = PartKey("test") { $0.add("a page") }
    private let other = PartKey("test") { $0.add("another page") }

    /// Parts in `folder/parts` of `generation`, with a part under `key` and one under `other`.
    private func stored(in folder: TemporaryFolder, generation: String, _ first: String, _ second: String) -> DiskParts {
        let parts = reopened(folder, generation: generation)
        parts.store(Data(first.utf8), key)
        parts.store(Data(second.utf8), other)
        return parts
    }

    private func segments(_ parts: DiskParts) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: parts.folder.path)) ?? []).filter { $0.hasPrefix("segment-") }
            .map { parts.folder.appendingPathComponent($0) }
    }

    /// A new instance over the same folder, as the next build's process opens it once its output
    /// folder is open.
    private func reopened(_ folder: TemporaryFolder, generation: String = "g1") -> DiskParts {
        let parts = DiskParts(folder: folder.subfolder("parts"), generation: generation)
        parts.allowWrites(keepingNothingFrom: [])
        return parts
    }

    @Test func keysAreTheSameInEveryProcessAndTellPiecesApart() {
        // A fixed value: a key that changed from one process to the next would never be found again.
        #expect(PartKey("x") { $0.add("ab"); $0.add("c") }.hex == PartKey("x") { $0.add("ab"); $0.add("c") }.hex)
        #expect(PartKey("x") { $0.add("ab"); $0.add("c") } != PartKey("x") { $0.add("a"); $0.add("bc") })
        #expect(PartKey("x") { $0.add("é") } != PartKey("x") { $0.add("e\u{301}") })
        #expect(PartKey("x") { $0.add(1) } != PartKey("x") { $0.add(true); $0.add(0) })
        #expect(PartKey("page") { $0.add("a") } != PartKey("body") { $0.add("a") })
    }

    /// Bytes of a block or more are hashed where they are, not through the buffer: the key must be
    /// the SHA-256 of the same stream (each piece's length, then the piece) either way.
    @Test func largeBytesGiveTheKeyOfTheirStream() {
        let large = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        func length(_ count: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(count) >> UInt64(8 * $0)) } }
        var stream = length(1) + Array("x".utf8) + length(5) + Array("small".utf8)
        stream += length(large.count) + Array(large) + length(3) + Array("end".utf8)
        let key = PartKey("x") { key in
            key.add("small")
            key.add(large)
            key.add("end")
        }
        #expect(key.hex == ContentHash.sha256(Data(stream)))
    }

    @Test func aPartStoredIsFoundByTheNextBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = reopened(folder)
        #expect(first.data(key) == nil)
        first.store(Data("hello".utf8), key)
        first.finishBuild()
        let second = reopened(folder)
        #expect(second.data(key) == Data("hello".utf8))
        #expect(second.recalled == 1)
    }

    /// A part a build kept without reading it (a body its recalled page was made with) is there for
    /// the build after; one it neither read nor kept is not.
    @Test func aRetainedPartOutlivesTheBuildThatDidNotReadIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = reopened(folder)
        first.store(Data("body".utf8), key)
        first.store(Data("gone".utf8), other)
        first.finishBuild()
        let second = reopened(folder)
        second.retain(key)
        second.finishBuild()
        #expect(second.recalled == 0, "retaining reads nothing")
        let third = reopened(folder)
        #expect(third.data(key) == Data("body".utf8))
        #expect(third.data(other) == nil)
    }

    @Test func aCorruptTruncatedOrMisfiledPartIsDiscarded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        stored(in: folder, generation: "g1", "the page as published", "another page").finishBuild()
        let segment = try #require(segments(reopened(folder)).first)
        let whole = try Data(contentsOf: segment)
        let index = folder.subfolder("parts/index")
        let wholeIndex = try Data(contentsOf: index)

        // One byte of the last part's payload changed: that part is refused, the other still read.
        var flipped = whole
        flipped[flipped.count - 1] ^= 0x01
        try flipped.write(to: segment)
        #expect(reopened(folder).data(other) == nil)
        #expect(reopened(folder).data(key) == Data("the page as published".utf8))

        // The segment cut short.
        try whole.prefix(whole.count - 3).write(to: segment)
        #expect(reopened(folder).data(other) == nil)
        try whole.write(to: segment)
        #expect(reopened(folder).data(other) == Data("another page".utf8))

        // The index changed by one byte: nothing in it is trusted.
        var damaged = wholeIndex
        damaged[damaged.count / 2] ^= 0x01
        try damaged.write(to: index)
        #expect(reopened(folder).data(key) == nil)

        // An index (whole, with its checksum) that files one key's part under the other.
        var entries = try #require(DiskParts.readIndex(at: { try wholeIndex.write(to: index); return index }()))
        (entries[key.hex], entries[other.hex]) = (entries[other.hex], entries[key.hex])
        try DiskParts.indexData(entries).write(to: index)
        #expect(reopened(folder).data(key) == nil)
        #expect(reopened(folder).data(other) == nil)
    }

    @Test func anotherGenerationsPartsAreNeitherReadNorKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        stored(in: folder, generation: "dossier 1 binary A", "old", "old other").finishBuild()
        let new = reopened(folder, generation: "dossier 1 binary B")
        #expect(new.data(key) == nil)
        new.store(Data("new".utf8), key)
        new.finishBuild()
        #expect(segments(new).count == 1, "the old generation's segment is removed")
        #expect(reopened(folder, generation: "dossier 1 binary B").data(key) == Data("new".utf8))
        #expect(reopened(folder, generation: "dossier 1 binary B").data(other) == nil)
    }

    @Test func nothingIsWrittenUntilAPartIsStored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let parts = DiskParts(folder: folder.subfolder("parts"), generation: "g1")
        #expect(parts.data(key) == nil)
        parts.finishBuild()
        #expect(!folder.exists("parts"))
    }

    @Test func aBuildKeepsOnlyThePartsItUsed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bulky = String(repeating: "b", count: 10_000)
        stored(in: folder, generation: "g1", "a", bulky).finishBuild()
        let first = try #require(segments(reopened(folder)).first)
        let second = reopened(folder)
        #expect(second.data(key) == Data("a".utf8))
        second.finishBuild()
        // The part still used lived in a segment now mostly dead: it was copied out, and the segment removed.
        #expect(!FileManager.default.fileExists(atPath: first.path))
        #expect(segments(second).count == 1)
        #expect(reopened(folder).data(key) == Data("a".utf8))
        #expect(reopened(folder).data(other) == nil)
    }

    /// Parts made before the build opened its output folder wait: a build refused its destination
    /// leaves nothing, and a file the secret scan withheld has none of its parts kept.
    @Test func nothingIsWrittenBeforeTheOutputIsOpenAndNothingFromAWithheldFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let refused = DiskParts(folder: folder.subfolder("parts"), generation: "g1")
        refused.store(Data("parse".utf8), key, from: "notes/a.md")
        refused.abandonBuild()
        #expect(!folder.exists("parts"))

        let built = DiskParts(folder: folder.subfolder("parts"), generation: "g1")
        built.store(Data("parse of a.md".utf8), key, from: "notes/a.md")
        built.store(Data("parse of b.md, which holds a token".utf8), other, from: "notes/b.md")
        #expect(!folder.exists("parts"))
        built.allowWrites(keepingNothingFrom: ["notes/b.md"])
        built.finishBuild()
        #expect(reopened(folder).data(key) == Data("parse of a.md".utf8))
        #expect(reopened(folder).data(other) == nil)
        let kept = try segments(reopened(folder)).map { try Data(contentsOf: $0) }.reduce(Data(), +)
        #expect(kept.range(of: Data("token".utf8)) == nil, "the withheld file's parse reached the disk")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.subfolder("parts").path)[.posixPermissions] as? Int
        #expect(mode == 0o700, "the parts are the owner's alone")
    }

    /// A failed build removes what it wrote; the last build's parts stay.
    @Test func aFailedBuildLeavesTheLastBuildsParts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        stored(in: folder, generation: "g1", "a", "b").finishBuild()
        let failed = reopened(folder)
        failed.store(Data("c".utf8), PartKey("test") { $0.add("a third page") })
        #expect(segments(failed).count == 2)
        failed.abandonBuild()
        #expect(segments(failed).count == 1)
        #expect(reopened(folder).data(key) == Data("a".utf8))
    }

    /// An index may only send a read to a segment of its own folder.
    @Test func anIndexNamingAnotherFileIsNotFollowed() throws {
        let folder = try TemporaryFolder(["secret.txt": "dossier-parts-3 pretend"])
        defer { folder.remove() }
        stored(in: folder, generation: "g1", "a", "b").finishBuild()
        let index = folder.subfolder("parts/index")
        var entries = try #require(DiskParts.readIndex(at: index))
        for name in ["../secret.txt", "/dev/zero", "segment-1-x"] {
            entries[key.hex]?.segment = name
            try DiskParts.indexData(entries).write(to: index)
            #expect(reopened(folder).data(key) == nil, "\(name)")
        }
    }
}
