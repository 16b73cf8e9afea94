import DossierModel
import DossierPublish
import Foundation

/// What the last build of a pack left beside it (`.dossier-cache/<pack>.patch`) so that the next
/// build, when only the bodies of Markdown files changed, can patch the pack instead of building it
/// (`PatchBuild`): the key of everything but those bodies, each evidence file's hash and the digest of
/// the facts later stages read of it, the search index's model, and the pack's listing as written.
/// The views of the Markdown pages are kept apart (`PatchViews`): they change only with a full build.
///
/// Never trusted: the build cache's record names this file by its size, inode number and
/// status-change time, and a record that does not decode whole and sound is no record.
package struct PatchRecord: Sendable, Equatable {
    package struct File: Sendable, Equatable {
        package var path: String
        package var sha256: String
        /// `MarkdownPart.facts` of a file a patch may change; nil for any other file.
        package var facts: String?
        /// Whether the file has a page (links in an edited body may lead to it).
        package var published: Bool
        /// Whether a verdict examined it: the OSCAL results quote its hash.
        package var examined = false
        /// Whether redaction changed its page (the manifest names such a page): a patch must find it so again.
        package var redacted = false
    }

    /// `BuildCache.key` with every patchable Markdown file's bytes left out (`EvidenceSnapshot.patchDigest`).
    package var baseKey: String
    /// The key of the full build whose views `PatchViews` holds.
    package var viewsKey: String
    /// What finishing a page depended on (`PageMemory.context`): the theme, the redaction, the secret policy.
    package var context: String
    /// Every file of the snapshot, sorted by path.
    package var files: [File]
    package var search: SearchModel
    /// The pack's listing as written (`BuildCache.listing`): its fingerprint, without walking it again.
    package var listing: [String]
    /// The spare folder beside the pack, when one is kept (`PackSpare`).
    package var spare: PackSpare.State?

    private static let version: UInt8 = 1

    /// `search`: the model already encoded (`SearchModel.encoded`), when it was made on another core.
    package func encoded(search encodedSearch: Data? = nil) -> Data {
        var writer = PartWriter()
        writer.byte(Self.version)
        writer.text(baseKey)
        writer.text(viewsKey)
        writer.text(context)
        writer.count(files.count)
        for file in files {
            writer.text(file.path)
            writer.text(file.sha256)
            writer.text(file.facts ?? "")
            writer.byte((file.published ? 1 : 0) | (file.examined ? 2 : 0) | (file.redacted ? 4 : 0))
        }
        writer.count(listing.count)
        listing.forEach { writer.text($0) }
        writer.byte(spare == nil ? 0 : 1)
        if let spare { spare.write(to: &writer) }
        let model = encodedSearch ?? search.encoded()
        writer.count(model.count)
        writer.bytes(model)
        return writer.data
    }

    package init(
        baseKey: String, viewsKey: String, context: String, files: [File], search: SearchModel, listing: [String], spare: PackSpare.State?
    ) {
        self.baseKey = baseKey
        self.viewsKey = viewsKey
        self.context = context
        self.files = files
        self.search = search
        self.listing = listing
        self.spare = spare
    }

    /// The record `encoded` wrote; nil when it is not one this version wrote whole.
    package init?(encoded data: Data) {
        var reader = PartReader(data)
        guard reader.byte() == Self.version, let baseKey = reader.text(), let viewsKey = reader.text(), let context = reader.text(),
              let count = reader.count(), count <= reader.remaining else { return nil }
        var files: [File] = []
        files.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = reader.text(), let sha256 = reader.text(), let facts = reader.text(), let flags = reader.byte(), flags <= 7
            else { return nil }
            files.append(File(path: path, sha256: sha256, facts: facts.isEmpty ? nil : facts, published: flags & 1 == 1, examined: flags & 2 == 2,
                              redacted: flags & 4 == 4))
        }
        guard let lines = reader.count(), lines <= reader.remaining else { return nil }
        var listing: [String] = []
        listing.reserveCapacity(lines)
        for _ in 0..<lines {
            guard let line = reader.text() else { return nil }
            listing.append(line)
        }
        guard let hasSpare = reader.byte(), hasSpare <= 1 else { return nil }
        var spare: PackSpare.State?
        if hasSpare == 1 {
            guard let state = PackSpare.State(from: &reader) else { return nil }
            spare = state
        }
        guard let size = reader.count(), size == reader.remaining, let search = SearchModel(encoded: reader.rest()) else { return nil }
        self.init(baseKey: baseKey, viewsKey: viewsKey, context: context, files: files, search: search, listing: listing, spare: spare)
    }
}

/// A file Dossier keeps beside the pack, named in the build cache's record by what only root could
/// forge (`BuildCache.identity`): found again only if nobody has replaced or rewritten it since.
package struct KeptFile: Codable, Sendable, Equatable {
    package var name: String
    package var identity: String

    /// Writes `data` to `url` (atomically) and returns what names it; nil when it could not be written.
    package static func write(_ data: Data, to url: URL) -> KeptFile? {
        guard (try? data.write(to: url, options: .atomic)) != nil else { return nil }
        return KeptFile(name: url.lastPathComponent, identity: BuildCache.identity(of: url.path) ?? "")
    }

    /// The file's bytes, when it is still the one written.
    package func read(in folder: URL) -> Data? {
        let url = folder.appendingPathComponent(name)
        guard !identity.isEmpty, BuildCache.identity(of: url.path) == identity else { return nil }
        return FileManager.default.contents(atPath: url.path)
    }
}
