import DossierModel
import Foundation

/// Stage 6: writes the pack so that readers only ever see a whole pack.
///
/// Files go to a staging folder beside the destination (same parent, so same filesystem), which is
/// synced and then swapped with the previous pack in one `renameat2(RENAME_EXCHANGE)`: the
/// destination always holds a whole pack, old or new. Where the exchange is not supported, two
/// `rename(2)` calls do the swap, with a brief moment when the destination is missing.
/// (`FileManager.replaceItemAt` fails on a non-empty folder on Linux.)
package struct AuditPackWriter: Sendable {
    /// Marks a folder as a Dossier pack, so a later build may replace it.
    package static let markerName = PackManifest.markerPath
    package static let stagingPrefix = ".dossier-staging-"
    package static let asidePrefix = ".dossier-old-"

    package var faults: FaultInjection
    package var progress: BuildProgress?

    package init(faults: FaultInjection = .none) {
        self.faults = faults
    }

    package func write(_ files: [RenderedFile], to destination: URL, guarding protected: [URL]) throws {
        try begin(to: destination, guarding: protected).finish(files)
    }

    /// Checks the destination and opens a staging folder beside it, into which pages can be stored as
    /// they are rendered (`PackStaging.store`) before `finish` writes the rest and swaps.
    package func begin(to destination: URL, guarding protected: [URL]) throws -> PackStaging {
        let target = destination.standardizedFileURL
        try OutputFolderPolicy(protected: protected).check(target)
        let parent = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw DossierError(path: parent.path, reason: .outputNotWritable(error.localizedDescription))
        }
        StaleFolderSweeper(parent: parent).sweep()
        // The process ID in the name lets a later build tell a crashed build's leftovers from a running one's.
        let staging = parent.appendingPathComponent(Self.stagingPrefix + "\(getpid())-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            // The marker goes first, so that even a staging folder left by a crash mid-write can be recognised and swept.
            try Self.check(FileSystemCalls.create(staging.appendingPathComponent(Self.markerName).path, PackManifest.markerContents), staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? DossierError { throw error }
            throw DossierError(path: staging.path, reason: .outputNotWritable(error.localizedDescription))
        }
        // A file the previous pack already holds byte for byte is hard-linked from it, not written again.
        let reusable = FileManager.default.fileExists(atPath: target.appendingPathComponent(Self.markerName).path) ? target : nil
        return PackStaging(writer: self, staging: staging, target: target, previous: reusable)
    }

    /// Writes what was not stored yet, syncs, and swaps the staging folder into place.
    fileprivate func finish(_ allFiles: [RenderedFile], in staging: PackStaging) throws {
        // Files are created exclusively (O_EXCL), so each path must come once.
        let files = RenderedFile.lastOfEachPath(allFiles)
        let unwritten = files.filter { $0.stored == nil }
        // Files are written on every core, in two halves so that a fault can be injected between them.
        progress?.begin("Writing the pack", total: unwritten.count)
        let half = unwritten.count / 2
        try staging.store(unwritten[..<half], progress: progress)
        try faults.trip(.midWrite)
        try staging.store(unwritten[half...], progress: progress)
        // A committed `output/.gitkeep` survives rebuilds, so the work tree stays clean. It is made
        // anew and empty, never copied: what the old one holds (or, through a link, points at) is
        // nothing the build checked, and `verify` refuses a placeholder that is not empty.
        let keep = staging.target.appendingPathComponent(PackManifest.placeholderPath)
        var status = stat()
        if lstat(keep.path, &status) == 0 {
            try Self.check(FileSystemCalls.create(staging.folder.appendingPathComponent(PackManifest.placeholderPath).path, Data()), keep)
        }
        try faults.trip(.afterStagingWrite)
        try syncFolders(of: files, in: staging.folder)
        try faults.trip(.beforeSwap)
        try swap(staging.folder, into: staging.target)
    }

    /// Every file's contents, then every folder's entries, are made durable before the swap, so no
    /// crash can bring back a pack whose files were never written: one syncfs(2) for all the files
    /// (a sync per file cost a millisecond each), then an fsync per folder.
    private func syncFolders(of files: [RenderedFile], in staging: URL) throws {
        try Self.check(FileSystemCalls.syncFileSystem(staging.path), staging)
        let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent })
        for folder in folders.union([""]).sorted() {
            try Self.check(FileSystemCalls.syncFolder(staging.appendingPathComponent(folder).path), staging)
        }
    }

    private func swap(_ staging: URL, into target: URL) throws {
        // A process ending at once (`serve` stopped twice) may have removed the staging folder: no
        // swap then; and while one runs, that removal waits for it (`SwapGate`).
        guard SwapGate.shared.begin() else {
            throw DossierError(path: target.path, reason: .outputNotWritable("the build was stopped before its pack was swapped in"))
        }
        defer { SwapGate.shared.end() }
        let parent = target.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: target.path) else {
            try rename(staging, to: target)
            try Self.check(FileSystemCalls.syncFolder(parent), target)
            try faults.trip(.afterSwap)
            return
        }
        var previous = staging
        switch FileSystemCalls.exchange(staging.path, target.path) {
        case .done:
            break  // the staging name now holds the previous pack
        case .failed(let code):
            throw DossierError(path: target.path, reason: .outputNotWritable(String(cString: strerror(code))))
        case .unsupported:
            previous = target.deletingLastPathComponent().appendingPathComponent(Self.asidePrefix + "\(getpid())-\(UUID().uuidString)")
            try rename(target, to: previous)
            do {
                try rename(staging, to: target)
            } catch {
                try? rename(previous, to: target)
                throw error
            }
        }
        try Self.check(FileSystemCalls.syncFolder(parent), target)
        try faults.trip(.afterSwap)
        try? FileManager.default.removeItem(at: previous)
    }

    private func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw DossierError(path: to.path, reason: .outputNotWritable(String(cString: strerror(errno))))
        }
    }

    fileprivate static func check(_ outcome: FileSystemCalls.Outcome, _ url: URL) throws {
        if case .failed(let code) = outcome {
            throw DossierError(path: url.path, reason: .outputNotWritable("\(url.lastPathComponent): \(String(cString: strerror(code)))"))
        }
    }
}

