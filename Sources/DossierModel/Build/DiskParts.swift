import Crypto
import Foundation

/// The SHA-256 of everything a value depends on, for `DiskParts`: unlike Swift's `Hasher`, which is
/// seeded anew in every process, the same inputs give the same key in the next build. Each piece is
/// written with its length first, so that ("ab", "c") and ("a", "bc") never meet.
package struct PartKey: Sendable, Hashable {
    package let hex: String

    package init(_ kind: String, _ build: (inout Builder) -> Void) {
        var builder = Builder()
        builder.add(kind)
        build(&builder)
        builder.flush()
        hex = ContentHash.hex(builder.hasher.finalize())
    }

    /// Pieces are gathered and hashed in large blocks: a view is thousands of short texts, and
    /// hashing each on its own cost more than the rest of the key.
    package struct Builder {
        fileprivate var hasher = SHA256()
        private var buffer: [UInt8] = []

        init() {
            buffer.reserveCapacity(Self.block)
        }

        private static let block = 1 << 16

        package mutating func add(_ text: String) {
            count(text.utf8.count)
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.block { flush() }
        }

        package mutating func add(_ bytes: some DataProtocol) {
            count(bytes.count)
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.block { flush() }
        }

        package mutating func add(_ number: Int) {
            count(number)
        }

        package mutating func add(_ flag: Bool) {
            count(flag ? 1 : 0)
        }

        /// Everything about a file that a value made from it may show: its names, format and size.
        package mutating func add(_ file: EvidenceFile) {
            add(file.path)
            add(file.published)
            add(file.source)
            add(file.format.rawValue)
            add(file.size)
        }

        /// Eight bytes, little-endian.
        private mutating func count(_ number: Int) {
            let value = UInt64(bitPattern: Int64(number))
            for shift in stride(from: 0, to: 64, by: 8) { buffer.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }

        fileprivate mutating func flush() {
            buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

/// What one build made, kept on disk beside the pack for the next (`dossier build` after an edit), as
/// `BuildMemo` keeps it in memory for `serve`: each value under a `PartKey` of everything it depends
/// on, so a value found is the value the build would make.
///
/// Never trusted: each part holds its key and the SHA-256 of its bytes, and one that is truncated,
/// corrupted or filed under another key is discarded (and made again). The folder is emptied when
/// it was written by another dossier binary or format (`generation`), since the code that made a
/// part is part of what it depends on. A build keeps only the parts it used: once it has finished,
/// `finishBuild` removes the rest, so the folder holds one build's worth.
package final class DiskParts: @unchecked Sendable {
    package static let formatVersion = "dossier-parts-1"
    package let folder: URL
    private let lock = NSLock()
    private var used: Set<String> = []
    /// How many parts this build found, for the timings and the tests.
    private var found = 0

    private let stamp: Data
    /// Whether the folder holds parts of this generation: until a part is stored, nothing is written
    /// (a build refused its output folder leaves no trace), and nothing of another generation is read.
    private var state: State
    private enum State { case current, absent, unwritable }

    package init(folder: URL, generation: String) {
        self.folder = folder
        stamp = Data((Self.formatVersion + "\n" + generation + "\n").utf8)
        state = FileManager.default.contents(atPath: folder.appendingPathComponent("generation").path) == stamp ? .current : .absent
    }

    /// How many parts the build so far found instead of making.
    package var recalled: Int { lock.withLock { found } }

    private func url(_ key: PartKey) -> URL {
        folder.appendingPathComponent(String(key.hex.prefix(2))).appendingPathComponent(key.hex)
    }

    /// The bytes stored under `key` by an earlier build, when they are whole and truly under that key.
    package func data(_ key: PartKey) -> Data? {
        guard lock.withLock({ used.insert(key.hex); return state == .current }) else { return nil }
        guard let stored = FileManager.default.contents(atPath: url(key).path) else { return nil }
        guard let payload = Self.payload(of: stored, key: key) else {
            try? FileManager.default.removeItem(at: url(key))
            return nil
        }
        lock.withLock { found += 1 }
        return payload
    }

    /// Keeps `data` under `key` for the next build; a part that cannot be written is simply not kept.
    package func store(_ data: Data, _ key: PartKey) {
        guard lock.withLock({ used.insert(key.hex); return prepared() }) else { return }
        let target = url(key)
        var part = Data(Self.header(key: key, payload: data).utf8)
        part.append(data)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Written beside the target and renamed over it, so that no reader meets half a part.
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(key.hex).\(getpid()).\(UInt64.random(in: 0...UInt64.max))")
        guard (try? part.write(to: temporary)) != nil else { return }
        if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Makes the folder anew, stamped with this generation, the first time a part is stored (under the lock).
    private func prepared() -> Bool {
        if state == .absent {
            let manager = FileManager.default
            try? manager.removeItem(at: folder)
            let made = (try? manager.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
                && (try? stamp.write(to: folder.appendingPathComponent("generation"), options: .atomic)) != nil
            state = made ? .current : .unwritable
        }
        return state == .current
    }

    /// Removes every part this build did not use (and leftovers of a write that was stopped).
    package func finishBuild() {
        let (kept, current) = lock.withLock { (used, state == .current) }
        guard current else { return }
        let manager = FileManager.default
        for shard in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where shard.count == 2 {
            let shardURL = folder.appendingPathComponent(shard)
            for name in (try? manager.contentsOfDirectory(atPath: shardURL.path)) ?? [] where !kept.contains(name) {
                try? manager.removeItem(at: shardURL.appendingPathComponent(name))
            }
        }
    }

    private static func header(key: PartKey, payload: Data) -> String {
        "\(formatVersion)\n\(key.hex)\n\(ContentHash.sha256(payload))\n"
    }

    /// The payload of a stored part, checked against its header; nil for anything else.
    static func payload(of stored: Data, key: PartKey) -> Data? {
        // Three lines: the format, the key (64 hex digits) and the payload's SHA-256 (64 hex digits).
        let headerLength = formatVersion.utf8.count + 1 + 65 + 65
        guard stored.count >= headerLength else { return nil }
        let payload = stored.subdata(in: stored.startIndex + headerLength..<stored.endIndex)
        guard stored.prefix(headerLength).elementsEqual(header(key: key, payload: payload).utf8) else { return nil }
        return payload
    }
}

/// Writes a part's payload: bytes, counts (4 bytes, little-endian) and texts (a count, then UTF-8).
package struct PartWriter {
    package private(set) var data = Data()

    package init() {}

    package mutating func byte(_ value: UInt8) {
        data.append(value)
    }

    package mutating func count(_ value: Int) {
        let value = UInt32(clamping: value)
        for shift in stride(from: 0, to: 32, by: 8) { data.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    package mutating func text(_ text: String) {
        count(text.utf8.count)
        data.append(contentsOf: text.utf8)
    }

    package mutating func bytes(_ bytes: Data) {
        data.append(bytes)
    }
}

/// Reads what `PartWriter` wrote, each step nil past the end.
package struct PartReader {
    private let bytes: Data
    private var offset: Int

    package init(_ bytes: Data) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    package var atEnd: Bool { offset == bytes.endIndex }

    package mutating func byte() -> UInt8? {
        guard offset < bytes.endIndex else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func count() -> Int? {
        guard bytes.endIndex - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for shift in 0..<4 { value |= UInt32(bytes[offset + shift]) << (8 * shift) }
        offset += 4
        return Int(value)
    }

    package mutating func text() -> String? {
        guard let count = count(), bytes.endIndex - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// Everything not read yet.
    package mutating func rest() -> Data {
        defer { offset = bytes.endIndex }
        return bytes.subdata(in: offset..<bytes.endIndex)
    }
}
