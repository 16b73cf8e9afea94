import Foundation

/// Rebuilds on every batch of changes the watcher reports, one build at a time, for as long as the
/// process runs. A save during a build is not lost: its events wait in the watcher's queue, and the
/// next batch starts as soon as the build ends.
package struct RebuildLoop: Sendable {
    package let watcher: FolderWatcher
    package let state: LiveState
    /// One build: written, or the reasons it could not finish.
    package let rebuild: @Sendable (_ changed: [String]) -> Result<Void, Failure>

    /// Why a rebuild could not finish, line by line, as the page shows it.
    package struct Failure: Error {
        package var reasons: [String]
        package init(_ reasons: [String]) { self.reasons = reasons }
    }

    package init(watcher: FolderWatcher, state: LiveState, rebuild: @escaping @Sendable (_ changed: [String]) -> Result<Void, Failure>) {
        self.watcher = watcher
        self.state = state
        self.rebuild = rebuild
    }

    /// Never returns: the command ends with the process.
    package func run() -> Never {
        while true {
            let changed = watcher.nextBatch()
            guard !changed.isEmpty else { continue }
            switch rebuild(changed) {
            case .success: state.built()
            case .failure(let failure): state.failed(failure.reasons)
            }
        }
    }
}
