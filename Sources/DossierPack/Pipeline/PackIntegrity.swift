import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// The manifest, checksum list and (with a signer) signatures for a pack's files. Inputs are the
/// evidence files and every source-root file an approval cites, as the file layer hashed them.
struct PackIntegrity {
    let pipeline: BuildPipeline
    let assessment: Assessment

    /// The integrity files and the manifest's hash. Where redaction changed an input's page, the
    /// manifest says which page, so its two hashes are both on record.
    func files(for files: [RenderedFile], redactedPages: Set<String> = []) throws -> (files: [RenderedFile], manifestHash: String) {
        let documents = Dictionary(assessment.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let inputs = inputs().map { entry in
            var marked = entry
            if let document = documents[entry.path] {
                let page = PackPaths.page(forEvidence: document.file)
                if redactedPages.contains(page) { marked.redactedPage = page }
            }
            return marked
        }
        return try PackManifest.files(
            for: files, inputs: inputs, generator: BuildPipeline.generator, buildDate: assessment.buildDate.isoTimestamp,
            release: assessment.configuration?.release ?? pipeline.options.release, signer: pipeline.options.signer)
    }

    /// The evidence files, and every source-root file an approval cites, with their hashes.
    func inputs() -> [PackManifest.Entry] {
        // A name that holds a secret is listed under the name derived from the secret's hash.
        let inputs = assessment.documents.map {
            PackManifest.Entry(
                path: SecretScrub.listedPath($0.file.published, sha256: $0.sha256, index: assessment.secretIndex), size: $0.file.size, sha256: $0.sha256)
        }
        let listed = Set(inputs.map(\.path))
        return inputs + assessment.citedSourceFiles.filter { !listed.contains($0.path) }.map {
            PackManifest.Entry(path: $0.path, size: $0.size, sha256: $0.sha256)
        }
    }
}
