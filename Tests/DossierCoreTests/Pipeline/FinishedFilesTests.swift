@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
import DossierTestSupport
import Foundation
import Testing

/// The reports and the search index as a build finished them (redacted, checked for secrets) are
/// kept on disk and taken again only for the very bytes, under the very policy, they were made from;
/// a file the check found a secret in is never kept, so every build reports the finding.
@Suite struct FinishedFilesTests {
    private let report = RenderedFile(path: "report.json", text: "{\"owner\": \"ann.owner@example.com\"}\n")
    private let leaking = RenderedFile(path: "results.sarif", text: "{\"text\": \"token ghp_s77rmnX9ziN8GJzVxPwmBNokCCXQcBWLufCS\"}\n")

    /// One build's finishing of `files` over the parts in `folder`: what it published, what it
    /// recorded as redacted, what the check found, and how many parts it took from the last build.
    private func finish(
        _ files: [RenderedFile], in folder: TemporaryFolder, mode: PackConfiguration.Redaction = .redact, parts: Bool = true
    ) -> (files: [RenderedFile], redacted: Set<String>, findings: [Diagnostic], recalled: Int) {
        let kept = parts ? DiskParts(folder: folder.subfolder("parts"), generation: "g1") : nil
        kept?.allowWrites(keepingNothingFrom: [])
        let redaction = RedactionPass(redactor: PersonalDataRedactor(mode: mode))
        let published = PublishedSecretCheck(known: [], policy: .init())
        let context = PageMemory.context(theme: Theme.builtIn, redaction: mode, key: nil, secrets: [], policy: .init())
        let finished = FinishedFiles(
            parts: kept, context: context, finish: PageFinish(redaction: redaction, published: published), redactionReads: redaction.redactor.reads)
        let out = files.map(finished.finish)
        kept?.finishBuild()
        return (out, redaction.redacted, published.diagnostics, kept?.recalled ?? 0)
    }

    @Test func aReportFinishedBeforeIsTakenAsItWasAndCountsAsRedacted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = finish([report], in: folder)
        #expect(first.recalled == 0)
        #expect(String(decoding: first.files[0].contents, as: UTF8.self).contains("[email redacted]"))
        let second = finish([report], in: folder)
        #expect(second.recalled == 1)
        #expect(second.files[0].contents == first.files[0].contents)
        #expect(second.redacted == ["report.json"])
        #expect(second.files[0].contents == finish([report], in: folder, parts: false).files[0].contents)
    }

    @Test func anotherPolicyOrOtherBytesAreFinishedAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = finish([report], in: folder)
        let kept = finish([report], in: folder, mode: .keep)
        #expect(kept.recalled == 0)
        #expect(kept.files[0].contents == report.contents)
        #expect(kept.redacted.isEmpty)
        let edited = RenderedFile(path: "report.json", text: "{\"owner\": \"bob.other@example.com\"}\n")
        let again = finish([edited], in: folder)
        #expect(again.recalled == 0)
        #expect(!String(decoding: again.files[0].contents, as: UTF8.self).contains("bob.other"))
    }

    @Test func aFileWithASecretIsNeverKeptAndItsFindingComesEveryTime() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for _ in 0..<2 {
            let built = finish([leaking], in: folder)
            #expect(built.recalled == 0)
            #expect(built.findings.map(\.identifier) == [DiagnosticID.secretPublished.rawValue])
            #expect(!String(decoding: built.files[0].contents, as: UTF8.self).contains("ghp_s77"))
        }
        for (path, bytes) in FolderSnapshot.files(under: folder.subfolder("parts")) {
            #expect(bytes.range(of: Data("ghp_s77".utf8)) == nil, "\(path) holds the token")
        }
    }
}
