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

    private func partFile(_ parts: DiskParts, _ key: PartKey) -> URL {
        parts.folder.appendingPathComponent(String(key.hex.prefix(2))).appendingPathComponent(key.hex)
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
        let parts = stored(in: folder, generation: "g1", "the page as published", "another page")
        let file = partFile(parts, key)
        let whole = try Data(contentsOf: file)

        // One byte of the payload changed.
        var flipped = whole
        flipped[flipped.count - 1] ^= 0x01
        try flipped.write(to: file)
        #expect(parts.data(key) == nil)
        #expect(!FileManager.default.fileExists(atPath: file.path), "a corrupt part is removed")

        // Cut short, in the header and in the payload.
        for length in [10, whole.count - 3] {
            try whole.prefix(length).write(to: file)
            #expect(parts.data(key) == nil)
        }
        // Another key's part copied under this key's name.
        try FileManager.default.copyItem(at: partFile(parts, other), to: file)
        #expect(parts.data(key) == nil)
        #expect(parts.data(other) == Data("another page".utf8))
    }

    @Test func anotherGenerationsPartsAreNeitherReadNorKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = stored(in: folder, generation: "dossier 1 binary A", "old", "old other")
        let new = DiskParts(folder: folder.subfolder("parts"), generation: "dossier 1 binary B")
        #expect(new.data(key) == nil)
        new.store(Data("new".utf8), key)
        #expect(!FileManager.default.fileExists(atPath: partFile(new, other).path), "the old generation's parts are removed")
        #expect(DiskParts(folder: folder.subfolder("parts"), generation: "dossier 1 binary B").data(key) == Data("new".utf8))
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
        stored(in: folder, generation: "g1", "a", "b").finishBuild()
        let second = DiskParts(folder: folder.subfolder("parts"), generation: "g1")
        #expect(second.data(key) == Data("a".utf8))
        second.finishBuild()
        #expect(FileManager.default.fileExists(atPath: partFile(second, key).path))
        #expect(!FileManager.default.fileExists(atPath: partFile(second, other).path))
    }
}
