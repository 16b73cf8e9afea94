import DossierServe
import DossierTestSupport
import Foundation
import Testing

/// What `serve`'s watcher reports as the evidence folder changes under it, in the ways a compliance
/// lead's folder does: given through a link, deleted and made again, a folder moved away.
@Suite(.serialized) struct FolderWatcherTests {
    @Test func aRootGivenThroughALinkIsWatchedWhereItLeads() throws {
        let folder = try TemporaryFolder(["evidence/dossier.yml": "organisation: Acme\n"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(at: folder.subfolder("linked"), withDestinationURL: folder.subfolder("evidence"))
        let watcher = try FolderWatcher(roots: [folder.subfolder("linked")])
        try folder.write("organisation: Acme Ltd\n", to: "evidence/dossier.yml")
        let root = FolderWatcher.resolvedRoot(folder.subfolder("linked")).path
        #expect(root == FolderWatcher.resolvedRoot(folder.subfolder("evidence")).path)
        #expect(watcher.nextBatch().contains(root + "/dossier.yml"), "an edit at the top of a linked folder went unseen")
    }

    @Test func aRootDeletedAndMadeAgainIsWatchedAgain() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n"])
        defer { folder.remove() }
        let (root, watcher) = try watchEvidence(in: folder)
        try FileManager.default.removeItem(at: folder.subfolder("evidence"))
        #expect(!watcher.nextBatch().isEmpty)
        try folder.write("# B\n", to: "evidence/b.md")
        // Nothing watches the new folder yet: it is looked for, and its coming back is the change.
        var batch: [String] = []
        let deadline = Date().addingTimeInterval(10)
        while batch.isEmpty && Date() < deadline { batch = watcher.nextBatch() }
        #expect(batch == [root], "the folder's return was not reported: \(batch)")
        try folder.write("# B again\n", to: "evidence/b.md")
        #expect(watcher.nextBatch().contains(root + "/b.md"), "an edit in the folder made again went unseen")
    }

    @Test func hiddenFoldersAndAnEditorsSwapFilesAreNoNews() throws {
        let folder = try TemporaryFolder(["evidence/answers.md": "# A\n", "evidence/.git/objects/ab/cd": "x"])
        defer { folder.remove() }
        let (root, watcher) = try watchEvidence(in: folder)
        try folder.write("swap", to: "evidence/.answers.md.swp")
        try folder.write("finder", to: "evidence/.DS_Store")
        try folder.write("index", to: "evidence/.git/index.lock")
        try folder.write("object", to: "evidence/.git/objects/ab/ef")
        #expect(!watcher.hasNews, "a swap file, Finder's settings or git's own files stopped a rebuild")
        try folder.write("# A, saved\n", to: "evidence/answers.md")
        #expect(watcher.nextBatch() == [root + "/answers.md"])
    }

    /// The build notes a backup (`answers.md~`): deleting it, as the note says, changes the pack.
    @Test func aBackupComingOrGoingIsNews() throws {
        let folder = try TemporaryFolder(["evidence/answers.md~": "# old\n"])
        defer { folder.remove() }
        let (root, watcher) = try watchEvidence(in: folder)
        try FileManager.default.removeItem(at: folder.subfolder("evidence/answers.md~"))
        // Only a note changes: worth a rebuild of its own, not stopping the one running.
        #expect(!watcher.hasNews, "a leftover going stopped a rebuild")
        #expect(watcher.nextBatch() == [root + "/answers.md~"])
    }

    /// A file watched by name (git's HEAD, for the commit the pack names) counts; its neighbours do not.
    @Test func aFileWatchedByNameCountsAndItsNeighboursDoNot() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n", "repo/.git/logs/HEAD": "one\n", "repo/.git/logs/other": ""])
        defer { folder.remove() }
        let marker = FolderWatcher.resolvedRoot(folder.subfolder("repo/.git/logs/HEAD")).path
        let watcher = try FolderWatcher(roots: [folder.subfolder("evidence")], files: [folder.subfolder("repo/.git/logs/HEAD")])
        try folder.write("two\n", to: "repo/.git/logs/other")
        #expect(!watcher.hasNews, "a file beside the one watched by name counted")
        try folder.write("one\ntwo\n", to: "repo/.git/logs/HEAD")
        #expect(watcher.nextBatch() == [marker])
    }

