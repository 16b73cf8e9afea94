import DossierIntake
import DossierModel

/// The checks that read several files at once before any rule runs: links between evidence files,
/// record IDs, page paths and placeholders left in.
package enum CrossFileChecks {
    package static func run(_ documents: [EvidenceDocument], diagnostics: DiagnosticEngine) {
        EvidenceLinkChecker().check(documents, diagnostics: diagnostics)
        RecordIDChecker().check(documents, diagnostics: diagnostics)
        PagePathChecker().check(documents, diagnostics: diagnostics)
        PlaceholderChecker().check(documents, diagnostics: diagnostics)
    }
}
