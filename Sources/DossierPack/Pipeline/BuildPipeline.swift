import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// The stages in order, each producing one immutable value from the one before:
/// `EvidenceSnapshot` (every input read once) → parsed documents and `ComplianceContent` →
/// `Assessment` (what `check` ends with) → the rendered files → `WrittenPack`.
///
/// Only "cannot continue" is thrown (a missing evidence folder, broken templates, a refused
/// output folder); everything else is a diagnostic in the product.
package struct BuildPipeline: Sendable {
    package static let generator = "Dossier \(DossierVersion.current)"

    package let options: BuildOptions
    let clock: StageClock

    /// What the last `dossier build` kept on disk, for a build without `serve`'s memory.
    var parts: DiskParts? { options.memory == nil ? options.parts : nil }

    package init(options: BuildOptions) {
        self.options = options
        clock = StageClock(environment: options.environment)
    }

    /// Stage 1: the evidence folder read through the file layer, once. A file whose name holds
    /// personal data the pack redacts is given a published path without it.
    package func snapshot() throws -> EvidenceSnapshot {
        let snapshot = try EvidenceSnapshot.take(
            of: options.evidence, environment: options.environment, defaults: options.limits, progress: options.progress,
            redactionKeyFile: options.redactionKeyFile, memory: options.memory?.reads)
        let redactor = PersonalDataRedactor.forPolicy(snapshot.earlyConfiguration?.redaction, key: snapshot.redactionKey)
        clock.mark("snapshot (discover, read)")
        guard let names = options.memory?.names else { return snapshot.naming(redactor.publishedPath) }
        // A path is its bytes: String equality would take an NFD spelling for the NFC one remembered.
        return snapshot.naming { path in
            names.value(for: .init(path: path, mode: redactor.mode, key: redactor.key), if: { $0.path.utf8.elementsEqual(path.utf8) }) {
                (path, redactor.publishedPath(path))
            }.published
        }
    }

    /// The theme the pack is rendered with: the built-in one, with `--templates` laid over it.
    package func theme() throws -> Theme {
        try options.templates.map { try Theme.overriding(with: $0) } ?? Theme.builtIn
    }

    /// Reads and validates the evidence without writing anything.
    package func check() throws -> Assessment {
        try assess(try snapshot())
    }

    /// Stages 2 to 4: parse, compliance content, secrets, rules and verdicts.
    package func assess(_ snapshot: EvidenceSnapshot) throws -> Assessment {
        let diagnostics = DiagnosticEngine()
        diagnostics.report(contentsOf: snapshot.diagnostics)
        let evidence = EvidenceReading(snapshot: snapshot, progress: options.progress, clock: clock, memory: options.memory?.parsed, parts: parts)
            .read(diagnostics: diagnostics, keepsShownText: SecretScanner.mayHoldSecret)
        let documents = evidence.documents
        // The configuration may name the evidence folder's own frameworks, so it is decoded (and its
        // problems reported) once the content is assembled.
        var configuration = try PackConfigurationReader(givenSourceRoots: Set(options.sourceRoots.map(\.name))).read(
            snapshot.configuration, names: snapshot.configurationNames, base: snapshot.folder, diagnostics: diagnostics,
            frameworks: evidence.content.catalogs.map(\.framework))
        configuration?.limits = snapshot.limits
        if !options.sourceRoots.isEmpty {
            let given = Set(options.sourceRoots.map(\.name))
            let kept = configuration?.sourceRoots.filter { !given.contains($0.name) } ?? []
            configuration?.sourceRoots = kept + options.sourceRoots
        }
        if configuration?.redaction == .hash, snapshot.redactionKey == nil {
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.redactionNoKey,
                "policy.redaction is hash but no key was found (policy.redaction_key: env:DOSSIER_… or a file); personal data is redacted instead",
                file: "dossier.yml"))
        }
        var scanner = SecretScanner(policy: configuration?.secrets ?? .init())
        scanner.progress = options.progress
        scanner.memory = options.memory?.secrets
        scanner.parts = parts
        options.progress?.begin("Scanning for secrets", total: documents.count)
        // A file that could not be read is not published, but its path is (in messages): its name is scanned too.
        let parsed = Set(documents.map(\.path))
        // Files discovery skipped (an editor's backup, one over the size limit) are named in messages too.
        let skippedIDs: Set<String> = [DiagnosticID.discoverScratchFile.rawValue, DiagnosticID.limitsFileTooLarge.rawValue, DiagnosticID.discoverPathTooLong.rawValue]
        let skipped = snapshot.diagnostics.filter { skippedIDs.contains($0.identifier) }.compactMap(\.file)
            .map { EvidenceFile(path: $0, location: "", size: 0) }
        let notParsed = (snapshot.files.map(\.file) + snapshot.unread + skipped).filter { !parsed.contains($0.path) }.sorted { $0.path < $1.path }
        let secrets = scanner.scan(documents, in: snapshot, diagnostics: diagnostics)
            .merging(scanner.scanNames(notParsed, diagnostics: diagnostics))
        // Nothing taken from a withheld file is published: not the organisation, not a title.
        configuration = secrets.withholding(configuration)
        if let release = options.release { configuration?.release = release }
        let content = secrets.withholding(evidence.content)
        clock.mark("secret scan")
        options.progress?.begin("Assessing")
        let buildDate = snapshot.buildDate
        let cited = SubjectReader(context: RuleContext(
            documents: documents, content: content, configuration: configuration, buildDate: buildDate.date)).readCited()
        var compliance = ComplianceAssessor(buildDate: buildDate.date, linkMemory: options.memory?.links).assess(
            documents, content: content, configuration: configuration, diagnostics: diagnostics,
            citedSourceFiles: Dictionary(cited.map { ($0.subject, $0.outcome) }, uniquingKeysWith: { first, _ in first }),
            withheld: secrets.withheld,
            bytes: { path in if case .whole(let data)? = snapshot.file(path)?.bytes { data } else { nil } })
        compliance.remediation = secrets.withholding(compliance.remediation)
        clock.mark("assessment")
        var assessment = Assessment(
            configuration: configuration, documents: documents, diagnostics: Self.scrub(diagnostics.diagnostics, secrets: secrets.values),
            buildDate: buildDate, content: content, compliance: compliance, withheld: secrets.withheld, secretValues: secrets.values,
            citedSourceFiles: cited.compactMap { entry in
                guard case .found(let hash, let size) = entry.outcome else { return nil }
                return CitedSourceFile(path: entry.subject, size: size, sha256: hash)
            },
            redactionKey: snapshot.redactionKey, strict: options.strict)
        assessment.acknowledgedSecrets = secrets.acknowledged
        assessment.parseFindings = evidence.parseFindings
        return assessment
    }

    /// Reads, validates, renders and writes the pack to `options.output`; the pack is written whatever the findings.
    package func build() throws -> WrittenPack {
        try build(try snapshot(), theme: try theme())
    }

    /// Every stage from a snapshot already taken (the command line takes it first, for the build cache's key).
    package func build(_ snapshot: EvidenceSnapshot, theme: Theme) throws -> WrittenPack {
        guard let output = options.output else {
            throw DossierError(path: options.evidence.relativePath, reason: .outputRefused("no output folder was given"))
        }
        let faults = try FaultInjection(environment: options.environment)
        defer { options.memory?.finishBuild() }
        let assessment = try assess(snapshot)
        var context = PackRenderer.Context(
            configuration: assessment.configuration, buildDate: assessment.buildDate, generator: Self.generator,
            signingFingerprint: options.signer?.fingerprint, comparedWithPrevious: options.previous != nil)
        context.withheldPaths = assessment.documents.filter { assessment.withheld.contains($0.path) }
            .map { SecretScrub.listedPath($0.file.published, sha256: $0.sha256, index: assessment.secretIndex) }
        var renderer = try PackRenderer(theme: theme, context: context)
        renderer.imageBytes = { file in snapshot.file(file.path)?.bytes.data() }
        renderer.bodies = options.memory?.bodies
        renderer.pages = options.memory?.pages
        renderer.parts = parts
        renderer.clock = clock
        if PatchBuild.mayFollow(options) { renderer.capture = RenderCapture() }
        // The destination is checked, and a staging folder opened beside it, before anything is rendered.
        let protected = [options.evidence] + (assessment.configuration?.sourceRoots.map(\.url) ?? []) + [options.templates].compactMap { $0 }
        var writer = AuditPackWriter(faults: faults)
        writer.progress = options.progress
        let staging = try writer.begin(to: output, guarding: protected)
        // Only now, the destination accepted, is anything kept beside it; nothing from a withheld file,
        // nor from one too large to hold, read once to be hashed and again to be parsed.
        let readTwice = snapshot.files.filter { if case .whole = $0.bytes { false } else { true } }.map(\.path)
        parts?.allowWrites(keepingNothingFrom: assessment.withheld.union(readTwice))
        do {
            let unnormalised = options.memory?.pages.unnormalised(snapshot) ?? []
            let written = try PackPublishing(pipeline: self, assessment: assessment, theme: theme, unnormalised: unnormalised)
                .publish(with: &renderer, into: staging)
            // Only once the pack is written: a build that failed keeps every part the last one left.
            parts?.finishBuild()
            clock.mark("parts kept (\(parts?.recalled ?? 0) reused)")
            return written
        } catch {
            staging.abandon()
            parts?.abandonBuild()
            throw error
        }
    }

    /// No message may repeat a secret found in the evidence, whatever rule wrote it, nor name a file
    /// by a name that holds one.
    static func scrub(_ diagnostics: [Diagnostic], secrets: Set<String>) -> [Diagnostic] {
        guard !secrets.isEmpty else { return diagnostics }
        let index = SecretScrub.Index(secrets)
        return diagnostics.map { diagnostic in
            var clean = diagnostic
            clean.summary = SecretScrub.message(clean.summary, index: index)
            clean.file = clean.file.map { SecretScrub.message($0, index: index) }
            return clean
        }
    }
}
