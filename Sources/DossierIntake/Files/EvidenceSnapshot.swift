import Crypto
import DossierModel
import Foundation

/// Stage 1's product: the evidence folder as read, once. Every file discovery found is opened once
/// by the file layer, its bytes and SHA-256 kept; with the configuration's bytes, the limits they
/// set, the build date and the redaction key. Nothing later opens an evidence or configuration file
/// again, and the snapshot's `digest` is what the build cache keys on.
package struct EvidenceSnapshot: Sendable {
    /// The evidence folder as the user named it.
    package let folder: URL
    /// The configuration file (`dossier.yml`, `.yaml` or `.json`) read, when there is one.
    package let configuration: InputFile?
    /// Every configuration file name present, the one read first: more than one is reported.
    package let configurationNames: [String]
    /// The configuration decoded quietly, for what must be known before the evidence is parsed
    /// (limits, source roots, the redaction key's source); the build decodes it again, reporting.
    package let earlyConfiguration: PackConfiguration?
    package let limits: InputLimits
    package let buildDate: BuildDate
    /// Every discovered file that was read, sorted by path.
    package let files: [InputFile]
    /// Discovered files that could not be read (each reported): their names still appear in messages.
    package let unread: [EvidenceFile]
    /// What discovery and reading found wrong.
    package let diagnostics: [Diagnostic]
    /// `policy.redaction_key` resolved: the variable's value or the key file's bytes.
    package let redactionKey: Data?
    /// SHA-256 over everything above that a build depends on.
    package let digest: String
    private let index: [String: Int]

    private init(
        folder: URL, configuration: InputFile?, configurationNames: [String], earlyConfiguration: PackConfiguration?,
        limits: InputLimits, buildDate: BuildDate, files: [InputFile], unread: [EvidenceFile], diagnostics: [Diagnostic], redactionKey: Data?
    ) {
        self.folder = folder
        self.configuration = configuration
        self.configurationNames = configurationNames
        self.earlyConfiguration = earlyConfiguration
        self.limits = limits
        self.buildDate = buildDate
        self.files = files
        self.unread = unread
        self.diagnostics = diagnostics
        self.redactionKey = redactionKey
        digest = Self.digest(buildDate: buildDate, limits: limits, files: files, unread: unread, diagnostics: diagnostics, key: redactionKey)
        index = Dictionary(files.indices.map { (files[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the evidence folder. Only "cannot continue" throws: a missing folder, a configuration
    /// that leads outside the folder or is too large, a malformed `SOURCE_DATE_EPOCH`.
    package static func take(
        of folder: URL, environment: [String: String], defaults: InputLimits = InputLimits(), progress: BuildProgress? = nil,
        redactionKeyFile: URL? = nil, memory: ReadMemory? = nil
    ) throws -> EvidenceSnapshot {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw DossierError(path: folder.relativePath, reason: .evidenceFolderNotFound)
        }
        // Git is asked for the evidence's last commit while the evidence is read.
        let dateLookup = try BuildDate.lookUp(evidence: folder, environment: environment)
        // Every file beneath the folder is opened relative to this descriptor, never by a path that could since lead out.
        let anchor = try FolderAnchor(path: folder.path)
        let (configuration, names) = try PackConfigurationReader.source(in: folder, anchor: anchor)
        let early = configuration.flatMap { PackConfigurationReader().readQuietly($0, base: folder) }
        let limits = PackConfigurationReader().readLimits(configuration, defaults: defaults)
        let collector = DiagnosticEngine()
        let discovered = try EvidenceDiscoverer(limits: limits).discover(in: folder, anchor: anchor, diagnostics: collector)
        progress?.begin("Reading evidence", total: discovered.count)
        let results = ParallelMap.map(discovered, progress: progress) { file -> InputFile? in
            // The configuration was read before discovery (its limits bound discovery): it is not opened twice.
            if let configuration, file.path == configuration.path { return configuration }
            switch FileReader.read(file, beneath: anchor, maxBytes: file.format == .jsonLines ? limits.maxLogBytes : limits.maxFileBytes, memory: memory) {
            case .success(let (input, linkCount)):
                if linkCount > 1 { collector.report(multiplyLinked(file.path, names: linkCount)) }
                return input
            case .failure(let failure):
                collector.report(Diagnostic(.error, DiagnosticID.inputUnreadable, "File cannot be read: \(failure.reason)", file: file.path))
                return nil
            }
        }
        let files = results.compactMap { $0 }
        let unread = zip(discovered, results).filter { $0.1 == nil }.map(\.0)
        // `--redaction-key` is the user's own; a key file named in dossier.yml must lie within reach.
        let key: Data? = if let redactionKeyFile {
            try trustedKey(redactionKeyFile)
        } else {
            early?.redactionKey.flatMap { redactionKey($0, environment: environment, base: folder, diagnostics: collector) }
        }
        let buildDate = dateLookup.wait()
        let diagnostics = collector.diagnostics
        return EvidenceSnapshot(
            folder: folder, configuration: configuration, configurationNames: names, earlyConfiguration: early, limits: limits,
            buildDate: buildDate, files: files, unread: unread, diagnostics: diagnostics, redactionKey: key)
    }

    /// A hard link is the same file under another name, which may lie outside the folder: nothing on
    /// the open file tells where its other names are, so every such file is reported.
    private static func multiplyLinked(_ path: String, names: Int) -> Diagnostic {
        Diagnostic(
            .warning, .discoverMultiplyLinked,
            "File has \(names) names (hard links); another of them may lie outside the evidence folder, and its content is published as evidence. Replace it with a copy (cp --remove-destination) if that is not intended",
            file: path)
    }

    /// What the name of a variable `dossier.yml` takes its redaction key from must start with.
    static let keyVariablePrefix = "DOSSIER_"

    /// The key for `hash` redaction, from `policy.redaction_key` (`env:VARIABLE` or a file); nil when absent.
    private static func redactionKey(_ source: String, environment: [String: String], base: URL, diagnostics: DiagnosticEngine) -> Data? {
        if source.hasPrefix("env:") {
            // Only a variable set for Dossier: any other (HOME, a CI secret) could be confirmed by
            // whoever guesses it, from the hashes the pack publishes.
            let name = String(source.dropFirst(4))
            guard name.hasPrefix(Self.keyVariablePrefix) else {
                diagnostics.report(Diagnostic(
                    .error, .redactionKeyOutside,
                    "policy.redaction_key '\(source)' is refused: dossier.yml may name only a variable starting \(Self.keyVariablePrefix) (another, such as HOME or a CI secret, could be guessed from the pack's hashes); set \(Self.keyVariablePrefix)REDACTION_KEY, or pass --redaction-key FILE",
                    file: "dossier.yml"))
                return nil
            }
            return environment[name].map { Data($0.utf8) }
        }
        // Resolved once: the reach check approves this path, and the file is then opened beneath its
        // folder, itself not followed, so a link swapped in after the check fails to open rather than leading out.
        let real = (source.hasPrefix("/") ? URL(fileURLWithPath: source) : base.appendingPathComponent(source)).standardizedFileURL.resolvingSymlinksInPath()
        if let refusal = ConfigurationReach.refusal(real, evidence: base) {
            // Its effect on redacted values would be observable in the pack: the file is not read at all.
            diagnostics.report(Diagnostic(
                .error, .redactionKeyOutside, "policy.redaction_key '\(source)' is refused: \(refusal) (--redaction-key FILE)", file: "dossier.yml"))
            return nil
        }
        guard let folder = FolderAnchor.exactly(real.deletingLastPathComponent().path),
              case .success(let read) = FileReader.read(real.lastPathComponent, beneath: folder, maxBytes: 1 << 20) else { return nil }
        return read.bytes.data()
    }

    /// A key file given on the command line: read wherever it is, but it must be a regular file.
    private static func trustedKey(_ url: URL) throws -> Data {
        switch FileReader.read(url.path, maxBytes: 1 << 20) {
        case .success(let read): return read.bytes.data()
        case .failure(let failure): throw DossierError(path: url.path, reason: .unreadable("the redaction key cannot be read: \(failure.reason)"))
        }
    }

    /// `digest` with every Markdown file's bytes left out (its path kept): what a patch build keys on,
    /// comparing each Markdown file's hash on its own (`PatchRecord`).
    package var patchDigest: String {
        Self.digest(buildDate: buildDate, limits: limits, files: files, unread: unread, diagnostics: diagnostics, key: redactionKey, leavingOutMarkdown: true)
    }

    private static func digest(
        buildDate: BuildDate, limits: InputLimits, files: [InputFile], unread: [EvidenceFile], diagnostics: [Diagnostic], key: Data?,
        leavingOutMarkdown: Bool = false
    ) -> String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{0}").utf8)) }
        add(leavingOutMarkdown ? "dossier-evidence-snapshot-1 markdown left out" : "dossier-evidence-snapshot-1")
        add("date \(buildDate.date.timeIntervalSince1970) \(buildDate.source) \(buildDate.sourceCommit ?? "")")
        add("limits \(limits.maxFileBytes) \(limits.maxFileCount) \(limits.maxLogBytes) \(limits.maxLineBytes) \(limits.maxDepth)")
        for file in files {
            add(leavingOutMarkdown && file.file.format == .markdown ? "markdown \(file.path)" : "file \(file.path) \(file.bytes.count) \(file.sha256)")
        }
        for file in unread { add("unread \(file.path)") }
        // Discovery's findings (a link leading out, a file over the limit) change the pack without changing a read file.
        for diagnostic in diagnostics { add("finding \(diagnostic.identifier) \(diagnostic.file ?? "") \(diagnostic.summary)") }
        add("redaction key " + (key.map(ContentHash.sha256) ?? "none"))
        return ContentHash.hex(hasher.finalize())
    }

    /// The snapshot with each file's published path set by `published` (from its path): the pack
    /// layer names files whose names hold personal data, by the policy this snapshot read.
    package func naming(_ published: (String) -> String) -> EvidenceSnapshot {
        func named(_ file: EvidenceFile) -> EvidenceFile {
            var file = file
            file.published = published(file.path)
            return file
        }
        let files = files.map { InputFile(file: named($0.file), bytes: $0.bytes, sha256: $0.sha256) }
        let configuration = configuration.map { InputFile(file: named($0.file), bytes: $0.bytes, sha256: $0.sha256) }
        return EvidenceSnapshot(
            folder: folder, configuration: configuration, configurationNames: configurationNames, earlyConfiguration: earlyConfiguration,
            limits: limits, buildDate: buildDate, files: files, unread: unread.map(named), diagnostics: diagnostics, redactionKey: redactionKey)
    }

    /// The file at `path`, when it was read.
    package func file(_ path: String) -> InputFile? {
        index[path].map { files[$0] }
    }
}
