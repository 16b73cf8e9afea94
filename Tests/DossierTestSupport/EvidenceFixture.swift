import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Foundation

/// Discovers and parses a throwaway evidence folder, returning what the parse stage produced.
package func parseEvidence(_ files: [String: String]) throws -> (documents: [EvidenceDocument], diagnostics: [Diagnostic]) {
    let folder = try TemporaryFolder(files)
    defer { folder.remove() }
    let collector = DiagnosticEngine()
    let snapshot = try EvidenceSnapshot.take(of: folder.url, environment: ["SOURCE_DATE_EPOCH": "0"])
    collector.report(contentsOf: snapshot.diagnostics)
    return (EvidenceParser().parse(snapshot.files, diagnostics: collector), collector.diagnostics)
}

/// Parses a throwaway evidence folder and assembles its compliance content (user frameworks,
/// checklist definitions and mappings on top of the built-in ones).
package func assembleContent(_ files: [String: String]) throws -> (content: ComplianceContent, diagnostics: [Diagnostic]) {
    let (documents, parsed) = try parseEvidence(files)
    let collector = DiagnosticEngine()
    collector.report(contentsOf: parsed)
    let content = ComplianceContent.assemble(from: documents, diagnostics: collector)
    return (content, collector.diagnostics)
}
