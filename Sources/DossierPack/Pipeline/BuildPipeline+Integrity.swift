import DossierAssess
import DossierModel
import DossierPublish
import Foundation

extension BuildPipeline {
    /// The manifest, checksum list and (with a signer) signatures for a pack's files, and the
    /// manifest's hash. Inputs are the evidence files and every source-root file an approval cites.
    package func integrityFiles(for files: [RenderedFile], result: BuildResult, redactedPages: Set<String> = []) throws
        -> (files: [RenderedFile], manifestHash: String)
    {
        // Where redaction changed an input's page, the manifest says which page, so its two hashes are both on record.
        let documents = Dictionary(result.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let inputs = inputs(of: result).map { entry in
            var marked = entry
            if let document = documents[entry.path] {
                let page = PackPaths.page(forEvidence: document.file)
                if redactedPages.contains(page) { marked.redactedPage = page }
            }
            return marked
        }
        return try PackManifest.files(
            for: files, inputs: inputs, generator: Self.generator, buildDate: result.buildDate.isoTimestamp,
            release: result.configuration?.release ?? options.release, signer: options.signer)
    }

    /// What changed since the pack at `options.previous`, as the new pack's diff page.
    package func diffPage(for files: [RenderedFile], result: BuildResult, renderer: PackRenderer) throws -> RenderedFile? {
        guard let previous = options.previous,
              let report = files.first(where: { $0.path == BuildReport.path })?.contents else { return nil }
        let manifest = try PackManifest(
            generator: Self.generator, buildDate: result.buildDate.isoTimestamp, release: result.configuration?.release,
            inputs: inputs(of: result), outputs: []).json()
        return try renderer.diffPage(
            try PackDiff(old: previous, newReport: report, newManifest: manifest), frameworks: result.assessment.frameworks)
    }

    /// The evidence files, and every source-root file an approval cites, with their hashes.
    private func inputs(of result: BuildResult) -> [PackManifest.Entry] {
        // A name that holds a secret is listed under the name derived from the secret's hash.
        var inputs = result.documents.map {
            PackManifest.Entry(path: SecretScrub.listedPath($0.path, sha256: $0.sha256, secrets: result.secretValues), size: $0.file.size, sha256: $0.sha256)
        }
        var listed = Set(inputs.map(\.path))
        let context = RuleContext(documents: result.documents, content: result.content, configuration: result.configuration, buildDate: result.buildDate.date)
        for document in result.documents {
            guard case .approval(let approval)? = document.record, case .file(let subject, _, _) = approval.subject,
                  subject.contains(":"), !listed.contains(subject),
                  case .found(let hash, let size) = SubjectReader(context: context).hash(of: subject) else { continue }
            inputs.append(PackManifest.Entry(path: subject, size: size, sha256: hash))
            listed.insert(subject)
        }
        return inputs
    }
}
