@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Evidence pages are written into the staging folder as they are rendered, and only their size and
/// hash are kept; the rest of the pack follows at the end.
@Suite struct PackStagingTests {
    private func stagingFolders(in parent: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.url.path).filter { $0.hasPrefix(AuditPackWriter.stagingPrefix) }
    }

    @Test func aStoredPageKeepsItsDigestAndLandsInThePack() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let staging = try AuditPackWriter().begin(to: parent.subfolder("pack"), guarding: [])
        let page = RenderedFile(path: "evidence/deep/folder/a.html", text: "<p>page</p>")
        let stored = try staging.store(page)
        #expect(stored.contents.isEmpty, "the page is not held in memory once stored")
        #expect(stored.stored == RenderedFile.Digest(size: page.contents.count, sha256: ContentHash.sha256(page.contents)))
        #expect(stored.digest == page.digest)
        try staging.finish([stored, RenderedFile(path: "index.html", text: "index")])
        #expect(try parent.read("pack/evidence/deep/folder/a.html") == "<p>page</p>")
        #expect(try parent.read("pack/index.html") == "index")
        let manifest = PackManifest(generator: "test", buildDate: "", release: nil, inputs: [], outputs: [stored])
        #expect(manifest.outputs == [PackManifest.Entry(path: page.path, size: 11, sha256: ContentHash.sha256(page.contents))])
        #expect(try stagingFolders(in: parent).isEmpty)
    }

    @Test func anAbandonedBuildLeavesThePreviousPackAndNoStagingFolder() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        try AuditPackWriter().write([RenderedFile(path: "index.html", text: "old")], to: parent.subfolder("pack"), guarding: [])
        let staging = try AuditPackWriter().begin(to: parent.subfolder("pack"), guarding: [])
        _ = try staging.store(RenderedFile(path: "evidence/a.html", text: "new"))
        #expect(try stagingFolders(in: parent).count == 1)
        staging.abandon()
        #expect(try stagingFolders(in: parent).isEmpty)
        #expect(try parent.read("pack/index.html") == "old")
        #expect(!parent.exists("pack/evidence/a.html"))
    }

    @Test func theDestinationIsRefusedBeforeAnythingIsStaged() throws {
        let parent = try TemporaryFolder(["docs/thesis.tex": "precious"])
        defer { parent.remove() }
        #expect(throws: DossierError.self) { try AuditPackWriter().begin(to: parent.subfolder("docs"), guarding: []) }
        #expect(try stagingFolders(in: parent).isEmpty)
    }

    @Test func aFaultWhileRenderingIsThrownFromTheStoreItself() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let staging = try AuditPackWriter(faults: FaultInjection(stage: .whileRendering)).begin(to: parent.subfolder("pack"), guarding: [])
        #expect(throws: DossierError.self) { try staging.store(RenderedFile(path: "evidence/a.html", text: "a")) }
        staging.abandon()
        #expect(try stagingFolders(in: parent).isEmpty)
    }
}
