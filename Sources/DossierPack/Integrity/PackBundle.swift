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
        // Checked before an existing zip is replaced: a refused pack leaves it as it was.
        let (tree, paths) = try Self.files(of: pack)
        guard case .success(let manifestFile) = tree.read(PackManifest.path),
              let manifest = try? JSONDecoder().decode(PackManifest.self, from: manifestFile.bytes.data()) else {
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
        // Named after the pack, not the zip, so the same pack always gives the same bytes.
        let folder = pack.standardizedFileURL.lastPathComponent
        for path in paths {
            // Read one at a time, so the pack is never held whole; a file that has become a link or
            // a FIFO since the walk is refused as the walk would have refused it.
            guard case .success(let read) = tree.read(path) else {
                try? manager.removeItem(at: destination)
                throw Self.refusal(pack, path, "it is no longer a plain file")
            }
            let contents = read.bytes
            try archive.addEntry(
                with: folder + "/" + path, type: .file, uncompressedSize: Int64(contents.count), modificationDate: date,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                switch contents {
                case .whole(let data): data.subdata(in: data.startIndex + Int(position)..<data.startIndex + Int(position) + size)
                case .open(let file): file.read(offset: Int(position), count: size)
                }
            }
        }
    }

    /// The pack's files, sorted, found by a walk that follows no link: a symbolic link (which would put
    /// a file from outside the pack, say `/etc/passwd`, into the zip) or a special file (a FIFO would
    /// hang the read) is refused. The marker and the git placeholder stay out: they belong to the
    /// folder, not to what the auditor receives.
    static func files(of pack: URL) throws -> (tree: PackTree, paths: [String]) {
        guard let tree = PackTree(walking: pack) else {
            throw DossierError(path: pack.path, reason: .unreadable("the pack folder cannot be listed"))
        }
        var paths: [String] = []
        for entry in tree.entries {
            switch entry.kind {
            case .folder: continue
            case .link(let target): throw refusal(pack, entry.path, "it is a symbolic link (to \(target))")
            case .special: throw refusal(pack, entry.path, "it is a FIFO, socket or device")
            case .unreadable: throw refusal(pack, entry.path, "it cannot be read")
            case .file:
                if entry.path != PackManifest.markerPath && entry.path != PackManifest.placeholderPath { paths.append(entry.path) }
            }
        }
        return (tree, paths)
    }

    private static func refusal(_ pack: URL, _ path: String, _ what: String) -> DossierError {
        DossierError(path: pack.appendingPathComponent(path).path, reason: .packRefused(
            "\(what); a pack holds only files and folders, and bundle follows no link. Remove it, or rebuild the pack, then bundle again"))
    }
}
