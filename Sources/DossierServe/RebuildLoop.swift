import Foundation

/// Rebuilds on every batch of changes the watcher reports, one build at a time, for as long as the
/// process runs. A save during a build is not lost: its events wait in the watcher's queue, and the
/// next batch starts as soon as the build ends.
package struct RebuildLoop: Sendable {
    package let watcher: FolderWatcher
    package let state: LiveState
    /// One build; the reasons it could not finish, or none when a pack was written.
    package let rebuild: @Sendable (_ changed: [String]) -> [String]

    package init(watcher: FolderWatcher, state: LiveState, rebuild: @escaping @Sendable (_ changed: [String]) -> [String]) {
        self.watcher = watcher
        self.state = state
        self.rebuild = rebuild
    }

    /// Never returns: the command ends with the process.
    package func run() -> Never {
        while true {
            let changed = watcher.nextBatch()
            guard !changed.isEmpty else { continue }
            let errors = rebuild(changed)
            if errors.isEmpty { state.built() } else { state.failed(errors) }
        }
    }
}
