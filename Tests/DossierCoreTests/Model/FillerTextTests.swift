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

    /// A word for nothing states no purpose or safeguard and gives no reason, though it is a fact
    /// elsewhere (`transfer_mechanism: none`), so `isFiller` leaves it alone.
    @Test(arguments: ["none", "None.", "n/a", "N/A", "not applicable", "Not Applicable!", "unknown", "nil", "TBD"] as [String])
    func wordsForNothingStateNothing(_ text: String) {
        #expect(FillerText.statesNothing(text) && FillerText.givesNoReason(text), "\(text)")
    }

    @Test(arguments: ["No personal data reaches it", "None of the tickets hold card data", "Ireland", "30 days"] as [String])
    func sentencesStateSomething(_ text: String) {
        #expect(!FillerText.statesNothing(text) && !FillerText.givesNoReason(text), "\(text)")
    }
}
