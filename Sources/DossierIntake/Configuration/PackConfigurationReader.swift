import DossierModel
import Foundation

/// Finds and reads `dossier.yml`. A configuration that cannot be parsed at all stops the build
/// (exit 2: every later judgement depends on it); wrong or missing fields are diagnostics.
package struct PackConfigurationReader: Sendable {
    /// Source roots the command line gives (`--source-root`): one of the same name here gives way,
    /// unchecked and unreported.
    package var givenSourceRoots: Set<String> = []

    package init(givenSourceRoots: Set<String> = []) {
        self.givenSourceRoots = givenSourceRoots
    }

    /// The configuration files present in `folder`, and the first one read by the file layer. It is
    /// read under the default limits and only from inside the folder: discovery refuses a link leading
    /// out, and so does this (it runs before discovery, since its limits bound discovery).
    package static func source(in folder: URL, anchor: FolderAnchor? = nil) throws -> (file: InputFile?, names: [String]) {
        let names = PackConfiguration.fileNames.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard let name = names.first else { return (nil, []) }
        let url = folder.appendingPathComponent(name)
        let anchor = try anchor ?? FolderAnchor(path: folder.path)
        // A link is followed only to a file inside the folder, and that file is opened without following.
        guard let source = anchor.resolved(name) else {
            throw DossierError(path: url.relativePath, reason: .unreadable("the configuration file is a link leading outside the evidence folder"))
        }
        let limit = InputLimits().maxFileBytes
        guard case .success(let read) = FileReader.read(source, beneath: anchor, maxBytes: limit) else {
            throw DossierError(path: url.relativePath, reason: .unreadable("the configuration file cannot be read or is over \(limit) bytes"))
        }
        return (InputFile(file: EvidenceFile(path: name, url: url, size: read.bytes.count, source: source), bytes: read.bytes, sha256: read.sha256), names)
    }

    /// Reads the configuration of an evidence folder (tests and tools; a build reads its snapshot's).
    package func read(
        evidenceFolder: URL, diagnostics: DiagnosticEngine, frameworks: [String] = PackConfiguration.knownFrameworks
    ) throws -> PackConfiguration? {
        let (file, names) = try Self.source(in: evidenceFolder)
        return try read(file, names: names, base: evidenceFolder, diagnostics: diagnostics, frameworks: frameworks)
    }

    /// nil when the evidence folder has no configuration file (reported as a note).
    /// `frameworks` are the framework IDs the configuration may name: the built-in ones and the user's own.
    package func read(
        _ file: InputFile?, names: [String], base: URL, diagnostics: DiagnosticEngine,
        frameworks: [String] = PackConfiguration.knownFrameworks
    ) throws -> PackConfiguration? {
        guard let file else {
            diagnostics.report(Diagnostic(
                .note, DiagnosticID.configMissing,
                "No dossier.yml in the evidence folder; organisation, scope and audit period are unknown (add one: see docs/evidence-format.md)"))
            return nil
        }
        if names.count > 1 {
            diagnostics.report(Diagnostic(.warning, DiagnosticID.configAmbiguous, "Several configuration files found; only '\(file.path)' is read", file: names[1]))
        }
        let tree = try parse(file, shownAs: base.appendingPathComponent(file.path).relativePath)
        let reader = FieldReader(file: file.path, area: "config")
        let configuration = decode(tree, reader: reader, base: base, frameworks: frameworks)
        diagnostics.report(contentsOf: reader.diagnostics)
        return configuration
    }

    /// The configuration decoded without reporting anything, for what must be known before the
    /// evidence is parsed (source roots, the redaction key's source); nil when it cannot be parsed.
    package func readQuietly(_ file: InputFile, base: URL) -> PackConfiguration? {
        guard let tree = try? parse(file) else { return nil }
        return decode(tree, reader: FieldReader(file: file.path, area: "config"), base: base, frameworks: PackConfiguration.knownFrameworks)
    }

    /// The `limits` of the configuration, read before discovery because they bound discovery itself.
    /// Silent: whatever is wrong with the file is reported once, by `read`, after discovery.
    package func readLimits(_ file: InputFile?, defaults: InputLimits = InputLimits()) -> InputLimits {
        guard let file, let tree = try? parse(file) else { return defaults }
        let reader = FieldReader(file: file.path, area: "config")
        guard let fields = reader.fields(of: tree, allowed: tree.members?.map(\.key) ?? [], describing: "the configuration"),
              let limits = fields.object("limits", allowed: Self.limitKeys) else { return defaults }
        return decodeLimits(limits, defaults: defaults)
    }

    /// `shownAs`: the file's path as the user gave the folder, for the message when it is malformed.
    private func parse(_ file: InputFile, shownAs shown: String? = nil) throws -> JSONNode {
        let text = TextDecoding.decode(file.bytes.data(), file: file.path).text
        do {
            return file.path.hasSuffix(".json") ? try JSONReader(maxDepth: 64).read(Array(text.utf8)) : try YAMLReader(maxNodes: 100_000, maxDepth: 64).read(text)
        } catch {
            throw DossierError(
                path: shown ?? file.file.location, reason: .unreadable("configuration is malformed: \(error.message)"), location: error.location,
                identifier: DiagnosticID.configMalformed)
        }
    }

    package static let limitKeys = ["max_file_bytes", "max_files", "max_log_bytes", "max_line_bytes", "max_depth"]

    private func decodeLimits(_ fields: FieldReader.Fields, defaults: InputLimits = InputLimits()) -> InputLimits {
        var limits = defaults
        limits.maxFileBytes = fields.integer("max_file_bytes", minimum: 1) ?? limits.maxFileBytes
        limits.maxFileCount = fields.integer("max_files", minimum: 1) ?? limits.maxFileCount
        limits.maxLogBytes = fields.integer("max_log_bytes", minimum: 1) ?? limits.maxLogBytes
        limits.maxLineBytes = fields.integer("max_line_bytes", minimum: 1) ?? limits.maxLineBytes
        if let depth = fields.integer("max_depth", minimum: 2) {
            if depth > InputLimits.depthCeiling {
                fields.reader.report(
                    .error, .badValue, "'max_depth' may be at most \(InputLimits.depthCeiling), found \(depth); \(InputLimits.depthCeiling) is used",
                    at: fields.node["max_depth"]?.location)
            }
            limits.maxDepth = min(depth, InputLimits.depthCeiling)
        }
        return limits
    }

    package func decode(_ tree: JSONNode, reader: FieldReader, base: URL, frameworks known: [String]) -> PackConfiguration? {
        let keys = ["organisation", "scope", "frameworks", "audit_period", "release", "policy", "source_roots", "limits", "secrets", SignOffReader.packKey, "timezone"]
        guard let fields = reader.fields(of: tree, allowed: keys, describing: "the configuration") else { return nil }
        var configuration = PackConfiguration(organisation: fields.string("organisation", required: true) ?? "Unnamed organisation")
        // First: every date below (the audit period, the sign-off) may be a date-time written without a zone.
        configuration.timeZone = Self.timeZone(fields)
        reader.timeZone = configuration.timeZone
        configuration.scope = fields.string("scope", required: true)
        configuration.release = fields.string("release")
        if let frameworks = fields.strings("frameworks", required: true) {
            configuration.frameworks = frameworks.filter { framework in
                guard known.contains(framework) else {
                    // `iso27001` is too far from `iso27001-2022` for a spelling distance, but is its start.
                    let meant = Spelling.closest(to: framework, among: known) ?? known.first { $0.hasPrefix(framework + "-") }
                    let suggestion = meant.map(Suggestion.init(replacement:))
                    let hint = suggestion?.hint ?? "; known: \(known.joined(separator: ", "))"
                    let list = fields.node["frameworks"]
                    let place = list?.elements?.first { $0.string == framework }?.location ?? list?.location
                    reader.report(.error, .unknownFramework, "Framework '\(framework)' is not known\(hint)", at: place, suggestion: suggestion)
                    return false
                }
                return true
            }
        }
        if let period = fields.object("audit_period", allowed: ["start", "end"], required: true),
           let start = period.date("start", required: true), let end = period.date("end", required: true) {
            if start > end {
                reader.report(.error, .badPeriod, "Audit period ends before it starts", at: period.location)
            } else {
                configuration.auditPeriod = .init(start: start, end: end)
            }
        }
        if let policy = fields.object("policy", allowed: ["failing_severity", "freshness", "redaction", "redaction_key", "approver_roles"]) {
            decodePolicy(policy, into: &configuration)
        }
        configuration.sourceRoots = decodeSourceRoots(fields, reader: reader, base: base)
        if let secrets = fields.object("secrets", allowed: ["allow", "acknowledge"]) {
            configuration.secrets.allow = secrets.strings("allow") ?? []
            configuration.secrets.acknowledge = secrets.objects("acknowledge", allowed: ["file", "detector", "reason"]) { item in
                guard let file = item.string("file", required: true), let detector = item.string("detector", required: true),
                      let reason = item.string("reason", required: true) else { return nil }
                return PackConfiguration.SecretPolicy.Acknowledgement(file: file, detector: detector, reason: reason)
            } ?? []
        }
        if let limits = fields.object("limits", allowed: Self.limitKeys) {
            configuration.limits = decodeLimits(limits)
        }
        if let node = fields.value(SignOffReader.packKey, required: false) {
            let signing = SignOffReader(file: reader.file, timeZone: configuration.timeZone)
            configuration.signOff = signing.read(packSignOff: node)
            reader.report(contentsOf: signing.reader)
        }
        return configuration
    }

    /// `timezone: Europe/Berlin`: an IANA name. One not known is reported, with the nearest known name
    /// when one is close, and UTC is used.
    static func timeZone(_ fields: FieldReader.Fields) -> TimeZone {
        guard let name = fields.string("timezone") else { return ISODate.utc }
        if let zone = TimeZone(identifier: name), TimeZone.knownTimeZoneIdentifiers.contains(zone.identifier) || name == "UTC" { return zone }
        let suggestion = Spelling.suggestion(for: name, among: TimeZone.knownTimeZoneIdentifiers)
        fields.reader.report(Diagnostic(
            .error, DiagnosticID.configUnknownTimezone,
            "'timezone' names no time zone Dossier knows, '\(name)', so date-times without a zone are read in UTC"
                + (suggestion?.hint ?? "; write an IANA name such as Europe/Berlin"),
            file: fields.reader.file, at: fields.node["timezone"]?.location, suggestion: suggestion))
        return ISODate.utc
    }

    private func decodePolicy(_ policy: FieldReader.Fields, into configuration: inout PackConfiguration) {
        if let severity = policy.choice("failing_severity", DiagnosticSeverity.allCases.map(\.description)) {
            configuration.failingSeverity = DiagnosticSeverity(name: severity) ?? .error
        }
        if let redaction = policy.choice("redaction", PackConfiguration.Redaction.allCases.map(\.rawValue)) {
            configuration.redaction = PackConfiguration.Redaction(rawValue: redaction) ?? .redact
        }
        configuration.approverRoles = policy.strings("approver_roles") ?? []
        configuration.redactionKey = policy.string("redaction_key")
        let windows = ["secret_rotation_days", "access_review_days", "staging_retention_days", "log_retention_months", "document_max_days"]
        if let freshness = policy.object("freshness", allowed: windows) {
            var result = PackConfiguration.Freshness()
            result.secretRotationDays = freshness.integer("secret_rotation_days", minimum: 1) ?? result.secretRotationDays
            result.accessReviewDays = freshness.integer("access_review_days", minimum: 1) ?? result.accessReviewDays
            result.stagingRetentionDays = freshness.integer("staging_retention_days", minimum: 0) ?? result.stagingRetentionDays
            result.logRetentionMonths = freshness.integer("log_retention_months", minimum: 1) ?? result.logRetentionMonths
            result.documentMaxDays = freshness.integer("document_max_days", minimum: 1) ?? result.documentMaxDays
            Self.capToTheChecklists(&result, freshness)
            configuration.freshness = result
        }
    }

    /// The built-in checklists state their own bounds: secrets rotated every 90 days at most (SEC-4),
    /// access reviewed every quarter (ACC-6), staging data kept 30 days at most (DAT-1, DAT-5). A
    /// policy may hold evidence to a shorter window, never to a longer one: an auditor found SEC-4
    /// proven on a key 115 days old once `secret_rotation_days: 180` was written. A longer window is
    /// judged as the checklist's, with a warning at the field.
    private static func capToTheChecklists(_ windows: inout PackConfiguration.Freshness, _ fields: FieldReader.Fields) {
        let bounds = PackConfiguration.Freshness()
        let capped: [(key: String, value: WritableKeyPath<PackConfiguration.Freshness, Int>, items: String)] = [
            ("secret_rotation_days", \.secretRotationDays, "SEC-4: a rotation schedule of no more than 90 days"),
            ("access_review_days", \.accessReviewDays, "ACC-6: access reviewed at least once a quarter"),
            ("staging_retention_days", \.stagingRetentionDays, "DAT-1 and DAT-5: staging data kept no longer than 30 days"),
        ]
        for window in capped where windows[keyPath: window.value] > bounds[keyPath: window.value] {
            let bound = bounds[keyPath: window.value]
            fields.reader.report(Diagnostic(
                .warning, DiagnosticID.freshnessWindowTooLong,
                "'\(window.key): \(windows[keyPath: window.value])' is longer than the built-in checklists allow (\(window.items)); evidence is judged against \(bound) days. A longer practice is a gap to waive or remediate, not a window to widen",
                file: fields.reader.file, at: fields.node[window.key]?.location))
            windows[keyPath: window.value] = bound
        }
    }

    private func decodeSourceRoots(_ fields: FieldReader.Fields, reader: FieldReader, base: URL) -> [PackConfiguration.SourceRoot] {
        var roots: [PackConfiguration.SourceRoot] = []
        for element in fields.array("source_roots") ?? [] {
            guard let root = reader.fields(of: element, allowed: ["name", "path", "description"], describing: "a source root"),
                  let name = root.string("name", required: true), let path = root.string("path", required: true),
                  !givenSourceRoots.contains(name) else { continue }
            // Resolved once: the folder approved below is the one approvals' files are later opened beneath.
            let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL.resolvingSymlinksInPath()
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                reader.report(.error, .missingSourceRoot, "Source root '\(name)' at '\(path)' is not a folder", at: root.node["path"]?.location)
                continue
            }
            if let refusal = ConfigurationReach.refusal(url, evidence: base) {
                reader.report(.error, .sourceRootOutside, "Source root '\(name)' at '\(path)' is refused: \(refusal) (--source-root \(name)=PATH)", at: root.node["path"]?.location)
                continue
            }
            if roots.contains(where: { $0.name == name }) {
                reader.report(.error, .duplicateID, "Source root name '\(name)' is used twice", at: root.location)
                continue
            }
            roots.append(.init(name: name, path: path, url: url))
        }
        return roots
    }
}
