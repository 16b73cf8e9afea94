import Foundation
import ZIPFoundation

/// One zip of a pack to send to an auditor. Entries are sorted and every entry's time is the pack's
/// build date (not the file's), so two bundles of the same pack are byte-identical; after unzipping,
/// `dossier verify` or `sha256sum -c SHA256SUMS` checks it as before.
public struct PackBundle: Sendable {
    public init() {}

    public func write(pack: URL, to destination: URL) throws {
        let manager = FileManager.default
        guard let data = manager.contents(atPath: pack.appendingPathComponent(PackManifest.path).path),
              let manifest = try? JSONDecoder().decode(PackManifest.self, from: data) else {
            throw DossierError(path: pack.path, reason: .unreadable("no manifest.json: only a pack built by Dossier can be bundled"))
        }
        // DOS dates start in 1980 and have two-second steps; the build date, so read, is the same on every run.
        let date = ISODate.parse(manifest.buildDate) ?? Date(timeIntervalSince1970: 315_532_800)
        // An existing zip is replaced, but never a folder (`--output evidence` must not delete the
        // evidence), and the zip cannot go inside the pack it holds.
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw DossierError(path: destination.path, reason: .outputNotWritable("it is a folder; name the zip file to write, e.g. audit-pack.zip"))
            }
        }
        if destination.standardizedFileURL.path.hasPrefix(pack.standardizedFileURL.path + "/") {
            throw DossierError(path: destination.path, reason: .outputNotWritable("it is inside the pack being zipped; write the zip beside the pack"))
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
