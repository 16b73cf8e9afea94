import DossierIntake
import DossierModel

/// Reports links in Markdown evidence that the pack cannot follow (missing targets,
/// paths leaving the evidence folder, images from the network).
///
/// The renderer applies the same `EvidenceLinkResolver`, so what is reported here is exactly
/// what is dropped from the pages.
package struct LinkRule: AssessmentRule {
    package init() {}

    package static let identifiers: [DiagnosticID] = [.linkMissingTarget, .linkOutsideEvidence, .linkAbsolutePath, .linkRemoteImage, .linkUnsafeScheme]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        let resolver = EvidenceLinkResolver(files: context.documents.map(\.file))
        let problems = ParallelMap.map(context.documents) { document -> [Diagnostic] in
            guard case .markdown(let markdown) = document.content else { return [] }
            return markdown.links.compactMap { resolver.problem($0, in: document.file) }
        }
        return problems.flatMap { $0 }.map { RuleFinding(diagnostic: $0, standing: nil) }
    }
}
