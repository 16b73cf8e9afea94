import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Linux calls the Swift `Glibc` module does not expose (they are declared only under `_GNU_SOURCE`),
/// looked up in the C library at run time; `nil` where the C library lacks them (glibc < 2.28, musl).
package enum FileSystemCalls {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        #if os(Linux)
        // A null handle is RTLD_DEFAULT: search the libraries already loaded.
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: type)
        #else
        return nil
        #endif
    }

    private static let renameat2 = symbol("renameat2", as: RenameAt2.self)
    private typealias SyncFS = @convention(c) (Int32) -> Int32
    private static let syncfs = symbol("syncfs", as: SyncFS.self)

    package enum Outcome: Equatable {
        case done
        /// The call or the filesystem does not support it; the caller falls back.
        case unsupported
        case failed(Int32)
    }

    /// Swaps two paths in one atomic step, so that `second` is never missing.
    package static func exchange(_ first: String, _ second: String) -> Outcome {
        guard let renameat2 else { return .unsupported }
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 { return .done }
        let code = errno
        return code == EINVAL || code == ENOSYS || code == ENOTSUP ? .unsupported : .failed(code)
    }

    /// Makes the entries of `folder` (files created or renamed in it) durable.
    package static func syncFolder(_ folder: String) -> Outcome {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return .failed(errno) }
        defer { close(descriptor) }
        return fsync(descriptor) == 0 ? .done : .failed(errno)
    }

    /// Creates `path` (which must not exist) with `data`, without syncing it: the writer syncs the
    /// whole filesystem once at the end (`syncFileSystem`) instead of once per file, which cost
    /// FileManager.createFile about 1 ms a file.
    package static func create(_ path: String, _ data: Data) -> Outcome {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failed(errno) }
        var failure: Int32?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        return failure.map { .failed($0) } ?? .done
    }

    /// Makes everything written to the filesystem holding `folder` durable, in one call (syncfs(2));
    /// where the C library lacks syncfs, sync(2) does the same for every filesystem.
    package static func syncFileSystem(_ folder: String) -> Outcome {
        guard let syncfs else {
            sync()
            return .done
        }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return .failed(errno) }
        defer { close(descriptor) }
        return syncfs(descriptor) == 0 ? .done : .failed(errno)
    }

    /// Hard-links `existing` to `path` when `existing` is a regular file holding exactly `contents`
    /// (compared byte for byte, so a page edited by hand in the old pack is never carried over);
    /// false, with nothing created, otherwise. An unchanged page then costs a read instead of a
    /// new inode and a write, and the old pack's removal after the swap frees no data.
    package static func link(_ existing: String, to path: String, ifItHolds contents: Data) -> Bool {
        let descriptor = open(existing, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        // Only a file this user owns, that no one else may write to and that no other name shares: a
        // linked page must be as private to the new pack as a written one.
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == contents.count,
              status.st_uid == geteuid(), status.st_mode & 0o022 == 0, status.st_nlink == 1 else { return false }
        var same = true
        contents.withUnsafeBytes { (expected: UnsafeRawBufferPointer) in
            var buffer = [UInt8](repeating: 0, count: min(max(contents.count, 1), 1 << 20))
            var offset = 0
            while same && offset < contents.count {
                let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, min($0.count, contents.count - offset)) }
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { same = false; break }
                same = buffer.withUnsafeBytes { memcmp($0.baseAddress!, expected.baseAddress! + offset, read) == 0 }
                offset += read
            }
        }
        // Link the very file that was compared, through its descriptor, not its path again (a path may
        // be swapped between the two).
        return same && linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
    }
}
