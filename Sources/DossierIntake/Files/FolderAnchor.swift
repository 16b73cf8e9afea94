import DossierModel
import Foundation

/// A folder held open by its descriptor, so that what lies beneath it is opened relative to the
/// folder that was checked, not to a path that may since lead elsewhere.
///
/// Every component below the anchor is opened with `openat(…, O_NOFOLLOW)`: a file or folder
/// swapped for a symbolic link after discovery looked at it fails to open (`ELOOP`) instead of
/// leading out of the folder. A link the discoverer accepted is read at the path it resolved to,
/// which it checked lies inside. What this cannot see is a hard link: a file with another name
/// outside the folder is, to the kernel, the same file — the reader reports every file with more
/// than one name.
package final class FolderAnchor: @unchecked Sendable {
    /// The real path of the folder that was opened (links resolved), for checking where a link leads
    /// and that the folder opened is the one a check approved.
    package let path: String
    package let descriptor: Int32

    /// Opens `path` (following links: the user named it) as the anchor.
    package init(path: String) throws {
        let real = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let descriptor = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DossierError(path: path, reason: .unreadable(String(cString: strerror(errno))))
        }
        // The kernel names the folder actually opened: a link swapped in between resolving and opening shows here.
        self.path = Self.openedPath(descriptor) ?? real
        self.descriptor = descriptor
    }

    private static func openedPath(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = buffer.withUnsafeMutableBufferPointer { raw in
            raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { readlink("/proc/self/fd/\(descriptor)", $0, Int(PATH_MAX)) }
        }
        guard length > 0, buffer[0] == UInt8(ascii: "/") else { return nil }
        return String(decoding: buffer[0..<length], as: UTF8.self)
    }

    deinit { close(descriptor) }

    /// The folder at `path` (already resolved and approved by a check), or nil when what opens there
    /// is not that folder any more: a component swapped for a link since the check shows here.
    package static func exactly(_ path: String) -> FolderAnchor? {
        guard let anchor = try? FolderAnchor(path: path), anchor.path == path else { return nil }
        return anchor
    }

    /// Opens `relative` (components separated by `/`, none of them `..`) beneath the anchor without
    /// following any link; the caller owns the descriptor it returns.
    package func openFile(_ relative: String, flags: Int32 = O_RDONLY | O_NONBLOCK | O_NOCTTY) -> Result<Int32, FileReader.Failure> {
        let components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !components.isEmpty, !components.contains(".."), !components.contains(".") else {
            return .failure(.cannotOpen("'\(relative)' is not a path inside the folder"))
        }
        var parent = descriptor
        defer { if parent != descriptor { close(parent) } }
        for folder in components.dropLast() {
            let next = openat(parent, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else { return .failure(Self.failure(errno)) }
            if parent != descriptor { close(parent) }
            parent = next
        }
        let file = openat(parent, components[components.count - 1], flags | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { return .failure(Self.failure(errno)) }
        return .success(file)
    }

    /// Where `relative` really is (links resolved), as a path beneath the anchor; nil when it leads
    /// out (or nowhere). A link is resolved once, at discovery: reading then opens that path without following.
    package func resolved(_ relative: String) -> String? {
        guard case .inside(let target) = destination(of: relative) else { return nil }
        return target
    }

    /// Where a path through links leads, as the discoverer tells a user about it.
    package enum Destination: Equatable {
        /// A path beneath the anchor.
        case inside(String)
        /// The anchored folder itself (a link such as `up -> ..`).
        case anchor
        case outside
        /// Nothing is there, or the links go round in a circle.
        case nowhere(loops: Bool)
    }

    package func destination(of relative: String) -> Destination {
        guard let resolved = realpath(path + "/" + relative, nil) else { return .nowhere(loops: errno == ELOOP) }
        defer { free(resolved) }
        let target = String(cString: resolved)
        if target == path { return .anchor }
        guard target.hasPrefix(path == "/" ? "/" : path + "/") else { return .outside }
        return .inside(String(target.dropFirst(path == "/" ? 1 : path.count + 1)))
    }

    /// `ELOOP` from `O_NOFOLLOW` (or `ENOTDIR` for a folder) means something else now stands where discovery saw a file or folder.
    private static func failure(_ code: Int32) -> FileReader.Failure {
        code == ELOOP || code == ENOTDIR
            ? .cannotOpen("a symbolic link or another kind of entry now stands where a file or folder was; links are not followed when reading")
            : .cannotOpen(String(cString: strerror(code)))
    }
}
