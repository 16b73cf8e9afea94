import Foundation

/// Rebuilds on every batch of changes the watcher reports, one build at a time, for as long as the
/// process runs. A save during a build is not lost: its events wait in the watcher's queue, and the
/// next batch starts as soon as the build ends, or as soon as the build sees them and stops
/// (`Outcome.superseded`) once its single pages are shown.
package struct RebuildLoop: Sendable {
    package let watcher: FolderWatcher
    package let state: LiveState
    /// One build: written, why it could not finish, or stopped for a newer save (which it may be
    /// only until `stoppableUntil`).
    package let rebuild: @Sendable (_ changed: [String], _ stoppableUntil: Date) -> Outcome
    /// Saves that keep coming (an editor saving every second) hold the pack on disk back this long
    /// at most: counted from the first rebuild of a run of stopped ones.
    package static let longestBehind: TimeInterval = 10

    package enum Outcome: Sendable, Equatable {
        case written
        /// Why the rebuild could not finish, line by line, as the page shows it.
        case failed([String])
        /// A newer save is waiting: the build stopped without writing its pack, and its pages stay
        /// shown until the next build's are.
        case superseded
    }

    package init(watcher: FolderWatcher, state: LiveState, rebuild: @escaping @Sendable (_ changed: [String], _ stoppableUntil: Date) -> Outcome) {
        self.watcher = watcher
        self.state = state
        self.rebuild = rebuild
    }

    /// Never returns: the command ends with the process.
    package func run() -> Never {
        // The changes of a build a newer save stopped are owed to the next: it always follows, even
        // when what stopped it turns out to name nothing.
        var owed: [String] = []
        var behindSince = Date()
        while true {
            let changed = Set(watcher.nextBatch()).union(owed).sorted()
            guard !changed.isEmpty else { continue }
            if owed.isEmpty { behindSince = Date() }
            let outcome = rebuild(changed, behindSince.addingTimeInterval(Self.longestBehind))
            owed = outcome == .superseded ? changed : []
            state.settle(outcome)
        }
    }
}

extension LiveState {
    /// What a build's outcome tells the open pages.
    package func settle(_ outcome: RebuildLoop.Outcome) {
        switch outcome {
        case .written: built()
        case .failed(let reasons): failed(reasons)
        case .superseded: break
        }
    }
}
