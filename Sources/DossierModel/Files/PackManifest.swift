import Foundation

/// What a pack is made of, hashed: every evidence file it was built from (and every source-root file
/// an approval cites), and every file of the pack itself. With `SHA256SUMS` beside it, anyone can
/// check years later that nothing changed, with Dossier or with `sha256sum -c`.
///
/// Raw evidence does not ship in the pack: the pages publish what an auditor reads, and the input
/// hashes let the evidence repository be checked against the pack. (When redaction arrives, a
/// file's published page differs from its input; both hashes are then recorded.)
package struct PackManifest: Codable, Sendable, Equatable {
    package static let path = "manifest.json"
    package static let checksumsPath = "SHA256SUMS"
    package static let publicKeyPath = "signing-key.pem"
    /// The file that marks a folder as a Dossier pack (so a rebuild may replace it).
    package static let markerPath = ".dossier-pack"
    /// What the marker holds: these bytes and nothing else, so that it cannot carry anything unchecked.
    package static let markerContents = Data("dossier pack\n".utf8)
    /// The placeholder a committed, otherwise empty output folder keeps in git. A pack carries it over
    /// from the folder it replaces, always empty, so that it cannot carry anything unchecked either.
    package static let placeholderPath = ".gitkeep"
    /// Files that describe or sign the pack, so they cannot list themselves.
    package static let integrityFiles: Set<String> = [
        path, checksumsPath, path + ".sig", checksumsPath + ".sig", publicKeyPath, markerPath, placeholderPath,
    ]

    package struct Entry: Codable, Sendable, Equatable, Comparable {
        package var path: String
        package var size: Int
        package var sha256: String
        /// For an input whose page had personal data redacted: that page, whose hash (in `outputs`)
        /// is of the redacted text, not of anything in the input.
        package var redactedPage: String?

        package init(path: String, size: Int, sha256: String, redactedPage: String? = nil) {
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.redactedPage = redactedPage
        }

        enum CodingKeys: String, CodingKey {
            case path, size, sha256, redactedPage = "redacted_page"
        }

        package static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.path < rhs.path }
    }

    package var generator: String
    package var buildDate: String
    package var release: String?
    package var inputs: [Entry]
    package var outputs: [Entry]

    package enum CodingKeys: String, CodingKey {
        case generator, buildDate = "build_date", release, inputs, outputs
    }

    package init(generator: String, buildDate: String, release: String?, inputs: [Entry], outputs: [RenderedFile]) {
        self.generator = generator
        self.buildDate = buildDate
        self.release = release
        self.inputs = inputs.sorted()
        self.outputs = outputs.filter { !Self.integrityFiles.contains($0.path) }
            .map { file in
                let digest = file.digest
                return Entry(path: file.path, size: digest.size, sha256: digest.sha256)
            }.sorted()
    }

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// `sha256sum -c` input: every output and the manifest itself, two spaces between hash and path.
    package static func checksums(outputs: [Entry], manifest: Data) -> String {
        let manifestEntry = Entry(path: path, size: manifest.count, sha256: ContentHash.sha256(manifest))
        return (outputs + [manifestEntry]).sorted().map { "\($0.sha256)  \($0.path)\n" }.joined()
    }
}
