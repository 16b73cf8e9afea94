import DossierModel
import DossierPack
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when anything under a set of folders changes: the one file that touches inotify.
///
/// inotify watches one folder at a time, so every folder beneath each root is watched, and the
/// watches are brought up to date after a batch that created, moved or deleted a folder (a batch of
/// file edits alone leaves them as they are: walking 10 000 files on every save would cost a
/// reload). Editors save by writing a temporary file and renaming it, which shows as a create, a
/// move and a close: a batch is every event until the folders have been quiet for `settle`, so one
/// save is one rebuild.
///
/// inotify follows folders, not names, and no link: each root is resolved (a root given through a
/// link is watched where it leads), and resolved again whenever the watcher has been idle for a
/// while, so a root deleted and made again, replaced by a link, or a link pointed elsewhere, is
/// watched again, and that is a change.
///
/// `nextBatch` runs on the rebuild loop's thread, between builds; `hasNews` during a build, from any
/// thread: what it reads waits under the lock for the next batch.
package final class FolderWatcher: @unchecked Sendable {
    /// The roots as given, and as they resolve now (what the reported paths start with).
    private let given: [URL]
    private var roots: [String] = []
    private let descriptor: Int32
    private var watched: [Int32: String] = [:]
    /// Files watched one by one (git's record of where HEAD is, for a build date taken from the last
    /// commit), each by its folder's watch; only events naming one of them count.
    private let files: Set<String>
    private var fileFolders: [Int32: String] = [:]
    private let lock = NSLock()
    /// Events `hasNews` read during a build, for the next batch.
    private var early = Events()
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

    /// `files`: files outside the folders' walk (in a hidden folder, or elsewhere) whose changes count.
    package init(roots: [URL], files: [URL] = []) throws {
        given = roots.map(\.standardizedFileURL)
        self.files = Set(files.map { Self.resolvedRoot($0).path })
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(reason: String(cString: strerror(errno))) }
        refresh()
    }

    deinit { close(descriptor) }

    package struct WatchError: Error, CustomStringConvertible {
        package let reason: String
        package var description: String { "cannot watch the evidence folder for changes: \(reason)" }
    }

    private struct Events {
        var paths: [String] = []
        var foldersChanged = false
    }

    /// Blocks until something changes, then until the folders have been quiet for `settle` seconds
    /// (at most `longest`); returns the paths the events named, sorted. An editor's save (a write, or
    /// a temporary file renamed over the old one) is over within a few milliseconds; a longer burst
    /// (a checkout) may start a rebuild early, and the events after it start the next. May return
    /// nothing (events about watches dropped).
    package func nextBatch(settle: TimeInterval = 0.015, longest: TimeInterval = 0.5) -> [String] {
        var batch = lock.withLock { () -> Events in
            defer { early = Events() }
            return early
        }
        // Events are read only once `wait` says some are there: a read with none blocks.
        var ready: Bool
        if batch.paths.isEmpty {
            // While nothing happens, the roots are resolved again: every 2 s, or twice a second while
            // one is missing. One that resolves elsewhere, or is back, is the change.
            while !wait(timeout: Set(roots).isSubset(of: watched.values) ? 2000 : 500) {
                let moved = refreshRoots()
                if !moved.isEmpty { return moved }
            }
            ready = true
        } else {
            ready = wait(timeout: Int32(settle * 1000))
        }
        let start = Date()
        while ready {
            let events = readEvents()
            batch.paths += events.paths
            batch.foldersChanged = batch.foldersChanged || events.foldersChanged
            ready = Date().timeIntervalSince(start) < longest && wait(timeout: Int32(settle * 1000))
        }
        if batch.foldersChanged { batch.paths += refresh() }
        return Set(batch.paths).sorted()
    }

    /// Whether a change is waiting: a build asks, to stop for a newer save. The events it reads are
    /// kept for the next batch; only those that name a path count (not the watch removed when a
    /// folder moved out, say, which names nothing of ours).
    package var hasNews: Bool {
        lock.withLock {
            func counts(_ path: String) -> Bool { ScratchFileName.isTransient((path as NSString).lastPathComponent) == false }
            while !early.paths.contains(where: counts) && wait(timeout: 0) {
                let events = readEvents()
                early.paths += events.paths
                early.foldersChanged = early.foldersChanged || events.foldersChanged
            }
            // An editor's leftover coming or going (`#x.md#` written mid-save) changes only a note:
            // worth a rebuild of its own, not stopping the one that shows the save.
            return early.paths.contains(where: counts)
        }
    }

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
    private func readEvents() -> Events {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return Events() }
        var events = Events()
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                (raw.load(fromByteOffset: offset, as: Int32.self), raw.load(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            // A watch removed by `refresh` reports itself gone (IN_IGNORED): that is no reason to walk the folders again.
            let ours = watched[watch] != nil || mask & UInt32(IN_Q_OVERFLOW) != 0
            events.foldersChanged = events.foldersChanged || (ours && mask & Self.folderEvents != 0)
            let nameBytes = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
            // A watch dropped since (its folder moved out of the roots) names nothing of ours; an
            // overflow (watch -1) names nothing at all, but says events were lost.
            if let folder = watched[watch] {
                let path = nameBytes.isEmpty ? folder : folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                // An editor's swap file is written every few seconds while a file is open: the build
                // never reads it, so it is no reason to rebuild (or to stop a rebuild).
                if !ScratchFileName.isHiddenLeftover(path) { events.paths.append(path) }
            } else if let folder = fileFolders[watch], !nameBytes.isEmpty {
                let path = folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                if files.contains(path) { events.paths.append(path) }
            } else if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                events.paths += roots
            }
            offset += header + length
        }
        return events
    }

    /// The roots resolved again; those that now resolve elsewhere, or were missing and are back,
    /// after watching them.
    private func refreshRoots() -> [String] {
        let resolved = given.map { Self.resolvedRoot($0).path }
        guard resolved != roots || !Set(roots).isSubset(of: watched.values) else { return [] }
        return refresh()
    }

    /// Watches every folder under the roots, resolved again (adding a watch to a folder already
    /// watched returns its existing one), and forgets the watches of folders that are gone. Links
    /// beneath the roots are not followed. Returns the roots that now resolve elsewhere, or were
    /// missing and are back.
    @discardableResult
    private func refresh() -> [String] {
        let (before, missing) = (roots, Set(roots).subtracting(watched.values))
        roots = given.map { Self.resolvedRoot($0).path }
        var present: [Int32: String] = [:]
        for root in roots {
            for folder in [root] + Self.folders(under: URL(fileURLWithPath: root)) {
                let watch = inotify_add_watch(descriptor, folder, Self.mask)
                if watch >= 0 { present[watch] = folder }
            }
        }
        // A folder moved out of the roots keeps its watch (inotify follows the folder, not the name):
        // dropped, or its edits would start rebuilds under a name that is no longer its own.
        for watch in watched.keys where present[watch] == nil { inotify_rm_watch(descriptor, watch) }
        watched = present
        // A file's folder that is also walked keeps its walked watch, where every event counts.
        fileFolders = [:]
        for folder in Set(files.map { ($0 as NSString).deletingLastPathComponent }) {
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            if watch >= 0, watched[watch] == nil { fileFolders[watch] = folder }
        }
        return zip(before, roots).filter { old, new in old != new || (missing.contains(old) && present.values.contains(new)) }.map(\.1)
    }

    /// `url` standardised, its symbolic links resolved when it exists.
    package static func resolvedRoot(_ url: URL) -> URL {
        url.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Every folder beneath `root`, from the walk that follows no link (`PackTree`), but hidden ones
    /// and what they hold: the build skips them, and a repository's `.git` changes on every command.
    private static func folders(under root: URL) -> [String] {
        (PackTree(walking: root)?.entries ?? []).filter { entry in
            entry.kind == .folder && !entry.path.split(separator: "/").contains { $0.hasPrefix(".") }
        }.map { root.path + "/" + $0.path }
    }
}
