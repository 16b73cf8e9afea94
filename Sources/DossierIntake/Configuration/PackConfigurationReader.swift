import DossierModel
import Foundation

/// Finds and reads `dossier.yml`. A configuration that cannot be parsed at all stops the build
/// (exit 2: every later judgement depends on it); wrong or missing fields are diagnostics.
public struct PackConfigurationReader: Sendable {
    public init() {}

    /// nil when the evidence folder has no configuration file (reported as a note).
    /// `frameworks` are the framework IDs the configuration may name: the built-in ones and the user's own.
    public func read(
        evidenceFolder: URL, diagnostics: DiagnosticCollector, frameworks: [String] = PackConfiguration.knownFrameworks
    ) throws -> PackConfiguration? {
        let candidates = PackConfiguration.fileNames.filter {
            FileManager.default.fileExists(atPath: evidenceFolder.appendingPathComponent($0).path)
        }
        guard let name = candidates.first else {
            diagnostics.report(Diagnostic(
                .note, "dossier.config.missing",
                "No dossier.yml in the evidence folder; organisation, scope and audit period are unknown (add one: see docs/evidence-format.md)"))
            return nil
        }
        if candidates.count > 1 {
            diagnostics.report(Diagnostic(.warning, "dossier.config.ambiguous", "Several configuration files found; only '\(name)' is read", file: candidates[1]))
        }
        let tree = try parse(name, in: evidenceFolder)
        let reader = FieldReader(file: name, area: "config")
        let configuration = decode(tree, reader: reader, base: evidenceFolder, frameworks: frameworks)
        diagnostics.report(contentsOf: reader.diagnostics)
        return configuration
    }

    /// The `limits` of dossier.yml, read before discovery because they bound discovery itself.
    /// Silent: whatever is wrong with the file is reported once, by `read`, after discovery.
    public func readLimits(evidenceFolder: URL, defaults: InputLimits = InputLimits()) -> InputLimits {
        guard let name = PackConfiguration.fileNames.first(where: {
            FileManager.default.fileExists(atPath: evidenceFolder.appendingPathComponent($0).path)
        }), let tree = try? parse(name, in: evidenceFolder) else { return defaults }
        let reader = FieldReader(file: name, area: "config")
        guard let fields = reader.fields(of: tree, allowed: tree.members?.map(\.key) ?? [], describing: "the configuration"),
              let limits = fields.object("limits", allowed: Self.limitKeys) else { return defaults }
        return decodeLimits(limits, defaults: defaults)
    }

    /// The file as a tree. It is read under the default limits and only from inside the evidence
    /// folder: discovery refuses a link leading out, and so does this (it runs before discovery).
    private func parse(_ name: String, in evidenceFolder: URL) throws -> JSONNode {
        let url = evidenceFolder.appendingPathComponent(name)
        let root = evidenceFolder.standardizedFileURL.resolvingSymlinksInPath().path
        let real = url.resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else {
            throw DossierError(path: url.relativePath, reason: .unreadable("the configuration file is a link leading outside the evidence folder"))
        }
        let defaults = InputLimits()
        let size = (try? FileManager.default.attributesOfItem(atPath: real)[.size] as? Int) ?? 0
        guard size <= defaults.maxFileBytes, let data = FileManager.default.contents(atPath: real) else {
            throw DossierError(path: url.relativePath, reason: .unreadable("the configuration file cannot be read or is over \(defaults.maxFileBytes) bytes"))
        }
        let text = TextDecoding.decode(data, file: name).text
        do {
            return name.hasSuffix(".json") ? try JSONReader(maxDepth: 64).read(Array(text.utf8)) : try YAMLReader(maxNodes: 100_000, maxDepth: 64).read(text)
        } catch {
            throw DossierError(
                path: url.relativePath, reason: .unreadable("configuration is malformed: \(error.message)"), location: error.location,
                identifier: "dossier.config.malformed")
        }
    }

    package static let limitKeys = ["max_file_bytes", "max_files", "max_log_bytes", "max_line_bytes", "max_depth"]

