import DossierIntake
import DossierModel
import Foundation
import ZIPFoundation

/// One zip of a pack to send to an auditor. Entries are sorted and every entry's time is the pack's
/// build date (not the file's), so two bundles of the same pack are byte-identical; after unzipping,
/// `dossier verify` or `sha256sum -c SHA256SUMS` checks it as before.
package struct PackBundle: Sendable {
    package init() {}

    /// `guarding`: folders the zip may not be written into (the evidence, templates, source roots).
    package func write(pack: URL, to destination: URL, guarding protected: [URL] = []) throws {
        let manager = FileManager.default
        guard let data = manager.contents(atPath: pack.appendingPathComponent(PackManifest.path).path),
              let manifest = try? JSONDecoder().decode(PackManifest.self, from: data) else {
            throw DossierError(path: pack.path, reason: .unreadable("no manifest.json: only a pack built by Dossier can be bundled"))
        }
        // DOS dates start in 1980 and have two-second steps; the build date, so read, is the same on every run.
        let date = ISODate.parse(manifest.buildDate) ?? Date(timeIntervalSince1970: 315_532_800)
        // An existing zip is replaced, but never a folder or another kind of file (`--zip
        // evidence/dossier.yml` must not destroy the configuration), and the zip goes neither inside
        // the pack it holds nor inside a protected folder. Links are resolved before comparing.
        let resolved = destination.deletingLastPathComponent().resolvingSymlinksInPath().path + "/" + destination.lastPathComponent
        func inside(_ folder: URL) -> Bool { resolved.hasPrefix(folder.resolvingSymlinksInPath().path + "/") }
        if inside(pack) {
            throw DossierError(path: destination.path, reason: .outputNotWritable("it is inside the pack being zipped; write the zip beside the pack"))
        }
        if let folder = protected.first(where: inside) {
            throw DossierError(path: destination.path, reason: .outputNotWritable("it is inside \(folder.relativePath), which Dossier only reads; write the zip elsewhere"))
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw DossierError(path: destination.path, reason: .outputNotWritable("it is a folder; name the zip file to write, e.g. audit-pack.zip"))
            }
            let head = (try? FileHandle(forReadingFrom: destination))?.readData(ofLength: 4) ?? Data()
            // A zip opens with a local file header, or, when empty, with its end-of-directory record.
            guard head.isEmpty || head.elementsEqual(EvidenceParser.zipSignature) || head == Data([0x50, 0x4B, 0x05, 0x06]) else {
                throw DossierError(path: destination.path, reason: .outputNotWritable("it exists and is not a zip; Dossier replaces only a zip it may have written"))
            }
        }
        if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
        let archive: Archive
        do {
            archive = try Archive(url: destination, accessMode: .create)
        } catch {
            throw DossierError(path: destination.path, reason: .outputNotWritable("\(error)"))
        }
        let root = pack.standardizedFileURL.path
        var paths: [String] = []
        let enumerator = manager.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue, path != AuditPackWriter.markerName {
                paths.append(path)
            }
        }
        // Named after the pack, not the zip, so the same pack always gives the same bytes.
        let folder = pack.standardizedFileURL.lastPathComponent
        for path in paths.sorted() {
            let contents = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            try archive.addEntry(
                with: folder + "/" + path, type: .file, uncompressedSize: Int64(contents.count), modificationDate: date,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                contents.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
    }
}
