@testable import DossierModel
import Testing

/// What counts as filler where an answer belongs, and what does not.
@Suite struct FillerTextTests {
    @Test(arguments: ["-", "—", "?", "...", "…", "TBD", "tbd.", "TODO", "To be decided", "FIXME!", " xxx ", "n/a?"] as [String])
    func fillerIsFiller(_ text: String) {
        #expect(FillerText.isFiller(text) == (text != "n/a?"), "\(text)")
    }

    @Test(arguments: ["", "   ", "No", "Out of scope: no office", "CRM", "Deleted after 30 days", "30", "Ireland", "n/a"] as [String])
    func answersAreNot(_ text: String) {
        #expect(!FillerText.isFiller(text), "\(text)")
    }
}
