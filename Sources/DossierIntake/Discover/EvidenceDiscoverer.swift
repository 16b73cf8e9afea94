import DossierModel
import Foundation

/// Stage 1: lists the files in the evidence folder, sorted by path.
///
/// It reads nothing outside the folder: the walk opens each folder relative to its parent's
/// descriptor without following links, symbolic links to files are resolved once (and only when
/// they stay inside), hidden entries (`.git`, `.DS_Store`, swap files) are skipped, and editors'
/// backups and system files (`ScratchFileName`) are skipped with a note.
package struct EvidenceDiscoverer: Sendable {
    package var limits: InputLimits

    package init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    /// `anchor`: the folder as the snapshot opened it (the reader opens files beneath the same one).
    package func discover(in folder: URL, anchor: FolderAnchor? = nil, diagnostics: DiagnosticEngine) throws -> [EvidenceFile] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw DossierError(path: folder.relativePath, reason: .evidenceFolderNotFound)
        }
        guard isDirectory.boolValue else {
            throw DossierError(path: folder.relativePath, reason: .evidenceFolderNotADirectory)
        }
        let anchor = try anchor ?? FolderAnchor(path: root.path)
        var found: [EvidenceFile] = []
        do {
            let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
            try walk(anchor.descriptor, relative: "", rootPath: rootPath, anchor: anchor, into: &found, diagnostics: diagnostics)
        } catch is TooManyFiles {
            // The walk stops at the first file over the limit, so a folder of millions costs no more than the limit.
            diagnostics.report(Diagnostic(
                .error, DiagnosticID.limitsTooManyFiles,
                "Evidence folder holds more than the limit of \(limits.maxFileCount) files; only the first \(limits.maxFileCount) (folder by folder, by name) are read"))
            found.removeLast()
        }
        found.sort { $0.path < $1.path }
        return found
    }

    private struct TooManyFiles: Error {}

    /// The longest path (in bytes) a file may have to be read: its page, under the output folder and
    /// `evidence/`, must stay within the system's limit on a path (4096 bytes on Linux).
    static let longestPath = 1024

    /// Lists the folder open at `directory` (the caller's descriptor) and walks into its folders.
    private func walk(
        _ directory: Int32, relative: String, rootPath: String, anchor: FolderAnchor, into found: inout [EvidenceFile], diagnostics: DiagnosticEngine
    ) throws {
        let entries: DirectoryListing.Entries
        do {
            entries = try DirectoryListing.entries(of: directory, path: relative.isEmpty ? String(rootPath.dropLast()) : relative)
        } catch {
            if relative.isEmpty { throw error }
            diagnostics.report(Diagnostic(.error, DiagnosticID.discoverUnreadable, "Folder cannot be read", file: relative))
            return
        }
        // A name that is not UTF-8 cannot be a page's path or a link: it is reported and skipped, and
        // never stands in the manifest for content that was not read.
        for name in entries.invalid where !name.hasPrefix(".") {
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.discoverInvalidName,
                "File name is not valid UTF-8 (shown with \u{FFFD} for each bad byte), so it is not read; rename it",
                file: relative.isEmpty ? name : relative + "/" + name))
        }
        for name in entries.names where !name.hasPrefix(".") {
            let path = relative.isEmpty ? name : relative + "/" + name
            guard let entry = inspect(name, in: directory, path: path, anchor: anchor, diagnostics: diagnostics) else { continue }
            // A page is written at the file's path inside the pack: past this length the folders for
            // it cannot be made, and the whole build would stop.
            if !entry.isDirectory, path.utf8.count > Self.longestPath {
                diagnostics.report(Diagnostic(
                    .warning, DiagnosticID.discoverPathTooLong,
                    "Path is \(path.utf8.count) bytes long, more than the \(Self.longestPath) a page of the pack can be written under, so it is not read; shorten the names of its folders",
                    file: path))
                continue
            }
            // Files only: a folder named `2023.bak` or `policies.orig` holds what it holds.
            if !entry.isDirectory, let scratch = ScratchFileName.kind(of: name) {
                diagnostics.report(Diagnostic(
                    .note, DiagnosticID.discoverScratchFile, "File looks like \(scratch.description), so it is not read; delete it, or rename it if it is evidence",
                    file: path))
                continue
            }
            if entry.isDirectory {
                // Opened relative to its parent without following: a folder swapped for a link since it was listed is not entered.
                let child = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else {
                    diagnostics.report(Diagnostic(.error, DiagnosticID.discoverUnreadable, "Folder cannot be read", file: path))
                    continue
                }
                defer { close(child) }
                try walk(child, relative: path, rootPath: rootPath, anchor: anchor, into: &found, diagnostics: diagnostics)
            } else if entry.size > limit(for: path) {
                diagnostics.report(Diagnostic(
                    .error, DiagnosticID.limitsFileTooLarge,
                    "File is \(entry.size) bytes, more than the limit of \(limit(for: path)); it is not read", file: path))
            } else {
                found.append(EvidenceFile(path: path, location: rootPath + path, size: entry.size, source: entry.source))
                if found.count > limits.maxFileCount { throw TooManyFiles() }
            }
        }
    }

    /// JSON Lines extracts are streamed, so they may be far larger than files read whole.
    private func limit(for path: String) -> Int {
        EvidenceFile.Format(pathExtension: PackPaths.pathExtension(path)) == .jsonLines ? limits.maxLogBytes : limits.maxFileBytes
    }

    private struct Entry { var isDirectory: Bool; var size: Int; var source: String? = nil }

    /// Classifies one directory entry, refusing links that lead out of the evidence folder.
    private func inspect(_ name: String, in directory: Int32, path: String, anchor: FolderAnchor, diagnostics: DiagnosticEngine) -> Entry? {
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        var source: String?
        if (info.st_mode & S_IFMT) == S_IFLNK {
            let target: String
            switch anchor.destination(of: path) {
            case .inside(let inside): target = inside
            case .anchor:
                diagnostics.report(Diagnostic(
                    .note, DiagnosticID.discoverLinkedFolder, "Symbolic link to the evidence folder itself is not followed", file: path))
                return nil
            case .outside:
                diagnostics.report(Diagnostic(
                    .error, DiagnosticID.discoverLinkOutside, "Symbolic link points outside the evidence folder; it is not read", file: path))
                return nil
            case .nowhere(let loops):
                diagnostics.report(Diagnostic(
                    .warning, DiagnosticID.discoverBrokenLink,
                    loops ? "Symbolic link leads round in a loop (to itself, or through links back to it)" : "Symbolic link is broken", file: path))
                return nil
            }
            guard fstatat(anchor.descriptor, target, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                diagnostics.report(Diagnostic(.warning, DiagnosticID.discoverBrokenLink, "Symbolic link is broken", file: path))
                return nil
            }
            // A linked folder is read where it really is; following it too could loop or count files twice.
            if (info.st_mode & S_IFMT) == S_IFDIR {
                diagnostics.report(Diagnostic(.note, DiagnosticID.discoverLinkedFolder, "Symbolic link to a folder is not followed", file: path))
                return nil
            }
            source = target
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return Entry(isDirectory: true, size: 0)
        case S_IFREG: return Entry(isDirectory: false, size: Int(info.st_size), source: source)
        default:
            diagnostics.report(Diagnostic(.warning, DiagnosticID.discoverNotAFile, "Entry is neither a file nor a folder; it is skipped", file: path))
            return nil
        }
    }
}
