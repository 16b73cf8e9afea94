import Foundation

/// What one build made, kept on disk beside the pack for the next (`dossier build` after an edit), as
/// `BuildMemo` keeps it in memory for `serve`: each value under a `PartKey` of everything it depends
/// on, so a value found is the value the build would make.
///
/// Parts live in a few large files, not one file each: making 28 000 small files took a first build
/// at 10 000 evidence files from 13 s to 24 s. Each build appends the parts it makes to one new
/// segment file, and at its end writes the index (key → segment, offset, length) of every part it
/// used, so the next build finds them; a segment no part in the index lives in any more is removed,
/// and one mostly dead has its live parts copied into the new segment first, so the folder stays
/// within about twice one build's worth.
///
/// Never trusted: each part holds its key and the SHA-256 of its bytes, and one that is cut short,
/// corrupted or filed under another key is not used (and made again); the index carries its own
/// SHA-256. The folder is emptied when it was written by another dossier binary or format
/// (`generation`), since the code that made a part is part of what it depends on.
///
/// The parts hold what the evidence holds (Markdown bodies before personal data is redacted), so the
/// folder is made readable by its owner alone, and nothing is written before the build has opened
/// its output folder (`allowWrites`): a build refused its destination leaves nothing. Parts made
/// before then wait in memory, each with the file it came from; a file the secret scan withheld, or
/// one read twice (too large to hold: what was parsed need not be what was hashed), has none of its
/// parts kept.
package final class DiskParts: @unchecked Sendable {
    package static let formatVersion = "dossier-parts-3"
    package let folder: URL
    private let lock = NSLock()
    private let stamp: Data
    private var state: State
    private enum State { case current, absent, unwritable }

    struct Entry {
        var segment: String
        var offset: Int
        var length: Int
    }

    /// The parts the last build left, by key: the index is read when a part is first asked for (a
    /// build the cache replays or patches never asks; read at once, it cost those builds 30 ms).
    private var lastEntries: [String: Entry]?
    private var entries: [String: Entry] {
        get {
            if let lastEntries { return lastEntries }
            let read = state == .current ? Self.readIndex(at: folder.appendingPathComponent("index")) ?? [:] : [:]
            lastEntries = read
            return read
        }
        set { lastEntries = newValue }
    }
    /// The parts this build used or made, by key: the next build's index.
    private var used: [String: Entry] = [:]
    private var mapped: [String: Data] = [:]
    private var segment: (name: String, handle: FileHandle, offset: Int)?
    private var found = 0
    /// Parts made before the output folder was opened, with the evidence file each came from.
    private var pending: [(key: PartKey, part: Data, file: String?)] = []
    private var writable = false
    /// The evidence files nothing made from is kept (`allowWrites`).
    private var unkept: Set<String> = []

    /// Whether a part's bytes may be written at all (the secret scan, given by the caller).
    private let admits: @Sendable (Data) -> Bool

    package init(folder: URL, generation: String, admits: @escaping @Sendable (Data) -> Bool = { _ in true }) {
        self.folder = folder
        self.admits = admits
        stamp = Data((Self.formatVersion + "\n" + generation + "\n").utf8)
        state = FileManager.default.contents(atPath: folder.appendingPathComponent("generation").path) == stamp ? .current : .absent
        // A folder made looser since (or by an older version) is made the owner's alone again; one
        // that cannot be is not used.
        if state == .current, chmod(folder.path, 0o700) != 0 { state = .unwritable }
    }

    /// How many parts the build so far found instead of making.
    package var recalled: Int { lock.withLock { found } }

    /// The bytes stored under `key` by an earlier build, when they are whole and truly under that key.
    package func data(_ key: PartKey) -> Data? {
        // Slices of the mapped segment, not copies: a build reads every page it carries over.
        guard let (entry, stored) = lock.withLock({ () -> (Entry, Data)? in
            guard let entry = entries[key.hex], let bytes = map(entry.segment),
                  entry.offset >= 0, entry.length >= 0, entry.offset + entry.length <= bytes.count else { return nil }
            return (entry, bytes[bytes.startIndex + entry.offset..<bytes.startIndex + entry.offset + entry.length])
        }), let payload = Self.payload(of: stored, key: key) else { return nil }
        lock.withLock {
            used[key.hex] = entry
            found += 1
        }
        return payload
    }

    /// Keeps the part under `key`, unread, for the next build (a page recalled without the body it
    /// was made with keeps the body for when the page is made again).
    package func retain(_ key: PartKey) {
        lock.withLock {
            if let entry = entries[key.hex] { used[key.hex] = entry }
        }
    }

    /// Keeps `data` under `key` for the next build; a part that cannot be written is simply not kept.
    /// `file`: the evidence file it was made from, when what becomes of that file may keep it out.
    package func store(_ data: Data, _ key: PartKey, from file: String? = nil) {
        guard admits(data) else { return }
        var part = Data(Self.header(key: key, payload: data).utf8)
        part.append(data)
        lock.withLock {
            guard writable else { return pending.append((key, part, file)) }
            if !(file.map(unkept.contains) ?? false) { write(part, key) }
        }
    }

    /// The build has opened its output folder: parts are written from now on, and those made before
    /// are, but for the ones made from `unkept` files (withheld for a secret, or read twice).
    package func allowWrites(keepingNothingFrom unkept: Set<String>) {
        lock.withLock {
            writable = true
            self.unkept = unkept
            for waiting in pending where !(waiting.file.map(unkept.contains) ?? false) { write(waiting.part, waiting.key) }
            pending = []
        }
    }

    /// The build failed: what it wrote goes, and the last build's index stays as it was.
    package func abandonBuild() {
        lock.withLock {
            pending = []
            guard let open = segment else { return }
            try? open.handle.close()
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(open.name))
            segment = nil
        }
    }

    /// The disk is full: every part goes, the last builds' too, to make room for the pack, and none
    /// is written by this instance again.
    package func removeAll() {
        lock.withLock {
            pending = []
            try? segment?.handle.close()
            segment = nil
            // Unmapped first: a file still mapped keeps its space until it is.
            mapped = [:]
            entries = [:]
            used = [:]
            state = .unwritable
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Writes the index of the parts this build used, and removes the segments none of them is in.
    /// Called once the pack is written: a build that failed leaves the last build's parts as they were.
    package func finishBuild() {
        lock.withLock {
            guard state == .current else { return }
            compact()
            try? segment?.handle.close()
            segment = nil
            mapped = [:]
            let index = folder.appendingPathComponent("index")
            guard (try? Self.indexData(used).write(to: index, options: .atomic)) != nil else { return }
            let live = Set(used.values.map(\.segment))
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix("segment-") && !live.contains(name) && !Self.isBeingWritten(name) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    // MARK: Under the lock

    private func write(_ part: Data, _ key: PartKey) {
        guard let offset = append(part) else { return }
        used[key.hex] = Entry(segment: segment!.name, offset: offset, length: part.count)
    }

    /// Whether another process that is still running writes this segment (a build of the same pack
    /// at the same time): its parts may yet be indexed. Those of a process gone (a build killed) go.
    private static func isBeingWritten(_ name: String) -> Bool {
        let pieces = name.split(separator: "-")
        guard pieces.count == 3, let pid = pid_t(pieces[1]), pid != getpid() else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// `segment-<pid>-<number>`: the only names the index may send a read to.
    private static func isSegmentName(_ name: String) -> Bool {
        let pieces = name.split(separator: "-", omittingEmptySubsequences: false)
        return pieces.count == 3 && pieces[0] == "segment" && pieces.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    private func map(_ name: String) -> Data? {
        if let bytes = mapped[name] { return bytes }
        let url = folder.appendingPathComponent(name)
        // A regular file of this folder, never a link or a device an index could name.
        var status = stat()
        guard Self.isSegmentName(name), lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
              let bytes = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        mapped[name] = bytes
        return bytes
    }

    /// Appends a part to this build's segment (made on the first part); its offset, or nil.
    private func append(_ part: Data) -> Int? {
        if state == .absent {
            // The first part of a new generation: the folder is made anew, stamped.
            let manager = FileManager.default
            try? manager.removeItem(at: folder)
            // Readable by its owner alone: the parts hold evidence as it is, before redaction.
            let made = (try? manager.createDirectory(
                at: folder.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
                && (try? manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
                && (try? stamp.write(to: folder.appendingPathComponent("generation"), options: .atomic)) != nil
            state = made ? .current : .unwritable
            entries = [:]
        }
        guard state == .current else { return nil }
        if segment == nil {
            let name = "segment-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = try? FileHandle(forWritingTo: url) else {
                state = .unwritable
                return nil
            }
            segment = (name, handle, 0)
        }
        guard (try? segment!.handle.write(contentsOf: part)) != nil else {
            // A full disk: this build's segment goes at once, so that it does not hold the space the pack needs.
            state = .unwritable
            let name = segment!.name
            try? segment!.handle.close()
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            segment = nil
            used = used.filter { $0.value.segment != name }
            return nil
        }
        defer { segment!.offset += part.count }
        return segment!.offset
    }

    /// The live parts of an older segment that is mostly dead are copied into this build's, so that
    /// the older one can go.
    private func compact() {
        let current = segment?.name
        let bySegment = Dictionary(grouping: used.filter { $0.value.segment != current }, by: \.value.segment)
        for (name, parts) in bySegment {
            let liveBytes = parts.reduce(0) { $0 + $1.value.length }
            guard let bytes = map(name), liveBytes * 2 < bytes.count else { continue }
            for (key, entry) in parts {
                let part = bytes.subdata(in: bytes.startIndex + entry.offset..<bytes.startIndex + entry.offset + entry.length)
                guard let offset = append(part) else { return }
                used[key] = Entry(segment: segment!.name, offset: offset, length: entry.length)
            }
        }
    }

    // MARK: The format

    private static func header(key: PartKey, payload: Data) -> String {
        "\(formatVersion)\n\(key.hex)\n\(ContentHash.sha256(payload))\n"
    }

    /// The payload of a stored part, checked against its header; nil for anything else.
    static func payload(of stored: Data, key: PartKey) -> Data? {
        // Three lines: the format, the key (64 hex digits) and the payload's SHA-256 (64 hex digits).
        let headerLength = formatVersion.utf8.count + 1 + 65 + 65
        guard stored.count >= headerLength else { return nil }
        let payload = stored[(stored.startIndex + headerLength)...]
        guard stored.prefix(headerLength).elementsEqual(header(key: key, payload: payload).utf8) else { return nil }
        return payload
    }

    /// The index: each part's key, segment, offset and length, then the SHA-256 of all that.
    static func indexData(_ entries: [String: Entry]) -> Data {
        var writer = PartWriter()
        writer.text(formatVersion)
        writer.count(entries.count)
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            writer.text(key)
            writer.text(entry.segment)
            writer.number(entry.offset)
            writer.number(entry.length)
        }
        var data = writer.data
        data.append(contentsOf: ContentHash.sha256(data).utf8)
        return data
    }

    static func readIndex(at url: URL) -> [String: Entry]? {
        guard let data = FileManager.default.contents(atPath: url.path), data.count > 64 else { return nil }
        let body = data.prefix(data.count - 64)
        guard data.suffix(64).elementsEqual(ContentHash.sha256(body).utf8) else { return nil }
        var reader = PartReader(Data(body))
        guard reader.text() == formatVersion, let count = reader.count() else { return nil }
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard let key = reader.text(), let segment = reader.text(), let offset = reader.number(), let length = reader.number() else { return nil }
            entries[key] = Entry(segment: segment, offset: offset, length: length)
        }
        return reader.atEnd ? entries : nil
    }
}
