import Crypto
import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// Makes a rebuild with nothing changed nearly free, as `make` does: when every input is
/// byte-for-byte what the last build read and the pack on disk is still the one it wrote, the
/// build is not run again; its messages and exit status are replayed instead. The pack on disk is
/// trusted on what only root could forge: each entry's kind, and each file's size, inode number and
/// status-change time, so a page edited in place and dated back with `touch -d` is rebuilt.
///
/// The key is a SHA-256 over everything a build depends on: the evidence snapshot's digest (every
/// file's content, the configuration, the build date, the limits, the redaction key), the
/// templates, the files of each declared source root (path, size, inode number and status-change
/// time, as for the pack: they may be whole repositories), the command line, the environment
/// variables a build reads, the previous pack's manifest and the dossier binary itself. The record
/// lives beside the pack (`.dossier-cache/<pack>.json`), never inside it, so the pack an auditor
/// receives holds nothing but the pack. A build date from the clock, or fault injection, turns the
/// cache off.
package struct BuildCache: Sendable {
    package struct Record: Codable, Sendable, Equatable {
        package var key: String
        /// The SHA-256 of the pack's listing as written (`fingerprint(ofPack:)`).
        package var pack: String
        package var standardOutput: String
        package var standardError: String
        package var status: Int32
        /// What a patch build of the next edit needs (`PatchRecord`, `PatchViews`), when this build kept it.
        package var patch: KeptFile?
        package var views: KeptFile?

        package init(key: String, pack: String, standardOutput: String, standardError: String, status: Int32) {
            self.key = key
            self.pack = pack
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.status = status
        }
    }

    package static let formatVersion = "dossier-build-cache-2"
    package let recordURL: URL
    package let output: URL

    package init(output: URL) {
        self.output = output.standardizedFileURL
        recordURL = self.output.deletingLastPathComponent().appendingPathComponent(".dossier-cache")
            .appendingPathComponent(self.output.lastPathComponent + ".json")
    }

    /// The folder beside the pack, when Dossier may use it: a real folder of the pack's parent (or
    /// none yet), never a link (it could lead into the evidence, or into the pack itself), and never
    /// the pack folder itself (a pack named `.dossier-cache` would hold its own record). Made, or
    /// kept, readable by its owner alone: the record repeats findings, the parts hold evidence.
    private var usableFolder: URL? {
        let folder = recordURL.deletingLastPathComponent()
        guard output.lastPathComponent != folder.lastPathComponent else { return nil }
        var status = stat()
        // None yet: made when something is first kept, after the build has opened its output folder.
        if lstat(folder.path, &status) != 0 { return errno == ENOENT ? folder : nil }
        guard (status.st_mode & S_IFMT) == S_IFDIR, status.st_uid == getuid(), chmod(folder.path, 0o700) == 0 else { return nil }
        return folder
    }

    /// The record of the last build, when its key is `key` and the pack it wrote is untouched.
    /// `last`: the record already read (`lastRecord`), so that a build reads it once.
    package func hit(key: String, last: Record?? = nil) -> Record? {
        guard let record = last ?? lastRecord(), record.key == key, let pack = Self.fingerprint(ofPack: output), pack == record.pack else { return nil }
        return record
    }

    /// The record of the last build, whatever it was built from; nothing vouches yet for the pack.
    package func lastRecord() -> Record? {
        guard usableFolder != nil, let data = FileManager.default.contents(atPath: recordURL.path) else { return nil }
        return try? JSONDecoder().decode(Record.self, from: data)
    }

    /// Remembers a finished build; a failure to write the record only costs the next build its shortcut.
    /// `keeping`: writes what a patch build of the next edit needs, given the pack's listing as written.
    package func store(
        key: String, standardOutput: String, standardError: String, status: Int32,
        keeping patch: ((_ listing: [String]) -> (patch: KeptFile, views: KeptFile)?)? = nil
    ) {
        guard let tree = PackTree(walking: output), tree[AuditPackWriter.markerName]?.kind == .file else { return }
        let listing = Self.listing(of: tree)
        var record = Record(key: key, pack: Self.fingerprint(ofListing: listing), standardOutput: standardOutput, standardError: standardError, status: status)
        guard let folder = usableFolder else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if let kept = patch?(listing) { (record.patch, record.views) = (kept.patch, kept.views) }
        write(record)
    }

    /// Writes `record` as the last build's.
    package func write(_ record: Record) {
        guard let data = try? JSONEncoder().encode(record) else { return }
        try? data.write(to: recordURL, options: .atomic)
    }

    /// The folder the record and everything kept for the next build are in.
    package var folder: URL { recordURL.deletingLastPathComponent() }

    /// The key of a build with these options and this command line, from the snapshot it will be
    /// built from; nil when the build must always run.
    /// `evidence`: the digest the evidence stands for, the snapshot's own by default (a patch build
    /// keys on `EvidenceSnapshot.patchDigest`, which leaves Markdown bytes out).
    package static func key(
        snapshot: EvidenceSnapshot, theme: Theme, options: BuildOptions, arguments: [String], workingDirectory: String, evidence: String? = nil
    ) -> String? {
        let environment = options.environment
        guard environment["DOSSIER_FAULT_INJECT"] == nil, snapshot.buildDate.source != .clock else { return nil }
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{0}").utf8)) }
        add(formatVersion)
        add(DossierVersion.current)
        add(binaryIdentity())
        add(workingDirectory)
        arguments.forEach(add)
        // The evidence, the configuration, the build date, the limits and the redaction key.
        add("evidence " + (evidence ?? snapshot.digest))
        let configuration = snapshot.configuration.map { String(decoding: $0.bytes.data(), as: UTF8.self) } ?? ""
        for name in readVariables(configuration: configuration, environment: environment, arguments: arguments) {
            add("env \(name)=\(environment[name] ?? "\u{1}")")
        }
        if options.templates != nil {
            add("templates")
            for (path, text) in theme.files.sorted(by: { $0.key < $1.key }) { add("\(path) \(ContentHash.sha256(text))") }
        }
        if let previous = options.previous {
            let manifest = FileReader.read(previous.appendingPathComponent(PackManifest.path).path)
            add("previous " + ((try? manifest.get().sha256) ?? "none"))
        }
        add("signer " + (options.signer?.fingerprint ?? "none"))
        add("redaction key " + (snapshot.redactionKey.map(ContentHash.sha256) ?? "none"))
        for root in (snapshot.earlyConfiguration?.sourceRoots ?? []) + options.sourceRoots {
            add("source root \(root.name)")
            listing(of: root.url).forEach(add)
        }
        return ContentHash.hex(hasher.finalize())
    }

    /// The variables a build reads: the date, CI markers, Dossier's own, and any `env:NAME` the
    /// configuration or the command line names (a redaction or signing key).
    static func readVariables(configuration: String, environment: [String: String], arguments: [String]) -> [String] {
        var names: Set<String> = ["SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "NO_COLOR"]
        names.formUnion(environment.keys.filter { $0.hasPrefix("DOSSIER_") })
        let pattern = try! NSRegularExpression(pattern: "env:([A-Za-z_][A-Za-z0-9_]*)")
        for text in [configuration] + arguments {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
        }
        return names.sorted()
    }

    /// One line for every entry under `folder`, sorted, from one walk that follows no link (`PackTree`):
    /// a file's size, inode number and status-change time, never its modification time, which
    /// whoever can write a file can set back (`touch -d`), while the other two only root can forge.
    /// Nothing is read, so it is cheap enough for a whole repository.
    package static func listing(of folder: URL) -> [String] {
        guard let tree = PackTree(walking: folder) else { return ["unlisted"] }
        return listing(of: tree)
    }

    package static func listing(of tree: PackTree) -> [String] {
        tree.entries.flatMap { entry -> [String] in
            switch entry.kind {
            case .file: return [identity(entry.path, size: entry.size, inode: entry.inode, changed: entry.changed)]
            case .folder: return ["folder \(entry.path)"]
            case .special: return ["special \(entry.path) \(entry.inode) \(entry.changed)"]
            case .unreadable: return ["unreadable \(entry.path)"]
            case .link(let target):
                // A linked folder is not entered, so where a link points changes the key by itself; a
                // link to a file also counts as the file (a cited source-root file is read through it).
                let line = "link \(entry.path) -> \(target)"
                var status = stat()
                guard stat(tree.root.appendingPathComponent(entry.path).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return [line] }
                return [line, identity(entry.path, status)]
            }
        }
    }

    /// What the pack on disk is: a listing of everything in it; nil when there is no pack.
    package static func fingerprint(ofPack folder: URL) -> String? {
        packListing(folder).map(fingerprint(ofListing:))
    }

    /// The pack's listing (`listing(of:)`); nil when there is no pack.
    package static func packListing(_ folder: URL) -> [String]? {
        packTree(folder).map(listing(of:))
    }

    /// The pack at `folder`, walked; nil when it is no pack (no marker).
    package static func packTree(_ folder: URL) -> PackTree? {
        guard let tree = PackTree(walking: folder), tree[AuditPackWriter.markerName]?.kind == .file else { return nil }
        return tree
    }

    package static func fingerprint(ofListing listing: [String]) -> String {
        ContentHash.sha256(Data(listing.joined(separator: "\n").utf8))
    }

    private static func identity(_ name: String, size: Int, inode: UInt64, changed: String) -> String {
        "\(name) \(size) \(inode) \(changed)"
    }

    /// A regular file's listing line (`listing(of:)`) under `name`, read without following a link; nil for anything else.
    package static func identity(of path: String, as name: String? = nil) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return identity(name ?? "file", status)
    }

    /// The path of a file's listing line; nil for a line of anything else. A path may hold spaces:
    /// the three fields after it never do.
    package static func path(ofFileLine line: String) -> String? {
        file(ofLine: line)?.path
    }

    /// The path and inode number of a file's listing line; nil for a line of anything else.
    package static func file(ofLine line: String) -> (path: String, inode: UInt64)? {
        // Dossier names no file of a pack "folder …", "link …": those lines are the other kinds'.
        guard !["folder ", "special ", "unreadable ", "link "].contains(where: line.hasPrefix) else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count >= 4, fields.suffix(3).allSatisfy({ !$0.isEmpty }), let inode = UInt64(fields[fields.count - 2]) else { return nil }
        return (fields.dropLast(3).joined(separator: " "), inode)
    }

    private static func identity(_ name: String, _ status: stat) -> String {
        identity(name, size: Int(status.st_size), inode: UInt64(status.st_ino), changed: "\(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)")
    }

    /// The parts kept for the next build of this pack (`DiskParts`), beside the record: never in the pack.
    package var partsFolder: URL {
        recordURL.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".parts")
    }

    /// The parts folder, emptied when another dossier binary or version wrote it; nil when the folder
    /// beside the pack cannot be used. A part in which the secret scan finds anything is not kept,
    /// whatever made it: no secret reaches the disk beside the pack in any form (a page's search
    /// text joins what an HTML comment split in its bytes).
    package func parts() -> DiskParts? {
        guard usableFolder != nil else { return nil }
        let scanner = SecretScanner()
        return DiskParts(folder: partsFolder, generation: "\(DossierVersion.current) \(Self.binaryIdentity())") { payload in
            scanner.scan(.whole(payload)).isEmpty
        }
    }

    /// The running binary's size, inode number and status-change time: a rebuilt dossier never replays an old build.
    private static func binaryIdentity() -> String {
        // Where there is no /proc (macOS), the executable's own path: never the name it was run by,
        // which every rebuilt binary shares.
        var status = stat()
        for path in ["/proc/self/exe", Bundle.main.executablePath].compactMap({ $0 }) where stat(path, &status) == 0 {
            return identity("binary", status)
        }
        // Unknown: no two builds share a generation, so nothing is replayed or reused.
        return "unknown \(UUID().uuidString)"
    }
}
