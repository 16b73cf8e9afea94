import DossierModel
import DossierPack
import DossierPublish
import DossierTestSupport
import Foundation
import Testing

/// Under `serve`, the pages of the files just saved and the pages open in a browser are rendered and
/// shown before the others; the pack written is the pack a build without that order writes.
struct PreviewOrderTests {
    /// What the preview held each time the build handed it over, of the pages asked about.
    private final class Handovers: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Set<String>] = []
        let asked: [String]
        init(asked: [String]) { self.asked = asked }
        func record(_ pages: PagePreview) {
            let held = Set(asked.filter { pages.contents($0) != nil })
            lock.withLock { seen.append(held) }
        }
        var all: [Set<String>] { lock.withLock { seen } }
    }

    private func options(_ evidence: URL, into pack: URL) -> BuildOptions {
        var options = BuildOptions(evidence: evidence, output: pack, environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        options.memory = BuildMemory()
        return options
    }

    @Test func theSavedAndOpenPagesAreShownFirstAndThePackIsTheSame() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let evidence = Repository.root.appendingPathComponent("evidence")
        let saved = "evidence/checklists/pre-launch.html", open = "controls/soc2/CC6.1.html", other = "evidence/records/dpia-2026-017.html"
        let handovers = Handovers(asked: [saved, open, other])
        var ordered = options(evidence, into: folder.subfolder("ordered"))
        ordered.savedFiles = ["checklists/pre-launch.md"]
        ordered.openPages = [open]
        ordered.preview = { handovers.record($0) }
        _ = try BuildPipeline(options: ordered).build()

        #expect(handovers.all.count == 2, "the pages were not handed over twice: \(handovers.all)")
        #expect(handovers.all.first == [saved, open], "the first pages shown were \(handovers.all.first ?? [])")
        #expect(handovers.all.last == [saved, open, other])

        var plain = options(evidence, into: folder.subfolder("plain"))
        plain.preview = { _ in }
        _ = try BuildPipeline(options: plain).build()
        let (a, b) = (FolderSnapshot.files(under: folder.subfolder("ordered")), FolderSnapshot.files(under: folder.subfolder("plain")))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.isEmpty, "the order changed the pack")
    }

    /// A build a newer save supersedes stops once its single pages are shown, writes nothing, and
    /// leaves the memory as sound as it was: the next build writes the pack a fresh build writes.
    @Test func aSupersededBuildStopsAfterItsSinglePagesAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let evidence = folder.subfolder("evidence")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: evidence)
        let handovers = Handovers(asked: ["evidence/checklists/pre-launch.html", "index.html"])
        var stopped = options(evidence, into: folder.subfolder("served"))
        stopped.preview = { handovers.record($0) }
        stopped.superseded = { true }
        #expect(throws: BuildSuperseded.self) { try BuildPipeline(options: stopped).build() }
        #expect(!FileManager.default.fileExists(atPath: folder.subfolder("served").path), "a superseded build wrote its pack")
        #expect(handovers.all == [["evidence/checklists/pre-launch.html"]], "the single pages were not shown, or the overview was made: \(handovers.all)")

        try folder.write("# Added after\n\nA note saved while the first build ran.\n", to: "evidence/records/added.md")
        var next = stopped
        next.superseded = nil
        _ = try BuildPipeline(options: next).build()
        _ = try BuildPipeline(options: BuildOptions(evidence: evidence, output: folder.subfolder("fresh"), environment: ["SOURCE_DATE_EPOCH": "1795392000"])).build()
        let (served, fresh) = (FolderSnapshot.files(under: folder.subfolder("served")), FolderSnapshot.files(under: folder.subfolder("fresh")))
        #expect(served.keys.sorted() == fresh.keys.sorted())
        #expect(served.keys.filter { served[$0] != fresh[$0] }.isEmpty, "the build after a superseded one differs from a fresh build")
    }
}
