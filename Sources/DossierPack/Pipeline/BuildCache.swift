import Crypto
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// Makes a rebuild with nothing changed nearly free, as `make` does: when every input is
/// byte-for-byte what the last build read and the pack on disk is still the one it wrote, the
/// build is not run again; its messages and exit status are replayed instead.
///
/// The key is a SHA-256 over everything a build depends on: the evidence snapshot's digest (every
/// file's content, the configuration, the build date, the limits, the redaction key), the
/// templates, the files of each declared source root (path, size and modification time: they may
/// be whole repositories), the command line, the environment variables a build reads, the previous
/// pack's manifest and the dossier binary itself. The record lives beside the pack (`.dossier-cache/<pack>.json`), never inside it, so
/// the pack an auditor receives holds nothing but the pack. A build date from the clock, or fault
/// injection, turns the cache off.
package struct BuildCache: Sendable {
    package struct Record: Codable, Sendable, Equatable {
        package var key: String
        /// Path, size and modification time of every file of the pack as written.
        package var pack: String
        package var standardOutput: String
        package var standardError: String
        package var status: Int32

        package init(key: String, pack: String, standardOutput: String, standardError: String, status: Int32) {
            self.key = key
            self.pack = pack
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.status = status
        }
    }

    package static let formatVersion = "dossier-build-cache-1"
    package let recordURL: URL
    package let output: URL

    package init(output: URL) {
        self.output = output.standardizedFileURL
        recordURL = self.output.deletingLastPathComponent().appendingPathComponent(".dossier-cache")
            .appendingPathComponent(self.output.lastPathComponent + ".json")
    }

    /// The record of the last build, when its key is `key` and the pack it wrote is untouched.
    package func hit(key: String) -> Record? {
        guard let data = FileManager.default.contents(atPath: recordURL.path),
              let record = try? JSONDecoder().decode(Record.self, from: data), record.key == key,
              let pack = Self.fingerprint(ofPack: output), pack == record.pack else { return nil }
        return record
    }

    /// Remembers a finished build; a failure to write the record only costs the next build its shortcut.
    package func store(key: String, standardOutput: String, standardError: String, status: Int32) {
        guard let pack = Self.fingerprint(ofPack: output) else { return }
        let record = Record(key: key, pack: pack, standardOutput: standardOutput, standardError: standardError, status: status)
        guard let data = try? JSONEncoder().encode(record) else { return }
        try? FileManager.default.createDirectory(at: recordURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: recordURL, options: .atomic)
    }

    /// The key of a build with these options and this command line, from the snapshot it will be
    /// built from; nil when the build must always run.
    package static func key(snapshot: EvidenceSnapshot, theme: Theme, options: BuildOptions, arguments: [String], workingDirectory: String) -> String? {
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
        add("evidence " + snapshot.digest)
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

    /// `path size mtime` of every regular file under `folder`, sorted: cheap enough for a whole repository.
    package static func listing(of folder: URL) -> [String] {
        let (files, links) = walk(folder)
        return files.map { "\($0.path) \($0.size) \($0.modified)" } + links
    }

    /// What the pack on disk is: a listing of its files; nil when there is no pack.
    package static func fingerprint(ofPack folder: URL) -> String? {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(AuditPackWriter.markerName).path) else { return nil }
        return ContentHash.sha256(Data(listing(of: folder).joined(separator: "\n").utf8))
    }

    /// Every regular file under `folder` (a symbolic link to a file counts as the file), sorted, and a
    /// `path -> target` line for every symbolic link: the walk does not enter a linked folder, so
    /// pointing a link elsewhere must change the key by itself.
    private static func walk(_ folder: URL) -> (files: [(path: String, url: URL, size: Int, modified: String)], links: [String]) {
        let root = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return ([], []) }
        var files: [(String, URL, Int, String)] = []
        var links: [String] = []
        while let relative = walker.nextObject() as? String {
            var status = stat()
            let path = root + "/" + relative
            // lstat first: asking Foundation for the target of every file threw (and built) an error per non-link.
            guard lstat(path, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFLNK {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) { links.append("link \(relative) -> \(target)") }
                guard stat(path, &status) == 0 else { continue }
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else { continue }
            files.append((relative, URL(fileURLWithPath: path), Int(status.st_size), "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"))
        }
        return (files.sorted { $0.0 < $1.0 }, links.sorted())
    }

    /// The running binary's size and modification time: a rebuilt dossier never replays an old build.
    private static func binaryIdentity() -> String {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return CommandLine.arguments.first ?? "" }
        return "\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }
}
