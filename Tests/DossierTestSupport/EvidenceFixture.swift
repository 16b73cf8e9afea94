import DossierCore
import Foundation

/// Discovers and parses a throwaway evidence folder, returning what the parse stage produced.
public func parseEvidence(_ files: [String: String]) throws -> (documents: [EvidenceDocument], diagnostics: [Diagnostic]) {
    let folder = try TemporaryFolder(files)
    defer { folder.remove() }
    let collector = DiagnosticCollector()
    let found = try EvidenceDiscoverer().discover(in: folder.url, diagnostics: collector)
    return (EvidenceParser().parse(found, diagnostics: collector), collector.diagnostics)
}
