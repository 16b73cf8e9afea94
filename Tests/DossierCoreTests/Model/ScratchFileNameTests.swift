import DossierModel
import Testing

/// Which names are an editor's or the system's leftovers, and which may be evidence.
@Suite struct ScratchFileNameTests {
    @Test(arguments: ["answers.md~", "answers.md.~1~", "#answers.md#", "~$plan.docx", ".~lock.plan.odt#", "4913", "5036",
                      "plan.md___jb_tmp___", "plan.md___jb_old___", "Thumbs.db", "desktop.ini"])
    func leftoversAreKnown(name: String) {
        #expect(ScratchFileName.kind(of: name) != nil)
    }

    @Test(arguments: ["answers.md", "#1 review.md", "#", "2024", "4914", "49130", "approval.json", "thumbs.md", "~plan.md"])
    func evidenceIsNot(name: String) {
        #expect(ScratchFileName.kind(of: name) == nil)
    }

    @Test func noiseIsALeftoverOrAnEditorsHiddenFileButNotAnyHiddenFile() {
        #expect(ScratchFileName.isNoise("/ev/notes/.answers.md.swp"))
        #expect(ScratchFileName.isNoise("/ev/.answers.md.swx"))
        #expect(ScratchFileName.isNoise("/ev/.#answers.md"))
        #expect(ScratchFileName.isNoise("/ev/.goutputstream-X1Y2Z3"))
        #expect(ScratchFileName.isNoise("/ev/answers.md~"))
        #expect(!ScratchFileName.isNoise("/ev/answers.md"))
        #expect(!ScratchFileName.isNoise("/ev/.redaction-key"), "a key kept hidden in the folder still changes the build")
        #expect(!ScratchFileName.isNoise("/ev/.git/HEAD"), "a commit moves the build date")
    }
}
