import DossierIntake
import DossierModel
import Foundation

/// Stage 4's product, and what `check` ends with: the evidence parsed and judged. Immutable; the
/// later stages read it and add nothing to it.
package struct Assessment: Sendable {
    /// The pack configuration (`dossier.yml`), when the evidence folder has one.
    package let configuration: PackConfiguration?
    package let documents: [EvidenceDocument]
    /// Every finding of every stage up to this one, secrets scrubbed from their messages.
    package let diagnostics: [Diagnostic]
    package let buildDate: BuildDate
    /// The catalogs, checklists and mappings in force: built in, plus the evidence folder's own.
    package let content: ComplianceContent
    /// Every checklist item weighed and every control's verdict.
    package let compliance: ComplianceAssessment
    /// Evidence files holding a secret: read and judged, but never published.
    package let withheld: Set<String>
    /// The secret values the scan found: nothing written may hold one.
    package let secretValues: Set<String>
    /// `secretValues`, indexed once for scrubbing every line printed and every path listed.
    package let secretIndex: SecretScrub.Index
    /// The look-alikes `dossier.yml` acknowledges, published as they are (`SecretScanner.Outcome.acknowledged`).
    package var acknowledgedSecrets: Set<String> = []
    /// What was found up to the end of parsing (`ParsedEvidence.parseFindings`), unsorted.
    package var parseFindings: [Diagnostic] = []
    /// Source-root files that approvals cite, hashed once by the file layer (the manifest lists them).
    package let citedSourceFiles: [CitedSourceFile]
    /// `policy.redaction_key` resolved (from the snapshot): the redactor's key for `hash` mode.
    package let redactionKey: Data?
    /// Whether `--strict` was given: it tightens the configured threshold to warnings, and never
    /// loosens a stricter one.
    package let strict: Bool

    package init(
        configuration: PackConfiguration?, documents: [EvidenceDocument], diagnostics: [Diagnostic], buildDate: BuildDate,
        content: ComplianceContent, compliance: ComplianceAssessment, withheld: Set<String> = [], secretValues: Set<String> = [],
        citedSourceFiles: [CitedSourceFile] = [], redactionKey: Data? = nil, strict: Bool = false
    ) {
        self.configuration = configuration
        self.documents = documents
        self.diagnostics = diagnostics
        self.buildDate = buildDate
        self.content = content
        self.compliance = compliance
        self.withheld = withheld
        self.secretValues = secretValues
        secretIndex = SecretScrub.Index(secretValues)
        self.citedSourceFiles = citedSourceFiles
        self.redactionKey = redactionKey
        self.strict = strict
    }

    package func count(_ severity: DiagnosticSeverity) -> Int {
        diagnostics.count { $0.severity == severity }
    }

    /// A line for the terminal with every secret found replaced: a CI log is published too.
    package func scrubbed(_ line: String) -> String {
        SecretScrub.message(line, index: secretIndex)
    }

    /// The built-in catalogs followed by the user's own frameworks from the evidence folder.
    package var catalogs: [Catalog] { content.catalogs }

    /// The severity at which findings fail the build: `policy.failing_severity` (`error` when unset),
    /// tightened by `--strict`.
    package var failingSeverity: DiagnosticSeverity {
        let configured = configuration?.failingSeverity ?? .error
        return strict ? min(configured, .warning) : configured
    }

    /// Whether any diagnostic is at least as serious as `threshold` (the failing severity).
    package func fails(at threshold: DiagnosticSeverity) -> Bool {
        diagnostics.contains { $0.severity >= threshold }
    }
}

/// A source-root file an approval cites (`root:path`), as the file layer hashed it.
package struct CitedSourceFile: Sendable, Hashable {
    package let path: String
    package let size: Int
    package let sha256: String

    package init(path: String, size: Int, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}
