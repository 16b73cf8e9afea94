@testable import DossierPack
import Foundation
import Testing

/// A process ending at once removes its staging folder only when no swap runs or can follow: the
/// destination always holds a whole pack.
@Suite struct SwapGateTests {
    @Test func noSwapBeginsOnceAbandoned() {
        let gate = SwapGate()
        #expect(gate.abandon(), "nothing was swapping: the staging folder may go")
        #expect(!gate.begin(), "a swap began after the staging folder was given up")
    }

    @Test func abandoningWaitsForARunningSwapAndLeavesItsFolders() async {
        let gate = SwapGate()
        #expect(gate.begin())
        let ended = Date().addingTimeInterval(0.2)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            gate.end()
        }
        #expect(!gate.abandon(), "a swap was running: nothing may be removed")
        #expect(Date() >= ended, "abandon did not wait for the swap to end")
    }
}
