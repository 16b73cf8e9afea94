import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// The stages in order: discover → parse → assess → render → write.
///
/// Only "cannot continue" is thrown (a missing evidence folder, broken templates, a refused
/// output folder); everything else is a diagnostic in the result.
public struct BuildPipeline: Sendable {
    public static let generator = "Dossier \(DossierVersion.current)"

    public var options: BuildOptions
    package let clock: StageClock

    public init(options: BuildOptions) {
        self.options = options
        clock = StageClock(environment: options.environment)
    }

    /// Reads and validates the evidence without writing anything.
    public func check() throws -> BuildResult {
        let diagnostics = DiagnosticCollector()
        guard FileManager.default.fileExists(atPath: options.evidence.path) else {
            throw DossierError(path: options.evidence.relativePath, reason: .evidenceFolderNotFound)
        }
        // Git is asked for the evidence's last commit while the evidence is read.
        let buildDateLookup = try BuildDate.lookUp(evidence: options.evidence, environment: options.environment)
        // The limits bound discovery, so they are read first; the rest of dossier.yml may name the
        // evidence folder's own frameworks, so it is read (and its problems reported) after parsing.
        let limits = PackConfigurationReader().readLimits(evidenceFolder: options.evidence, defaults: options.limits)
        clock.mark("configuration limits")
        let (files, documents, readContent) = try read(limits: limits, diagnostics: diagnostics)
        let buildDate = buildDateLookup.wait()
        var configuration = try PackConfigurationReader().read(
            evidenceFolder: options.evidence, diagnostics: diagnostics, frameworks: readContent.catalogs.map(\.framework))
        configuration?.limits = limits
        if configuration?.redaction == .hash,
           PersonalDataRedactor.key(configuration?.redactionKey, environment: options.environment, base: options.evidence) == nil {
            diagnostics.report(Diagnostic(
                .warning, "dossier.redaction.no-key",
                "policy.redaction is hash but no key was found (policy.redaction_key: env:VARIABLE or a file); personal data is redacted instead",
                file: "dossier.yml"))
        }
        var scanner = SecretScanner(policy: configuration?.secrets ?? .init())
        scanner.progress = options.progress
        options.progress?.begin("Scanning for secrets", total: documents.count)
        // A file that could not be read is not published, but its path is (in messages): its name is scanned too.
        let read = Set(documents.map(\.path))
        let secrets = scanner.scan(documents, diagnostics: diagnostics)
            .merging(scanner.scanNames(files.filter { !read.contains($0.path) }, diagnostics: diagnostics))
        // Nothing taken from a withheld file is published: not the organisation, not a title.
        configuration = secrets.withholding(configuration)
        if let release = options.release { configuration?.release = release }
        let content = secrets.withholding(readContent)
        PagePathChecker().checkActivities(documents, withheld: secrets.withheld, diagnostics: diagnostics)
        clock.mark("secret scan")
        options.progress?.begin("Assessing")
        let assessment = ComplianceAssessor(buildDate: buildDate.date).assess(
            documents, content: content, configuration: configuration, diagnostics: diagnostics)
        clock.mark("assessment")
        var result = BuildResult(
            configuration: configuration, documents: documents, diagnostics: Self.scrub(diagnostics.diagnostics, secrets: secrets.values),
            buildDate: buildDate, writtenFiles: [], content: content, assessment: assessment)
        result.withheld = secrets.withheld
        result.secretValues = secrets.values
        result.strict = options.strict
        return result
    }

    /// Reads, validates, renders and writes the pack; the pack is written whatever the findings.
    public func build() throws -> BuildResult {
        let faults = try FaultInjection(environment: options.environment)
        let theme = try options.templates.map { try Theme.overriding(with: $0) } ?? Theme.builtIn
        var result = try check()
        var renderer = try PackRenderer(theme: theme, context: .init(
            configuration: result.configuration, buildDate: result.buildDate, generator: Self.generator,
            signingFingerprint: options.signer?.fingerprint, comparedWithPrevious: options.previous != nil))
        // The destination is checked, and a staging folder opened beside it, before anything is rendered.
        let protected = [options.evidence] + (result.configuration?.sourceRoots.map(\.url) ?? []) + [options.templates].compactMap { $0 }
        var writer = AuditPackWriter(faults: faults)
        writer.progress = options.progress
        let staging = try writer.begin(to: options.output, guarding: protected)
        do {
            try render(with: &renderer, theme: theme, into: staging, result: &result)
        } catch {
            staging.abandon()
            throw error
        }
        return result
    }

