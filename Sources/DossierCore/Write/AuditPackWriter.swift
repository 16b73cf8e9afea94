import Foundation

/// Stage 6: writes the pack so that readers only ever see a whole pack.
///
/// Files go to a staging folder beside the destination (same parent, so same filesystem), which is
/// synced and then swapped with the previous pack in one `renameat2(RENAME_EXCHANGE)`: the
/// destination always holds a whole pack, old or new. Where the exchange is not supported, two
/// `rename(2)` calls do the swap, with a brief moment when the destination is missing.
/// (`FileManager.replaceItemAt` fails on a non-empty folder on Linux.)
public struct AuditPackWriter: Sendable {
    /// Marks a folder as a Dossier pack, so a later build may replace it.
    public static let markerName = ".dossier-pack"
    static let stagingPrefix = ".dossier-staging-"
    static let asidePrefix = ".dossier-old-"

    public var faults: FaultInjection
    var progress: BuildProgress?

    public init(faults: FaultInjection = .none) {
        self.faults = faults
    }

    public func write(_ files: [RenderedFile], to destination: URL, guarding protected: [URL]) throws {
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
            try writeAll(files, into: staging, keepingFrom: target)
            try faults.trip(.afterStagingWrite)
            try syncFolders(of: files, in: staging)
            try faults.trip(.beforeSwap)
            try swap(staging, into: target)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? DossierError { throw error }
            throw DossierError(path: target.path, reason: .outputNotWritable("\(error.localizedDescription)"))
        }
    }

    private func writeAll(_ allFiles: [RenderedFile], into staging: URL, keepingFrom previous: URL) throws {
        let manager = FileManager.default
        // Files are created exclusively (O_EXCL), so each path must come once.
        let files = RenderedFile.lastOfEachPath(allFiles)
        try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        // The marker goes first, so that even a staging folder left by a crash mid-write can be recognised and swept.
        try create(staging.appendingPathComponent(Self.markerName), Data("dossier pack\n".utf8))
        for folder in Set(files.map { ($0.path as NSString).deletingLastPathComponent }).subtracting([""]).sorted() {
            try manager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Files are written on every core, in two halves so that a fault can be injected between them.
        progress?.begin("Writing the pack", total: files.count)
        let half = files.count / 2
        // A file the previous pack already holds byte for byte is hard-linked from it, not written again.
        let reusable = manager.fileExists(atPath: previous.appendingPathComponent(Self.markerName).path) ? previous : nil
        try writeInParallel(files[..<half], into: staging, reusing: reusable)
        try faults.trip(.midWrite)
        try writeInParallel(files[half...], into: staging, reusing: reusable)
        // A committed `output/.gitkeep` survives rebuilds, so the work tree stays clean.
        let keep = previous.appendingPathComponent(".gitkeep")
        if manager.fileExists(atPath: keep.path) {
            try create(staging.appendingPathComponent(".gitkeep"), try Data(contentsOf: keep))
        }
    }

    private func writeInParallel(_ files: ArraySlice<RenderedFile>, into staging: URL, reusing previous: URL?) throws {
        let outcomes = ParallelMap.map(Array(files), progress: progress) { file in
            let path = staging.appendingPathComponent(file.path).path
            if let previous, FileSystemCalls.link(previous.appendingPathComponent(file.path).path, to: path, ifItHolds: file.contents) {
                return (file.path, FileSystemCalls.Outcome.done)
            }
            return (file.path, FileSystemCalls.create(path, file.contents))
        }
        if let (path, failure) = outcomes.first(where: { $0.1 != .done }), case .failed(let code) = failure {
            throw DossierError(path: path, reason: .outputNotWritable("the file could not be created: \(String(cString: strerror(code)))"))
        }
    }

    /// One file, written without a sync of its own (see `syncFolders`).
    private func create(_ file: URL, _ contents: Data) throws {
        if case .failed(let code) = FileSystemCalls.create(file.path, contents) {
            throw DossierError(path: file.lastPathComponent, reason: .outputNotWritable("the file could not be created: \(String(cString: strerror(code)))"))
        }
    }

    /// Every file's contents, then every folder's entries, are made durable before the swap, so no
    /// crash can bring back a pack whose files were never written: one syncfs(2) for all the files
    /// (a sync per file cost a millisecond each), then an fsync per folder.
    private func syncFolders(of files: [RenderedFile], in staging: URL) throws {
        try check(FileSystemCalls.syncFileSystem(staging.path), staging)
        let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent })
        for folder in folders.union([""]).sorted() {
            try check(FileSystemCalls.syncFolder(staging.appendingPathComponent(folder).path), staging)
        }
    }

    private func swap(_ staging: URL, into target: URL) throws {
        let parent = target.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: target.path) else {
            try rename(staging, to: target)
            try check(FileSystemCalls.syncFolder(parent), target)
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
        try check(FileSystemCalls.syncFolder(parent), target)
        try faults.trip(.afterSwap)
        try? FileManager.default.removeItem(at: previous)
    }

    private func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw DossierError(path: to.path, reason: .outputNotWritable(String(cString: strerror(errno))))
        }
    }

    private func check(_ outcome: FileSystemCalls.Outcome, _ url: URL) throws {
        if case .failed(let code) = outcome {
            throw DossierError(path: url.path, reason: .outputNotWritable("sync failed: \(String(cString: strerror(code)))"))
        }
    }
}

/// Removes staging and set-aside folders that a crashed or killed build left beside the destination.
///
/// Only folders that carry the pack marker and whose build process is gone are removed: a folder
/// someone else put there, or one a concurrent build is still writing, is left alone.
struct StaleFolderSweeper {
    var parent: URL

    func sweep() {
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

    /// `<pid>-<uuid>`; folders named before the PID was recorded count as stale.
    static func belongsToALiveProcess(_ suffix: String) -> Bool {
        guard let dash = suffix.firstIndex(of: "-"), let pid = pid_t(suffix[..<dash]), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
