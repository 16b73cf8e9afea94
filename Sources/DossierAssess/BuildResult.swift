import DossierIntake
import DossierModel

/// What a build or check produced, for the command line to summarise.
public struct BuildResult: Sendable {
    /// The pack configuration (`dossier.yml`), when the evidence folder has one.
    public var configuration: PackConfiguration?
    public var documents: [EvidenceDocument]
    public var diagnostics: [Diagnostic]
    public var buildDate: BuildDate
    /// Paths of the files written into the pack; empty for `check`.
    public var writtenFiles: [String]

    package init(
        configuration: PackConfiguration?, documents: [EvidenceDocument], diagnostics: [Diagnostic], buildDate: BuildDate,
        writtenFiles: [String], content: ComplianceContent, assessment: ComplianceAssessment
    ) {
        self.configuration = configuration
        self.documents = documents
        self.diagnostics = diagnostics
        self.buildDate = buildDate
        self.writtenFiles = writtenFiles
        self.content = content
        self.assessment = assessment
    }

    public func count(_ severity: DiagnosticSeverity) -> Int {
        diagnostics.count { $0.severity == severity }
    }

    /// The catalogs, checklists and mappings in force: built in, plus the evidence folder's own.
    public var content: ComplianceContent
    /// Every checklist item weighed and every control's verdict.
    public var assessment: ComplianceAssessment = .empty
    /// SHA-256 of the pack's manifest.json, printed at the end of a build so it can be recorded elsewhere.
    public var manifestHash: String?
    /// Evidence files holding a secret: read and judged, but never published.
    public var withheld: Set<String> = []
    /// The secret values the scan found: nothing written may hold one.
    public var secretValues: Set<String> = []

    /// A line for the terminal with every secret found replaced: a CI log is published too.
    public func scrubbed(_ line: String) -> String {
        SecretScrub.message(line, secrets: secretValues)
    }

    /// The built-in catalogs followed by the user's own frameworks from the evidence folder.
    public var catalogs: [Catalog] { content.catalogs }

    /// Whether `--strict` was given: it tightens the configured threshold to warnings, and never
    /// loosens a stricter one.
    public var strict = false

    /// The severity at which findings fail the build: `policy.failing_severity` (`error` when unset),
    /// tightened by `--strict`.
    public var failingSeverity: DiagnosticSeverity {
        let configured = configuration?.failingSeverity ?? .error
        return strict ? min(configured, .warning) : configured
    }

    /// Whether any diagnostic is at least as serious as `threshold` (the failing severity).
    public func fails(at threshold: DiagnosticSeverity) -> Bool {
        diagnostics.contains { $0.severity >= threshold }
    }
}
