import DossierPack
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when anything under a set of folders changes: the one file that touches inotify.
///
/// inotify watches one folder at a time, so every folder beneath each root is watched, and the
/// watches are brought up to date after a batch that created, moved or deleted a folder (a batch of
/// file edits alone leaves them as they are: walking 10 000 files on every save would cost a reload). Editors save by writing a temporary file and renaming it, which shows as a create, a
/// move and a close: a batch is every event until the folders have been quiet for `settle`, so one
/// save is one rebuild.
package final class FolderWatcher: @unchecked Sendable {
    package let roots: [URL]
    private let descriptor: Int32
    private var watched: [Int32: String] = [:]
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

    /// A root given through a symbolic link is watched where the link leads: inotify does not follow
    /// links (`IN_DONT_FOLLOW`), so a linked root's own changes would go unseen. The paths reported
    /// start with the root as resolved (`resolvedRoot`).
    package init(roots: [URL]) throws {
        self.roots = roots.map(Self.resolvedRoot)
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(reason: String(cString: strerror(errno))) }
        refresh()
    }

    deinit { close(descriptor) }

    package struct WatchError: Error, CustomStringConvertible {
        package let reason: String
        package var description: String { "cannot watch the evidence folder for changes: \(reason)" }
    }

    /// Blocks until something changes, then until the folders have been quiet for `settle` seconds
    /// (at most `longest`); returns the paths the events named, sorted. An editor's save (a write, or
    /// a temporary file renamed over the old one) is over within a few milliseconds; a longer burst
    /// (a checkout) may start a rebuild early, and the events after it start the next.
    package func nextBatch(settle: TimeInterval = 0.015, longest: TimeInterval = 0.5) -> [String] {
        var changed = Set<String>()
        var foldersChanged = false
        // A root that is gone (deleted, or a branch without it checked out) cannot be watched: it is
        // looked for twice a second, and its coming back is a change.
        let missing = Set(roots.map(\.path)).subtracting(watched.values)
        guard wait(timeout: missing.isEmpty ? -1 : 500) else {
            refresh()
            return missing.subtracting(Set(roots.map(\.path)).subtracting(watched.values)).sorted()
        }
        let start = Date()
        repeat {
            let events = readEvents()
            changed.formUnion(events.paths)
            foldersChanged = foldersChanged || events.foldersChanged
        } while Date().timeIntervalSince(start) < longest && wait(timeout: Int32(settle * 1000))
        if foldersChanged { refresh() }
        return changed.sorted()
    }

    /// Whether a change is waiting to be read: a build asks, to stop for a newer save. Reads nothing,
    /// so the next batch still has every event.
    package var hasNews: Bool { wait(timeout: 0) }

    /// Whether events are waiting, within `timeout` milliseconds (-1: forever).
    private func wait(timeout: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&poller, 1, timeout)
            if ready < 0, errno == EINTR { continue }
            return ready > 0
        }
    }

    /// A folder appeared or went (or a watch was dropped, or events were lost): the watches need walking again.
    private static let folderEvents = UInt32(IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_Q_OVERFLOW)

    /// Each event of one read: `struct inotify_event` (wd, mask, cookie, len) followed by `len` bytes of name.
    private func readEvents() -> (paths: [String], foldersChanged: Bool) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return ([], false) }
        var paths: [String] = []
        var foldersChanged = false
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                (raw.load(fromByteOffset: offset, as: Int32.self), raw.load(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            foldersChanged = foldersChanged || mask & Self.folderEvents != 0
            let nameBytes = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
            // A watch dropped since (its folder moved out of the roots) names nothing of ours; an
            // overflow (watch -1) names nothing at all, but says events were lost.
            if let folder = watched[watch] {
                paths.append(nameBytes.isEmpty ? folder : folder + "/" + String(decoding: nameBytes, as: UTF8.self))
            } else if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                paths.append(contentsOf: roots.map(\.path))
            }
            offset += header + length
        }
        return (paths, foldersChanged)
    }

    /// Watches every folder under the roots (adding a watch to a folder already watched returns its
    /// existing one), and forgets the watches of folders that are gone. Links are not followed.
    private func refresh() {
        var present: [Int32: String] = [:]
        for root in roots {
            for folder in [root.path] + Self.folders(under: root) {
                let watch = inotify_add_watch(descriptor, folder, Self.mask)
                if watch >= 0 { present[watch] = folder }
            }
        }
        // A folder moved out of the roots keeps its watch (inotify follows the folder, not the name):
        // dropped, or its edits would start rebuilds under a name that is no longer its own.
        for watch in watched.keys where present[watch] == nil { inotify_rm_watch(descriptor, watch) }
        watched = present
    }

    /// `url` standardised, its symbolic links resolved when it exists.
    package static func resolvedRoot(_ url: URL) -> URL {
        url.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Every folder beneath `root`, from the walk that follows no link (`PackTree`).
    private static func folders(under root: URL) -> [String] {
        (PackTree(walking: root)?.entries ?? []).filter { $0.kind == .folder }.map { root.path + "/" + $0.path }
    }
}
