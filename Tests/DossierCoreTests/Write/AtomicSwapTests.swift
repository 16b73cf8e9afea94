import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The swap, the fault-injection switch and the sweeping of what crashed builds leave behind.
@Suite struct AtomicSwapTests {
    private let previous = [RenderedFile(path: "index.html", text: "old"), RenderedFile(path: "evidence/a.html", text: "old a")]
    private let next = [RenderedFile(path: "index.html", text: "new"), RenderedFile(path: "evidence/b.html", text: "b"),
                        RenderedFile(path: "evidence/c.html", text: "c"), RenderedFile(path: "about.html", text: "about")]

    static func snapshot(_ folder: URL) -> [String: Data] { FolderSnapshot.files(under: folder) }

    static func leftovers(in parent: URL) -> [String] { FolderSnapshot.leftovers(besides: parent.appendingPathComponent("pack")) }

    /// (`while-rendering` happens only in a build, which stores pages as it renders: `PackStagingTests`.)
    @Test(arguments: FaultInjection.Stage.allCases.filter { $0 != .whileRendering })
    func aFailureAtAnyStageLeavesThePreviousPackOrTheWholeNewOne(_ stage: FaultInjection.Stage) throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let output = parent.subfolder("pack")
        try AuditPackWriter().write(previous, to: output, guarding: [])
        let before = Self.snapshot(output)
        #expect(before.count == 3, "two pages and the marker")
        #expect(throws: DossierError.self) {
            try AuditPackWriter(faults: FaultInjection(stage: stage)).write(next, to: output, guarding: [])
        }
        if stage == .afterSwap {
            // Past the swap the new pack is whole in place; only removing the previous one was skipped.
            #expect(Self.snapshot(output).count == next.count + 1)
            #expect(try parent.read("pack/index.html") == "new")
        } else {
            #expect(Self.snapshot(output) == before, "the previous pack changed after a fault at \(stage)")
        }
        #expect(Self.leftovers(in: parent.url).isEmpty, "\(Self.leftovers(in: parent.url))")
    }

    @Test func aFaultBeforeTheFirstPackLeavesNoDestination() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        #expect(throws: DossierError.self) {
            try AuditPackWriter(faults: FaultInjection(stage: .beforeSwap)).write(next, to: parent.subfolder("pack"), guarding: [])
        }
        #expect(!parent.exists("pack"))
        #expect(Self.leftovers(in: parent.url).isEmpty)
    }

    @Test func theSwitchIsReadFromTheEnvironmentAndATypoIsRefused() throws {
        #expect(try FaultInjection(environment: [:]) == .none)
        #expect(try FaultInjection(environment: ["DOSSIER_FAULT_INJECT": "before-swap"]) == FaultInjection(stage: .beforeSwap))
        #expect(try FaultInjection(environment: ["DOSSIER_FAULT_INJECT": "mid-write:crash"]) == FaultInjection(stage: .midWrite, crash: true))
        for typo in ["before_swap", "mid-write:boom"] {
            #expect(throws: DossierError.self) { try FaultInjection(environment: ["DOSSIER_FAULT_INJECT": typo]) }
        }
    }

    /// Leftovers of a crashed build carry the marker and a dead process's ID; a running build's
    /// staging folder and anything without the marker are left alone.
    @Test func staleStagingAndSetAsideFoldersAreSweptOnlyWhenTheirBuildIsGone() throws {
        let deadPID = 2_000_000_000  // above Linux's pid_max, so no process has it
        let parent = try TemporaryFolder([
            ".dossier-staging-\(deadPID)-A/.dossier-pack": "", ".dossier-old-\(deadPID)-B/.dossier-pack": "",
            ".dossier-staging-0C7E5A4F-1D2B-4C3D-9E8F-000000000000/.dossier-pack": "",
            ".dossier-staging-\(getpid())-D/.dossier-pack": "", ".dossier-old-\(deadPID)-E/notes.txt": "not ours",
        ])
        defer { parent.remove() }
        try AuditPackWriter().write(next, to: parent.subfolder("pack"), guarding: [])
        #expect(Self.leftovers(in: parent.url) == [".dossier-old-\(deadPID)-E", ".dossier-staging-\(getpid())-D"])
    }

    @Test func anOutputPathThroughALinkIntoTheEvidenceIsRefused() throws {
        let parent = try TemporaryFolder(["evidence/a.md": "x"])
        defer { parent.remove() }
        let link = parent.subfolder("link-to-evidence")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: parent.subfolder("evidence"))
        for target in [link.appendingPathComponent("new"), link.appendingPathComponent("new/deeper/still")] {
            #expect(throws: DossierError.self, "\(target.path)") {
                try AuditPackWriter().write(next, to: target, guarding: [parent.subfolder("evidence")])
            }
        }
        #expect(!parent.exists("evidence/new"))
        // The control: the same new folder beside the evidence, not through the link, is accepted.
        try AuditPackWriter().write(next, to: parent.subfolder("new"), guarding: [parent.subfolder("evidence")])
        #expect(parent.exists("new/index.html"))
    }
}