    @Test func aFolderMovedOutOfTheRootIsNoLongerReported() throws {
        let folder = try TemporaryFolder(["evidence/sub/a.md": "# A\n", "elsewhere/keep": ""])
        defer { folder.remove() }
        let (root, watcher) = try watchEvidence(in: folder)
        try FileManager.default.moveItem(at: folder.subfolder("evidence/sub"), to: folder.subfolder("elsewhere/sub"))
        #expect(watcher.nextBatch().contains(root + "/sub"))
        try folder.write("# A, edited where it went\n", to: "elsewhere/sub/a.md")
        try folder.write("# Sentinel\n", to: "evidence/sentinel.md")
        let batch = watcher.nextBatch()
        #expect(batch.contains(root + "/sentinel.md"))
        #expect(!batch.contains { $0.hasSuffix("/a.md") }, "a folder moved away still starts rebuilds: \(batch)")
    }

    /// Dropping the watch of a folder moved out queues an event naming nothing of ours: it must not
    /// pass for a newer save (a rebuild stopped for it would never be followed).
    @Test func aDroppedWatchIsNoNews() throws {
        let folder = try TemporaryFolder(["evidence/sub/a.md": "# A\n", "elsewhere/keep": ""])
        defer { folder.remove() }
        let watcher = try FolderWatcher(roots: [folder.subfolder("evidence")])
        try FileManager.default.moveItem(at: folder.subfolder("evidence/sub"), to: folder.subfolder("elsewhere/sub"))
        #expect(!watcher.nextBatch().isEmpty)
        #expect(!watcher.hasNews, "the watch dropped for the folder moved out counts as a save")
        try folder.write("# B\n", to: "evidence/b.md")
        #expect(watcher.hasNews)
        #expect(watcher.nextBatch().contains { $0.hasSuffix("/evidence/b.md") }, "what hasNews read was lost")
    }

    /// A root replaced by a link, or a link pointed elsewhere, is watched where it leads now.
    @Test func aRootReplacedByALinkOrRepointedIsFollowed() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n", "other/dossier.yml": "organisation: Other\n", "third/c.md": "# C\n"])
        defer { folder.remove() }
        let watcher = try FolderWatcher(roots: [folder.subfolder("evidence")])
        // The root's place taken by a link to `target`, then a file of `target` saved: both are seen.
        func relink(to target: String, saving file: String, _ what: Comment) throws {
            try FileManager.default.removeItem(at: folder.subfolder("evidence"))
            try FileManager.default.createSymbolicLink(at: folder.subfolder("evidence"), withDestinationURL: folder.subfolder(target))
            let root = FolderWatcher.resolvedRoot(folder.subfolder(target)).path
            #expect(try batch(watcher, containing: root), what)
            try folder.write("saved again\n", to: target + "/" + file)
            #expect(watcher.nextBatch().contains(root + "/" + file))
        }
        try relink(to: "other", saving: "dossier.yml", "the link that took the folder's place was not followed")
        try relink(to: "third", saving: "c.md", "the link pointed elsewhere was not followed")
    }

    /// Batches until one names `path`, for at most 10 s.
    private func batch(_ watcher: FolderWatcher, containing path: String) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if watcher.nextBatch().contains(path) { return true }
        }
        return false
    }

    /// A watcher on the folder's `evidence` subfolder, and the path it reports that folder's files under.
    private func watchEvidence(in folder: TemporaryFolder) throws -> (root: String, watcher: FolderWatcher) {
        (FolderWatcher.resolvedRoot(folder.subfolder("evidence")).path, try FolderWatcher(roots: [folder.subfolder("evidence")]))
    }
}
