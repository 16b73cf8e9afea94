import DossierIntake
import DossierModel
import Foundation

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
        // Only which paths exist decides a link's fate (published names do not): one digest for the
        // whole folder (NUL between paths: a name may hold a line break, never a NUL), so that a
        // save that adds or removes no file reuses every other file's findings.
        let paths = context.linkMemory.map { _ in ContentHash.sha256(Data(context.documents.map(\.path).joined(separator: "\u{0}").utf8)) }
        let problems = ParallelMap.map(context.documents) { document -> [Diagnostic] in
            guard case .markdown(let markdown) = document.content else { return [] }
            let find = { markdown.links.compactMap { resolver.problem($0, in: document.file) } }
            guard let memory = context.linkMemory, let paths else { return find() }
            let key = LinkKey(path: Data(document.path.utf8), sha256: document.sha256, links: markdown.links, paths: paths)
            return memory.value(for: key, make: find)
        }
        return problems.flatMap { $0 }.map { RuleFinding(diagnostic: $0, standing: nil) }
    }

    /// A file's link findings depend on its name, its links and the paths in the folder. The name
    /// is kept as bytes and the file's hash with its links, because strings compare by canonical
    /// equivalence: an "é" typed another way would find findings whose messages spell it the old way.
    package struct LinkKey: Hashable, Sendable {
        var path: Data
        var sha256: String
        var links: [CommonMarkDocument.Link]
        var paths: String
    }

    /// Each file's link findings from an earlier build of this process (`dossier serve`).
    package typealias Memory = BuildMemo<LinkKey, [Diagnostic]>
}
