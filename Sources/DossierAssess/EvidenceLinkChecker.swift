import DossierIntake
import DossierModel

/// Reports links in Markdown evidence that the pack cannot follow (missing targets,
/// paths leaving the evidence folder, images from the network).
///
/// The renderer applies the same `EvidenceLinkResolver`, so what is reported here is exactly
/// what is dropped from the pages.
package struct EvidenceLinkChecker {
    package init() {}

    package func check(_ documents: [EvidenceDocument], diagnostics: DiagnosticEngine) {
        let resolver = EvidenceLinkResolver(files: documents.map(\.file))
        let problems = ParallelMap.map(documents) { document -> [Diagnostic] in
            guard case .markdown(let markdown) = document.content else { return [] }
            return markdown.links.compactMap { resolver.resolve($0, in: document.file).diagnostic }
        }
        diagnostics.report(contentsOf: problems.flatMap { $0 })
    }
}
