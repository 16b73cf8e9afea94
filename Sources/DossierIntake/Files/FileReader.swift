import Crypto
import DossierModel
import Foundation

/// The file layer: the only code that opens an input file — evidence, configuration, source-root
/// files, templates, a previous pack, a key. Each is opened once, checked on its open descriptor
/// (`fstat`: a regular file, within its size limit) and hashed as it is read; the rest of the
/// pipeline gets bytes, never a path to open again.
package enum FileReader {
    /// Files up to this size are read whole; a larger one (a log extract) stays open and is read in
    /// chunks by whoever needs it, so memory does not grow with it.
    package static let wholeLimit = 8 << 20

    package enum Failure: Error, Sendable, Equatable {
        case cannotOpen(String)
        case notARegularFile
        case tooLarge(Int)

        package var reason: String {
            switch self {
            case .cannotOpen(let why): why
            case .notARegularFile: "it is not a regular file"
            case .tooLarge(let size): "it is \(size) bytes"
            }
        }
    }

    /// What was read: the bytes, their SHA-256, and how many names (hard links) the file has.
    package struct Read: Sendable {
        package var bytes: FileBytes
        package var sha256: String
        package var linkCount: Int
    }

    /// Opens `path` once and reads it; nil `maxBytes` for no limit. For files the user named (a key,
    /// a template, a previous pack); evidence is read beneath its folder's anchor.
    package static func read(_ path: String, maxBytes: Int? = nil) -> Result<Read, Failure> {
        raiseDescriptorLimitOnce
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer; fstat then refuses it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        return read(descriptor: descriptor, maxBytes: maxBytes)
    }

    /// Opens `relative` beneath `anchor` without following a link in any component, and reads it.
    package static func read(_ relative: String, beneath anchor: FolderAnchor, maxBytes: Int? = nil) -> Result<Read, Failure> {
        raiseDescriptorLimitOnce
        return anchor.openFile(relative).flatMap { read(descriptor: $0, maxBytes: maxBytes) }
    }

    /// Reads a discovered evidence file beneath its folder: at the path discovery resolved it to.
    /// With `memory`, a file whose open descriptor shows it unchanged since it was last read is not
    /// read or hashed again.
    package static func read(
        _ file: EvidenceFile, beneath anchor: FolderAnchor, maxBytes: Int? = nil, memory: ReadMemory? = nil
    ) -> Result<(InputFile, linkCount: Int), Failure> {
        raiseDescriptorLimitOnce
        return anchor.openFile(file.source)
            .flatMap { read(descriptor: $0, maxBytes: maxBytes, memory: memory.map { ($0, file.source) }) }
            .map { (InputFile(file: file, bytes: $0.bytes, sha256: $0.sha256), $0.linkCount) }
    }

    /// Reads a file its caller opened (with `O_NONBLOCK`, so that a FIFO did not block the open):
    /// checks the open descriptor (`fstat`: a regular file within the limit) and takes it over —
    /// closed here, or kept by the bytes of a large file.
    package static func read(descriptor: Int32, maxBytes: Int? = nil, memory: (ReadMemory, path: String)? = nil) -> Result<Read, Failure> {
        raiseDescriptorLimitOnce
        let checked = ReadMemory.now()
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return .failure(.notARegularFile)
        }
        let size = Int(info.st_size)
        if let maxBytes, size > maxBytes {
            close(descriptor)
            return .failure(.tooLarge(size))
        }
        let links = Int(info.st_nlink)
        let key = memory.map { ReadMemory.Key(path: $0.path, status: info) }
        if let memory, let key, var known = memory.0.recall(key) {
            close(descriptor)
            known.linkCount = links
            return .success(known)
        }
        let file = OpenFile(descriptor: descriptor, size: size)
        if size <= wholeLimit {
            let data = file.read(offset: 0, count: size)
            let read = Read(bytes: .whole(data), sha256: ContentHash.sha256(data), linkCount: links)
            // Only a file read whole: a larger one's bytes hold its descriptor open. And only one last
            // changed well before this read: the kernel stamps times at a tick of a few milliseconds, so
            // a file written again within the tick it was read in would look unchanged ("racy git").
            if let memory, let key, ReadMemory.settled(info, before: checked) { memory.0.remember(read, under: key) }
            return .success(read)
        }
        var hasher = SHA256()
        let bytes = FileBytes.open(file)
        bytes.forEachChunk { chunk in
            hasher.update(data: chunk)
            return true
        }
        return .success(Read(bytes: bytes, sha256: ContentHash.hex(hasher.finalize()), linkCount: links))
    }

    /// Every large file stays open for the build: lift the soft limit on descriptors to the hard one.
    private static let raiseDescriptorLimitOnce: Void = {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }()
}
