import DossierModel
import Foundation

extension PackManifest {
    /// The manifest and checksum files for a pack's rendered files, plus signatures when a key is given.
    package static func files(
        for rendered: [RenderedFile], inputs: [Entry], generator: String, buildDate: String, release: String?, signer: PackSigner?
    ) throws -> (files: [RenderedFile], manifestHash: String) {
        let manifest = PackManifest(generator: generator, buildDate: buildDate, release: release, inputs: inputs, outputs: rendered)
        let data = try manifest.json()
        let sums = Data(checksums(outputs: manifest.outputs, manifest: data).utf8)
        var files = [RenderedFile(path: path, contents: data), RenderedFile(path: checksumsPath, contents: sums)]
        if let signer {
            files.append(RenderedFile(path: path + ".sig", contents: try signer.sign(data)))
            files.append(RenderedFile(path: checksumsPath + ".sig", contents: try signer.sign(sums)))
            files.append(RenderedFile(path: publicKeyPath, text: signer.publicKeyPEM))
        }
        return (files, ContentHash.sha256(data))
    }
}