    private func decodeLimits(_ fields: FieldReader.Fields, defaults: InputLimits = InputLimits()) -> InputLimits {
        var limits = defaults
        limits.maxFileBytes = fields.integer("max_file_bytes", minimum: 1) ?? limits.maxFileBytes
        limits.maxFileCount = fields.integer("max_files", minimum: 1) ?? limits.maxFileCount
        limits.maxLogBytes = fields.integer("max_log_bytes", minimum: 1) ?? limits.maxLogBytes
        limits.maxLineBytes = fields.integer("max_line_bytes", minimum: 1) ?? limits.maxLineBytes
        limits.maxDepth = fields.integer("max_depth", minimum: 2) ?? limits.maxDepth
        return limits
    }

    package func decode(_ tree: JSONNode, reader: FieldReader, base: URL, frameworks known: [String]) -> PackConfiguration? {
        let keys = ["organisation", "scope", "frameworks", "audit_period", "release", "policy", "source_roots", "limits", "secrets"]
        guard let fields = reader.fields(of: tree, allowed: keys, describing: "the configuration") else { return nil }
        var configuration = PackConfiguration(organisation: fields.string("organisation", required: true) ?? "Unnamed organisation")
        configuration.scope = fields.string("scope", required: true)
        configuration.release = fields.string("release")
        if let frameworks = fields.strings("frameworks", required: true) {
            configuration.frameworks = frameworks.filter { framework in
                guard known.contains(framework) else {
                    // `iso27001` is too far from `iso27001-2022` for a spelling distance, but is its start.
                    let meant = Spelling.closest(to: framework, among: known) ?? known.first { $0.hasPrefix(framework + "-") }
                    let hint = meant.map { "; did you mean '\($0)'?" } ?? "; known: \(known.joined(separator: ", "))"
                    let list = fields.node["frameworks"]
                    let place = list?.elements?.first { $0.string == framework }?.location ?? list?.location
                    reader.report(.error, "unknown-framework", "Framework '\(framework)' is not known\(hint)", at: place)
                    return false
                }
                return true
            }
        }
        if let period = fields.object("audit_period", allowed: ["start", "end"], required: true),
           let start = period.date("start", required: true), let end = period.date("end", required: true) {
            if start > end {
                reader.report(.error, "bad-period", "Audit period ends before it starts", at: period.location)
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
        return configuration
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
        let windows = ["secret_rotation_days", "access_review_days", "staging_retention_days", "log_retention_months"]
        if let freshness = policy.object("freshness", allowed: windows) {
            var result = PackConfiguration.Freshness()
            result.secretRotationDays = freshness.integer("secret_rotation_days", minimum: 1) ?? result.secretRotationDays
            result.accessReviewDays = freshness.integer("access_review_days", minimum: 1) ?? result.accessReviewDays
            result.stagingRetentionDays = freshness.integer("staging_retention_days", minimum: 0) ?? result.stagingRetentionDays
            result.logRetentionMonths = freshness.integer("log_retention_months", minimum: 1) ?? result.logRetentionMonths
            configuration.freshness = result
        }
    }

    private func decodeSourceRoots(_ fields: FieldReader.Fields, reader: FieldReader, base: URL) -> [PackConfiguration.SourceRoot] {
        var roots: [PackConfiguration.SourceRoot] = []
        for element in fields.array("source_roots") ?? [] {
            guard let root = reader.fields(of: element, allowed: ["name", "path", "description"], describing: "a source root"),
                  let name = root.string("name", required: true), let path = root.string("path", required: true) else { continue }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                reader.report(.error, "missing-source-root", "Source root '\(name)' at '\(path)' is not a folder", at: root.node["path"]?.location)
                continue
            }
            if roots.contains(where: { $0.name == name }) {
                reader.report(.error, "duplicate-id", "Source root name '\(name)' is used twice", at: root.location)
                continue
            }
            roots.append(.init(name: name, path: path, url: url))
        }
        return roots
    }
}
