import DossierTestSupport
import Foundation
import Testing

/// A file or folder name may hold personal data (an access review named after the person). When
/// the pack redacts personal data, such a name is published as a hash: no page path, link, manifest
/// line or checksum line carries it, and every link to the file still leads to its page.
@Suite struct PersonalNameTests {
    private static let email = "jane.doe@example.com"
    private static let phone = "+44 20 7946 0958"

    private func build(redaction: String, key: Bool = false) throws -> (folder: TemporaryFolder, outcome: CommandRunner.Outcome) {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": """
                organisation: Acme
                scope: Names
                frameworks: [gdpr]
                audit_period: {start: 2026-01-01, end: 2026-12-31}
                policy:
                  redaction: \(redaction)
                \(key ? "  redaction_key: ../name.key" : "")

                """,
            "name.key": "a key for names\n",
            "evidence/reviews/\(Self.email).md": "# Access review\n\nReviewed. See [the notes](../notes.md).\n",
            "evidence/people/\(Self.phone)/call.md": "# Call notes\n\nBack to [the review](../../reviews/\(Self.email).md).\n",
            "evidence/notes.md": "# Notes\n\nSee [the review](reviews/\(Self.email).md) and [the call](<people/\(Self.phone)/call.md>).\n",
        ])
        try folder.write(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), to: "evidence/diagrams/\(Self.email).png")
        try folder.write("# Diagram\n\n![flow](diagrams/\(Self.email).png)\n", to: "evidence/diagram.md")
        let outcome = try CommandRunner.run(
            Repository.dossierBinary, ["build", "evidence", "--output", "pack", "--progress", "none", "--no-cache"],
            in: folder.url, environment: ["SOURCE_DATE_EPOCH": "1795392000", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
        return (folder, outcome)
    }

    private func paths(_ folder: TemporaryFolder) -> [String] {
        FolderSnapshot.files(under: folder.subfolder("pack")).keys.sorted()
    }

    @Test(arguments: ["redact", "hash"])
    func aNameHoldingPersonalDataIsPublishedAsAHash(_ redaction: String) throws {
        let (folder, outcome) = try build(redaction: redaction, key: redaction == "hash")
        defer { folder.remove() }
        #expect(folder.exists("pack/index.html"), "\(outcome.stderr)")
        let published = paths(folder)
        #expect(!published.contains { $0.contains("jane") || $0.contains("@") || $0.contains("7946") }, "\(published)")
        #expect(published.contains { $0.hasPrefix("evidence/reviews/redacted-") && $0.hasSuffix(".html") }, "\(published)")
        #expect(published.contains { $0.hasPrefix("evidence/people/redacted-") && $0.hasSuffix("/call.html") }, "the folder is renamed, the file in it kept")
        #expect(published.contains { $0.hasPrefix("files/diagrams/redacted-") && $0.hasSuffix(".png") }, "an image keeps its extension")
        for (path, data) in FolderSnapshot.files(under: folder.subfolder("pack")) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(Self.email) && !text.contains("jane.doe"), "\(path) holds the name")
        }
        let problems = try PackLinkWalker(root: folder.subfolder("pack")).problems()
        #expect(problems.isEmpty, "links broken by the renaming: \(problems)")
        let manifest = try folder.read("pack/manifest.json")
        #expect(manifest.contains("\"reviews/redacted-"), "the manifest lists the input under its published name")
    }

    @Test func aKeyedHashDiffersFromTheUnkeyedOne() throws {
        let (plain, _) = try build(redaction: "redact")
        let (keyed, _) = try build(redaction: "hash", key: true)
        defer { plain.remove(); keyed.remove() }
        let plainName = paths(plain).first { $0.hasPrefix("evidence/reviews/redacted-") }
        let keyedName = paths(keyed).first { $0.hasPrefix("evidence/reviews/redacted-") }
        #expect(plainName != nil && keyedName != nil && plainName != keyedName, "with a key, a guessed name cannot be confirmed by hashing it")
    }

    @Test func aPackThatKeepsPersonalDataKeepsTheName() throws {
        let (folder, outcome) = try build(redaction: "keep")
        defer { folder.remove() }
        #expect(folder.exists("pack/evidence/reviews/\(Self.email).html"), "\(outcome.stderr)")
        #expect(try PackLinkWalker(root: folder.subfolder("pack")).problems().isEmpty)
    }

    @Test func twoBuildsNameAlike() throws {
        let (first, _) = try build(redaction: "redact")
        let (second, _) = try build(redaction: "redact")
        defer { first.remove(); second.remove() }
        #expect(FolderSnapshot.files(under: first.subfolder("pack")) == FolderSnapshot.files(under: second.subfolder("pack")))
    }
}
