import DossierIntake
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `serve` does not read an unchanged file again, and never misses a changed one, however the
/// change is made.
struct ReadMemoryTests {
    private func snapshot(_ folder: TemporaryFolder, _ memory: ReadMemory) throws -> [String: String] {
        defer { memory.finishBuild() }
        let taken = try EvidenceSnapshot.take(of: folder.subfolder("evidence"), environment: ["SOURCE_DATE_EPOCH": "0"], memory: memory)
        return Dictionary(uniqueKeysWithValues: taken.files.map { ($0.path, String(decoding: $0.bytes.data(), as: UTF8.self)) })
    }

    @Test func anUnchangedFileIsRecalledAndAChangedOneReadAgain() throws {
        let folder = try TemporaryFolder(["evidence/records/a.md": "# A\n\nfirst\n", "evidence/records/b.md": "# B\n"])
        defer { folder.remove() }
        let memory = ReadMemory()
        // Files changed within the last moments are read again whatever their times say.
        _ = try snapshot(folder, memory)
        _ = try snapshot(folder, memory)
        #expect(memory.lastRecalled == 0, "a file changed just now was taken as unchanged")
        Thread.sleep(forTimeInterval: 0.06)
        _ = try snapshot(folder, memory)
        #expect(try snapshot(folder, memory)["records/a.md"] == "# A\n\nfirst\n")
        #expect(memory.lastRecalled == 2)
        // The same size, written in place: the change time tells, and the next read takes the new bytes.
        let handle = try FileHandle(forWritingTo: folder.subfolder("evidence/records/a.md"))
        handle.write(Data("# A\n\nfiRST\n".utf8))
        try handle.close()
        #expect(try snapshot(folder, memory)["records/a.md"] == "# A\n\nfiRST\n")
        #expect(memory.lastRecalled == 1)
        // Written again at once, the same size: not remembered from the read just made.
        let again = try FileHandle(forWritingTo: folder.subfolder("evidence/records/a.md"))
        again.write(Data("# A\n\nFIRST\n".utf8))
        try again.close()
        #expect(try snapshot(folder, memory)["records/a.md"] == "# A\n\nFIRST\n")
        // Replaced by another file of the same name and bytes' length: another inode.
        Thread.sleep(forTimeInterval: 0.06)
        _ = try snapshot(folder, memory)
        try folder.write("# B\n", to: "evidence/records/b.tmp")
        try FileManager.default.removeItem(at: folder.subfolder("evidence/records/b.md"))
        try FileManager.default.moveItem(at: folder.subfolder("evidence/records/b.tmp"), to: folder.subfolder("evidence/records/b.md"))
        #expect(try snapshot(folder, memory)["records/b.md"] == "# B\n")
        #expect(memory.lastRecalled == 1)
    }

    /// A file system that keeps whole seconds (both times without nanoseconds) gets no 50 ms grace.
    @Test func timesKeptToTheSecondMustBeTwoSecondsOld() {
        var status = stat()
        status.st_ctim = timespec(tv_sec: 1_000, tv_nsec: 0)
        status.st_mtim = timespec(tv_sec: 1_000, tv_nsec: 0)
        #expect(!ReadMemory.settled(status, before: timespec(tv_sec: 1_001, tv_nsec: 500_000_000)))
        #expect(ReadMemory.settled(status, before: timespec(tv_sec: 1_002, tv_nsec: 0)))
        status.st_ctim.tv_nsec = 1
        #expect(ReadMemory.settled(status, before: timespec(tv_sec: 1_000, tv_nsec: 60_000_000)))
        #expect(!ReadMemory.settled(status, before: timespec(tv_sec: 1_000, tv_nsec: 40_000_000)))
    }
}
