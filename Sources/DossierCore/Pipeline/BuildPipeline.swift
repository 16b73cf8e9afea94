import Foundation

/// The stages in order: discover → parse → assess → render → write.
///
/// Only "cannot continue" is thrown (a missing evidence folder, broken templates, a refused
/// output folder); everything else is a diagnostic in the result.
public struct BuildPipeline: Sendable {
    public static let generator = "Dossier \(DossierVersion.current)"

    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Reads and validates the evidence without writing anything.
    public func check() throws -> BuildResult {
        let diagnostics = DiagnosticCollector()
        guard FileManager.default.fileExists(atPath: options.evidence.path) else {
            throw DossierError(path: options.evidence.relativePath, reason: .evidenceFolderNotFound)
        }
        let buildDate = try BuildDate.resolve(evidence: options.evidence, environment: options.environment)
        let documents = try read(diagnostics: diagnostics)
        let content = ComplianceContent.assemble(from: documents, diagnostics: diagnostics)
        let configuration = try PackConfigurationReader().read(
            evidenceFolder: options.evidence, diagnostics: diagnostics, frameworks: content.catalogs.map(\.framework))
        return BuildResult(
            configuration: configuration, documents: documents, diagnostics: diagnostics.diagnostics,
            buildDate: buildDate, writtenFiles: [], content: content)
    }

    /// Reads, validates, renders and writes the pack; the pack is written whatever the findings.
    public func build() throws -> BuildResult {
        let theme = try options.templates.map { try Theme.overriding(with: $0) } ?? Theme.builtIn
        var result = try check()
        let renderer = try PackRenderer(theme: theme, context: .init(
            configuration: result.configuration, buildDate: result.buildDate, generator: Self.generator))
        let files = try renderer.render(result.documents, diagnostics: result.diagnostics)
        let protected = [options.evidence] + (result.configuration?.sourceRoots.map(\.url) ?? [])
        try AuditPackWriter().write(files, to: options.output, guarding: protected)
        result.writtenFiles = files.map(\.path)
        return result
    }

    private func read(diagnostics: DiagnosticCollector) throws -> [EvidenceDocument] {
        let files = try EvidenceDiscoverer(limits: options.limits).discover(in: options.evidence, diagnostics: diagnostics)
        let documents = EvidenceParser().parse(files, diagnostics: diagnostics)
        EvidenceLinkChecker().check(documents, diagnostics: diagnostics)
        RecordIDChecker().check(documents, diagnostics: diagnostics)
        PagePathChecker().check(documents, diagnostics: diagnostics)
        return documents
    }
}
