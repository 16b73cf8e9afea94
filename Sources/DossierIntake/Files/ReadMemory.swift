import DossierModel
import Foundation

/// The files an earlier build of this process read (`dossier serve`), by what their open descriptor
/// shows: a file whose device, inode, size, and modification and change times (to the nanosecond)
/// are what they were has the bytes it had, since any write sets the change time and only the
/// kernel can. Such a file is opened and checked as always, but not read or hashed again.
package final class ReadMemory: Sendable {
    struct Key: Hashable, Sendable {
        var path: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: [Int]
        var changed: [Int]

        init(path: String, status: stat) {
            self.path = path
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = [status.st_mtim.tv_sec, status.st_mtim.tv_nsec]
            changed = [status.st_ctim.tv_sec, status.st_ctim.tv_nsec]
        }
    }

    private let memo = BuildMemo<Key, FileReader.Read>()

    package init() {}

    /// How many files the last finished build did not read again.
    package var lastRecalled: Int { memo.lastRecalled }

    func recall(_ key: Key) -> FileReader.Read? {
        memo.recall(key)
    }

    func remember(_ read: FileReader.Read, under key: Key) {
        memo.remember(read, under: key)
    }

    package func finishBuild() { memo.finishBuild() }

    /// The time now, taken before a file's `fstat`, for `settled`.
    static func now() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }

    /// Whether a file's last change was at least 50 ms before `before` (taken before its `fstat`):
    /// far beyond the kernel's time-stamp tick. A file system that keeps times to the second or
    /// coarser (FAT, some network shares; both times then have no nanoseconds) must show it 2 s old.
    package static func settled(_ status: stat, before now: timespec) -> Bool {
        let age = (now.tv_sec - status.st_ctim.tv_sec) * 1_000_000_000 + (now.tv_nsec - status.st_ctim.tv_nsec)
        let coarse = status.st_ctim.tv_nsec == 0 && status.st_mtim.tv_nsec == 0
        return age >= (coarse ? 2_000_000_000 : 50_000_000)
    }
}