/// A staging folder being filled: pages can be stored from any thread as soon as they are rendered,
/// so that the pack is never held in memory whole; `finish` writes the rest and swaps it into place,
/// and `abandon` removes it when the build cannot finish.
package final class PackStaging: @unchecked Sendable {
    package let writer: AuditPackWriter
    package let folder: URL
    package let target: URL
    /// The previous pack, when there is one to hard-link unchanged files from.
    package let previous: URL?
    private let lock = NSLock()
    private var folders: Set<String> = [""]
    /// The two folders' paths, to which each file's relative path is joined: making a URL for each
    /// of 10 000 pages took a sixth of the time spent writing them.
    private let folderPath: String
    private let previousPath: String?

    fileprivate init(writer: AuditPackWriter, staging: URL, target: URL, previous: URL?) {
        self.writer = writer
        self.folder = staging
        self.target = target
        self.previous = previous
        folderPath = staging.path
        previousPath = previous?.path
    }

    /// Writes the file now and returns it without its contents, with their size and hash kept for the manifest.
    package func store(_ file: RenderedFile) throws -> RenderedFile {
        try write(file)
        try writer.faults.trip(.whileRendering)
        return file.storedAway()
    }

    fileprivate func store(_ files: ArraySlice<RenderedFile>, progress: BuildProgress?) throws {
        let failures = ParallelMap.map(Array(files), progress: progress) { file -> DossierError? in
            do {
                try write(file)
                return nil
            } catch {
                return error as? DossierError ?? DossierError(path: file.path, reason: .outputNotWritable("\(error)"))
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    package func finish(_ files: [RenderedFile]) throws {
        do {
            try writer.finish(files, in: self)
        } catch {
            abandon()
            if let error = error as? DossierError { throw error }
            throw DossierError(path: target.path, reason: .outputNotWritable("\(error.localizedDescription)"))
        }
    }

    package func abandon() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ file: RenderedFile) throws {
        let parent = (file.path as NSString).deletingLastPathComponent
        if !lock.withLock({ folders.contains(parent) }) {
            do {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(parent), withIntermediateDirectories: true)
            } catch {
                throw DossierError(path: parent, reason: .outputNotWritable("the folder could not be created: \(error.localizedDescription)"))
            }
            _ = lock.withLock { folders.insert(parent) }
        }
        // A pack path is relative, its parts joined by "/" and never "." or "..", as PackPaths makes them.
        let path = folderPath + "/" + file.path
        if let previousPath, FileSystemCalls.link(previousPath + "/" + file.path, to: path, ifItHolds: file.contents) { return }
        if case .failed(let code) = FileSystemCalls.create(path, file.contents) {
            throw DossierError(path: file.path, reason: .outputNotWritable("the file could not be created: \(String(cString: strerror(code)))"))
        }
    }
}

/// Removes staging and set-aside folders that a crashed or killed build left beside the destination.
///
/// Only folders that carry the pack marker and whose build process is gone are removed: a folder
/// someone else put there, or one a concurrent build is still writing, is left alone.
package struct StaleFolderSweeper {
    package var parent: URL

    package init(parent: URL) {
        self.parent = parent
    }

    package func sweep() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            let prefix = [AuditPackWriter.stagingPrefix, AuditPackWriter.asidePrefix].first { name.hasPrefix($0) }
            guard let prefix else { continue }
            let folder = parent.appendingPathComponent(name)
            guard manager.fileExists(atPath: folder.appendingPathComponent(AuditPackWriter.markerName).path),
                  !Self.belongsToALiveProcess(String(name.dropFirst(prefix.count))) else { continue }
            try? manager.removeItem(at: folder)
        }
    }

    /// Removes this process's own staging folders, for a process ending mid-build (`serve` stopped
    /// twice). Never during a swap, nor after one began: `SwapGate` makes the writer and this agree, so
    /// the destination always holds a whole pack, old or new. A writer still storing pages into the
    /// folder meanwhile fails, and no swap follows.
    package func sweepOwn() {
        guard SwapGate.shared.abandon() else { return }
        let manager = FileManager.default
        let own = AuditPackWriter.stagingPrefix + "\(getpid())-"
        // A writer may still add a file while the tree is removed: tried again a few times.
        for attempt in 0..<5 {
            guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
            let ours = names.filter { $0.hasPrefix(own) }
            guard !ours.isEmpty else { return }
            for name in ours { try? manager.removeItem(at: parent.appendingPathComponent(name)) }
            if attempt < 4 { usleep(20_000) }
        }
    }

    /// `<pid>-<uuid>`; folders named before the PID was recorded count as stale.
    package static func belongsToALiveProcess(_ suffix: String) -> Bool {
        guard let dash = suffix.firstIndex(of: "-"), let pid = pid_t(suffix[..<dash]), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

/// Whether a pack may still be swapped in: a process that removes its staging folder before ending
/// (`StaleFolderSweeper.sweepOwn`) first abandons the swap, and waits for one already running.
final class SwapGate: @unchecked Sendable {
    static let shared = SwapGate()
    init() {}
    private let condition = NSCondition()
    private var swapping = false
    private var abandoned = false

    /// Before a swap: false once abandoned.
    func begin() -> Bool {
        condition.withLock {
            guard !abandoned else { return false }
            swapping = true
            return true
        }
    }

    func end() {
        condition.withLock {
            swapping = false
            condition.broadcast()
        }
    }

    /// No swap begins after this; true when none was running, false after waiting for the one that was
    /// (its pack is then in place, and its staging folder holds the previous pack, which it removes).
    func abandon() -> Bool {
        condition.withLock {
            abandoned = true
            guard swapping else { return true }
            while swapping { condition.wait() }
            return false
        }
    }
}
