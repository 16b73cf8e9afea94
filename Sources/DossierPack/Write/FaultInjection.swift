import DossierModel
import Foundation

/// TEST-ONLY: makes the pack writer stop at a named stage, so tests can prove that a failure or a
/// crash at any point leaves the previous pack untouched.
///
/// Set `DOSSIER_FAULT_INJECT=<stage>` to throw there (the writer cleans up, as after a full disk),
/// or `DOSSIER_FAULT_INJECT=<stage>:crash` to kill the process with SIGKILL there (no clean-up runs,
/// as after `kill -9` or a power cut), or `<stage>:once` to throw there, as a full disk would, in the
/// first build of the process only (a build that tries again then meets no fault). Not for production use; see docs/security.md.
package struct FaultInjection: Sendable, Equatable {
    package static let variable = "DOSSIER_FAULT_INJECT"

    package enum Stage: String, Sendable, CaseIterable {
        /// An evidence page was just stored in the staging folder while the rest is still being rendered.
        case whileRendering = "while-rendering"
        /// Half of the files left after rendering are in the staging folder.
        case midWrite = "mid-write"
        /// Every file is in the staging folder; nothing is synced yet.
        case afterStagingWrite = "after-staging-write"
        /// The staging folder is synced; the swap is next.
        case beforeSwap = "before-swap"
        /// The new pack is in place; the previous one still sits beside it, to be removed.
        case afterSwap = "after-swap"
    }

    /// What happens at the stage: the build fails there, the process is killed there, or the build
    /// fails there as a full disk would, the first time only (the build that tries again meets none).
    package enum Fault: String, Sendable {
        case fail, crash, once
    }

    package var stage: Stage?
    package var fault = Fault.fail
    /// Whether a `once` fault has been met in this process.
    private static let tripped = Tripped()

    private final class Tripped: @unchecked Sendable {
        private let lock = NSLock()
        private var met = false
        /// True the first time only.
        func first() -> Bool { lock.withLock { defer { met = true }; return !met } }
    }

    package static let none = FaultInjection(stage: nil)

    package init(stage: Stage?, crash: Bool = false) {
        self.stage = stage
        fault = crash ? .crash : .fail
    }

    /// Reads the variable; a value naming no stage is refused, so a typo cannot make a test pass vacuously.
    package init(environment: [String: String]) throws {
        guard let value = environment[Self.variable], !value.isEmpty else {
            self = .none
            return
        }
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard let stage = Stage(rawValue: parts[0]), let fault = parts.count == 1 ? .fail : Fault(rawValue: parts[1]), fault != .fail || parts.count == 1 else {
            let stages = Stage.allCases.map(\.rawValue).joined(separator: ", ")
            throw DossierError(path: Self.variable, reason: .unreadable("'\(value)' is not a stage (\(stages)), optionally followed by ':crash' or ':once'"))
        }
        self.stage = stage
        self.fault = fault
    }

    package func trip(_ here: Stage) throws {
        guard here == stage else { return }
        switch fault {
        case .crash:
            kill(getpid(), SIGKILL)
        case .once:
            // Standing in for a full disk, which the build meets once and then makes room for.
            guard Self.tripped.first() else { return }
            throw DossierError(path: Self.variable, reason: .outputNotWritable("fault injected at \(here.rawValue): \(String(cString: strerror(ENOSPC)))"))
        case .fail:
            break
        }
        throw DossierError(path: Self.variable, reason: .outputNotWritable("fault injected at \(here.rawValue)"))
    }
}
