import DossierModel
import Testing

/// Which names are an editor's or the system's leftovers, and which may be evidence.
@Suite struct ScratchFileNameTests {
    @Test(arguments: ["answers.md~", "answers.md.~1~", "#answers.md#", "~$plan.docx", ".~lock.plan.odt#",
                      "plan.md___jb_tmp___", "plan.md___jb_old___", "Thumbs.db", "desktop.ini"])
    func leftoversAreKnown(name: String) {
        #expect(ScratchFileName.kind(of: name) != nil)
    }

    @Test(arguments: ["answers.md", "#1 review.md", "#", "2024", "4914", "49130", "approval.json", "thumbs.md", "~plan.md"])
    func evidenceIsNot(name: String) {
        #expect(ScratchFileName.kind(of: name) == nil)
    }

    /// Vim's write test is created and deleted at once: no reason to stop a rebuild, but a file of
    /// that name that stays is read like any other.
    @Test func vimsWriteTestIsTransientButNotALeftover() {
        #expect(ScratchFileName.isTransient("4913") && ScratchFileName.isTransient("5036"))
        #expect(ScratchFileName.kind(of: "4913") == nil)
        #expect(!ScratchFileName.isTransient("4914") && !ScratchFileName.isTransient("2024"))
    }

    @Test(arguments: ["notes.md.bak", "policy.md.orig", "policy.md.rej", "POLICY.MD.BAK"])
    func copiesLeftByHandOrByAMergeAreBackups(name: String) {
        #expect(ScratchFileName.kind(of: name) == .editorBackup)
    }

    @Test func hiddenLeftoversAreAnEditorsOrTheSystemsButNotAnyHiddenFile() {
        #expect(ScratchFileName.isHiddenLeftover("/ev/notes/.answers.md.swp"))
        #expect(ScratchFileName.isHiddenLeftover("/ev/.answers.md.swx"))
        #expect(ScratchFileName.isHiddenLeftover("/ev/.#answers.md"))
        #expect(ScratchFileName.isHiddenLeftover("/ev/.goutputstream-X1Y2Z3"))
        #expect(ScratchFileName.isHiddenLeftover("/ev/.DS_Store"))
        #expect(ScratchFileName.isHiddenLeftover("/ev/.answers.md.kate-swp"))
        #expect(ScratchFileName.isHiddenLeftover("/ev/._answers.md"))
        #expect(!ScratchFileName.isHiddenLeftover("/ev/answers.md~"), "the build notes a backup: its coming and going changes the pack")
        #expect(!ScratchFileName.isHiddenLeftover("/ev/answers.md"))
        #expect(!ScratchFileName.isHiddenLeftover("/ev/.redaction-key"), "a key kept hidden in the folder still changes the build")
    }
}