    private func render(with renderer: inout PackRenderer, theme: Theme, into staging: PackStaging, result: inout BuildResult) throws {
        // A file with a secret is judged like any other, but nothing built from it is published.
        renderer.progress = options.progress
        let redaction = RedactionPass(redactor: redactor(for: result))
        // Evidence pages, most of the pack, go to the staging folder as soon as they are redacted; the
        // few other files stay in memory until the end, since the reports and the diff read them.
        // A theme may ship a file at an evidence page's path, which then takes the page's place (the last
        // file of a path wins): such a page is kept in memory like the rest, not stored.
        let themeFiles = Set(theme.assets.keys)
        let published = PublishedSecretCheck(known: result.secretValues, policy: result.configuration?.secrets ?? .init())
        renderer.finish = { file in
            let clean = published.apply(redaction.apply(file))
            guard clean.path.hasPrefix(PackPaths.evidencePagesFolder), !themeFiles.contains(clean.path) else { return clean }
            return try staging.store(clean)
        }
        // The Statement of Applicability and the reports need only the assessment: they are made while
        // the pages are rendered, in the moments the renderer leaves a core idle.
        let assessed = result
        let reports = Background { try (StatementOfApplicability(assessment: assessed.assessment)?.files() ?? []) + self.reports(for: assessed) }
        var files = try renderer.render(
            result.documents.excluding(result.withheld), diagnostics: result.diagnostics,
            assessment: result.assessment, content: result.content)
        clock.mark("render pages")
        options.progress?.begin("Writing reports and the manifest")
        files += try reports.value()
        clock.mark("soa, reports (waited)")
        if let diff = try diffPage(for: files, result: result, renderer: renderer) { files.append(diff) }
        // Pages were redacted as they were rendered; the reports, tables and search index are now.
        files = ParallelMap.map(files) { redaction.isDone($0.path) ? $0 : published.apply(redaction.apply($0)) }
        clock.mark("personal-data redaction, secret check")
        files = RenderedFile.lastOfEachPath(files)
        // Last, because they hash every other file of the pack.
        let integrity = try integrityFiles(for: files, result: result, redactedPages: redaction.redacted)
        clock.mark("manifest")
        // Not rewritten by the last check: they hash and sign the files above, and list their paths scrubbed.
        files += integrity.files
        result.manifestHash = integrity.manifestHash
        result.diagnostics += published.diagnostics
        files.sort { $0.path < $1.path }
        try staging.finish(files)
        options.progress?.finish()
        clock.mark("write")
        result.writtenFiles = files.map(\.path)
    }

    /// The redactor `policy.redaction` asks for. Without a key a hash would be guessable (an e-mail
    /// address is easily enumerated), so it redacts instead; `check` reports the missing key as
    /// dossier.redaction.no-key.
    private func redactor(for result: BuildResult) -> PersonalDataRedactor {
        var mode = result.configuration?.redaction ?? .redact
        let key = PersonalDataRedactor.key(result.configuration?.redactionKey, environment: options.environment, base: options.evidence)
        if mode == .hash && key == nil { mode = .redact }
        return PersonalDataRedactor(mode: mode, key: key)
    }

    /// No message may repeat a secret found in the evidence, whatever rule wrote it, nor name a file
    /// by a name that holds one.
    package static func scrub(_ diagnostics: [Diagnostic], secrets: Set<String>) -> [Diagnostic] {
        guard !secrets.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            var clean = diagnostic
            clean.summary = SecretScrub.message(clean.summary, secrets: secrets)
            clean.file = clean.file.map { SecretScrub.path($0, secrets: secrets) }
            return clean
        }
    }

    /// The machine-readable reports written into every pack.
    private func reports(for result: BuildResult) throws -> [RenderedFile] {
        let context = ReportContext(
            result: result, generator: Self.generator,
            evidencePrefix: ReportContext.prefix(
                forEvidence: options.evidence, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        // Four independent encodings, the larger ones seconds long for 10 000 files: one per core.
        let makers: [@Sendable () throws -> RenderedFile] = [
            { try BuildReport(context).file() }, { JUnitReport(context).file() }, { try SARIFReport(context).file() }, { try OSCALReport(context).file() },
        ]
        return try ParallelMap.map(Array(makers.indices)) { index in Result { try makers[index]() } }.map { try $0.get() }
    }

    /// Discover → parse → content → logs → cross-file checks. Logs come after the compliance content
    /// because the evidence folder may describe its own log formats.
    private func read(limits: InputLimits, diagnostics: DiagnosticCollector) throws -> ([EvidenceFile], [EvidenceDocument], ComplianceContent) {
        let files = try EvidenceDiscoverer(limits: limits).discover(in: options.evidence, diagnostics: diagnostics)
        clock.mark("discover")
        let streamed = files.filter { $0.format == .jsonLines }
        var parser = EvidenceParser(limits: limits)
        parser.keepsShownText = SecretScanner.mayHoldSecret
        parser.progress = options.progress
        options.progress?.begin("Reading evidence", total: files.count - streamed.count)
        var documents = parser.parse(files.filter { $0.format != .jsonLines }, diagnostics: diagnostics)
        clock.mark("parse")
        let content = ComplianceContent.assemble(from: documents, diagnostics: diagnostics)
        let logs = LogExtractReader(formats: content.logFormats, limits: limits)
        for index in documents.indices where documents[index].file.format == .json && documents[index].record == nil {
            guard let tree = documents[index].tree,
                  let extract = logs.read(tree: tree, path: documents[index].path, diagnostics: diagnostics) else { continue }
            documents[index].content = .log(extract)
        }
        options.progress?.begin("Reading log extracts", total: streamed.count)
        documents += ParallelMap.map(streamed, progress: options.progress) { logs.readLines($0, diagnostics: diagnostics) }.compactMap { $0 }
        clock.mark("logs")
        documents.sort { $0.path < $1.path }
        DataFlowBinding().bind(&documents, diagnostics: diagnostics)
        EvidenceLinkChecker().check(documents, diagnostics: diagnostics)
        RecordIDChecker().check(documents, diagnostics: diagnostics)
        PagePathChecker().check(documents, diagnostics: diagnostics)
        PlaceholderChecker().check(documents, diagnostics: diagnostics)
        clock.mark("cross-file checks")
        return (files, documents, content)
    }
}
