import DossierModel
import Foundation

/// A second copy of the pack beside it (`.dossier-cache/<pack>.spare`), sharing every file with it by
/// hard link but the few the last patch build wrote. A patch build makes the spare the new pack (the
/// differing files linked again, the patched ones written) and swaps it with the pack in one
/// `renameat2(RENAME_EXCHANGE)`: readers see the old pack or the new one, never a mix, and the build
/// neither carries 10 000 files into a staging folder nor removes 10 000 after the swap. The old pack
/// is the next spare.
///
/// Validated, never trusted: each of its folders is named by inode number and status-change time
/// (a file added, removed or renamed in it changes them), and a file it shares with the pack is the
/// pack's own inode, which the pack's fingerprint vouches for. Anything else is made again from the pack.
package struct PackSpare: Sendable {
    package struct State: Sendable, Equatable {
        /// Every folder of the spare, its root as "", with its inode number and status-change time.
        package var folders: [String: String]
        /// The files of the spare that are not the pack's: those the last patch wrote.
        package var differing: [String]

        func write(to writer: inout PartWriter) {
            writer.count(folders.count)
            for path in folders.keys.sorted() {
                writer.text(path)
                writer.text(folders[path]!)
            }
            writer.count(differing.count)
            differing.forEach { writer.text($0) }
        }

        init(folders: [String: String], differing: [String]) {
            self.folders = folders
            self.differing = differing
        }

        init?(from reader: inout PartReader) {
            guard let count = reader.count(), count <= reader.remaining else { return nil }
            folders = [:]
            for _ in 0..<count {
                guard let path = reader.text(), let identity = reader.text() else { return nil }
                folders[path] = identity
            }
            guard let paths = reader.count(), paths <= reader.remaining else { return nil }
            differing = []
            for _ in 0..<paths {
                guard let path = reader.text() else { return nil }
                differing.append(path)
            }
        }
    }

    /// The pack as its listing describes it: only files and folders (anything else, no patch).
    package struct Layout: Sendable {
        package var folders: [String]
        package var files: [String]

        /// nil when the listing holds a link, a special file or an unreadable entry.
        package init?(listing: [String]) {
            folders = []
            files = []
            for line in listing {
                if line.hasPrefix("folder ") {
                    folders.append(String(line.dropFirst("folder ".count)))
                } else if let path = BuildCache.path(ofFileLine: line) {
                    files.append(path)
                } else {
                    return nil
                }
            }
        }
    }

    package let folder: URL
    package let pack: URL

    package init(pack: URL, cacheFolder: URL) {
        self.pack = pack
        folder = cacheFolder.appendingPathComponent(pack.lastPathComponent + ".spare")
    }

    /// Removes the spare: a full build links unchanged pages from the pack only when no other name
    /// shares them (`FileSystemCalls.link`), and the spare's names would. Waits for a patch build
    /// using it: a spare half removed must never be swapped in.
    package func discard() {
        var status = stat()
        guard lstat(folder.path, &status) == 0 else { return }
        _ = locked(waiting: true) { remove() }
    }

    private func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `work` while no other build uses the spare (an advisory lock on `<pack>.spare.lock`,
    /// released when the process ends); nil, without running it, when another holds it and `waiting` is false.
    func locked<T>(waiting: Bool, _ work: () -> T) -> T? {
        let lock = folder.path + ".lock"
        let descriptor = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | (waiting ? 0 : LOCK_NB)) == 0 else { return nil }
        defer { flock(descriptor, LOCK_UN) }
        return work()
    }

    /// Makes the spare hold the pack's files, `state` saying which differ; made anew from the pack
    /// when there is no state or the spare is not as it says. False when it cannot be made. Called
    /// with the spare `locked`.
    /// `shared`: whether every file but the differing ones was found to be the pack's own (`holds`).
    func prepare(_ state: State?, layout: Layout, shared: Bool) -> (ok: Bool, anew: Bool) {
        let files = Set(layout.files)
        if let state, shared, state.differing.allSatisfy(files.contains),
           state.folders.allSatisfy({ Self.identity(folder.appendingPathComponent($0.key).path) == $0.value }) {
            for path in state.differing {
                let target = folder.path + "/" + path
                if unlink(target) != 0 && errno != ENOENT { return (false, false) }
                if Foundation.link(pack.path + "/" + path, target) != 0 { return (false, false) }
            }
            return (true, false)
        }
        remove()
        guard mkdir(folder.path, 0o755) == 0 else { return (false, true) }
        for path in layout.folders where mkdir(folder.path + "/" + path, 0o755) != 0 { return (false, true) }
        for path in layout.files where Foundation.link(pack.path + "/" + path, folder.path + "/" + path) != 0 { return (false, true) }
        return (true, true)
    }

    /// Whether each of `paths` in the spare is the very file (inode) `listing` names: another build may
    /// have swapped its own pack in while the spare was being linked from the pack's path, and a spare
    /// mixing two packs must never be swapped in. `paths` nil: every file of the listing but `except`
    /// (a walk of the spare, whose every file but those the last patch wrote is the pack's own).
    func holds(_ listing: [String], paths: Set<String>?, except: Set<String> = []) -> Bool {
        let tree = paths == nil ? PackTree(walking: folder) : nil
        if paths == nil, tree == nil { return false }
        for line in listing {
            guard let (path, inode) = BuildCache.file(ofLine: line), paths?.contains(path) ?? true, !except.contains(path) else { continue }
            if let tree {
                guard tree[path]?.kind == .file, tree[path]?.inode == inode else { return false }
            } else {
                var status = stat()
                guard lstat(folder.path + "/" + path, &status) == 0, UInt64(status.st_ino) == inode else { return false }
            }
        }
        return true
    }

    /// Puts `file` in the spare in place of what it held there (never writing into a shared inode).
    func replace(_ file: RenderedFile) -> Bool {
        let target = folder.path + "/" + file.path
        if unlink(target) != 0 && errno != ENOENT { return false }
        return FileSystemCalls.create(target, file.contents) == .done
    }

    /// Makes the spare's files and the folders of `written` durable, then swaps it with the pack.
    func swap(written: [String]) -> FileSystemCalls.Outcome {
        if case .failed(let code) = FileSystemCalls.syncFileSystem(folder.path) { return .failed(code) }
        for path in Set(written.map { ($0 as NSString).deletingLastPathComponent }).sorted() {
            if case .failed(let code) = FileSystemCalls.syncFolder(folder.appendingPathComponent(path).path) { return .failed(code) }
        }
        let outcome = FileSystemCalls.exchange(folder.path, pack.path)
        if outcome == .done { _ = FileSystemCalls.syncFolder(pack.deletingLastPathComponent().path) }
        return outcome
    }

    /// The spare's state once it holds the pack that was just swapped out: only `written` differ. nil
    /// unless each of its folders is the one the pack had when it was checked (`ofPack`, by inode).
    func state(folders: [String], written: [String], ofPack inodes: [String: UInt64]) -> State? {
        var identities: [String: String] = [:]
        for path in [""] + folders {
            var status = stat()
            let location = path.isEmpty ? folder.path : folder.path + "/" + path
            guard lstat(location, &status) == 0, UInt64(status.st_ino) == inodes[path], let identity = Self.identity(location) else { return nil }
            identities[path] = identity
        }
        return State(folders: identities, differing: written)
    }

    /// A folder's inode number and status-change time, read without following a link; nil for anything but a folder.
    static func identity(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return "\(status.st_ino) \(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)"
    }
}
