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
        let parts = DiskParts(folder: folder.subfolder("parts"), generation: generation)
        parts.store(Data(first.utf8), key)
        parts.store(Data(second.utf8), other)
        return parts
    }

    private func segments(_ parts: DiskParts) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: parts.folder.path)) ?? []).filter { $0.hasPrefix("segment-") }
            .map { parts.folder.appendingPathComponent($0) }
    }

    /// A new instance over the same folder, as the next build's process opens it.
    private func reopened(_ folder: TemporaryFolder, generation: String = "g1") -> DiskParts {
        DiskParts(folder: folder.subfolder("parts"), generation: generation)
    }

    @Test func keysAreTheSameInEveryProcessAndTellPiecesApart() {
        // A fixed value: a key that changed from one process to the next would never be found again.
        #expect(PartKey("x") { $0.add("ab"); $0.add("c") }.hex == PartKey("x") { $0.add("ab"); $0.add("c") }.hex)
        #expect(PartKey("x") { $0.add("ab"); $0.add("c") } != PartKey("x") { $0.add("a"); $0.add("bc") })
        #expect(PartKey("x") { $0.add("é") } != PartKey("x") { $0.add("e\u{301}") })
        #expect(PartKey("x") { $0.add(1) } != PartKey("x") { $0.add(true); $0.add(0) })
        #expect(PartKey("page") { $0.add("a") } != PartKey("body") { $0.add("a") })
    }

    @Test func aPartStoredIsFoundByTheNextBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = DiskParts(folder: folder.subfolder("parts"), generation: "g1")
        #expect(first.data(key) == nil)
        first.store(Data("hello".utf8), key)
        first.finishBuild()
        let second = DiskParts(folder: folder.subfolder("parts"), generation: "g1")
        #expect(second.data(key) == Data("hello".utf8))
        #expect(second.recalled == 1)
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
}
