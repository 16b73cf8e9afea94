import Foundation

/// What the open pages ask the server: which pack is current and whether the last rebuild failed.
///
/// `attempt` counts every rebuild, good or failed, so a page waiting for news hears of a failure
/// too; `generation` counts only packs written, so a page reloads only when there is a new pack
/// to show. The last good pack keeps being served while a rebuild fails.
package final class LiveState: @unchecked Sendable {
    package struct Snapshot: Codable, Sendable, Equatable {
        package var attempt: Int
        package var generation: Int
        /// Why the last rebuild could not finish; empty when it did.
        package var errors: [String]
    }

    private let lock = NSLock()
    private var current = Snapshot(attempt: 0, generation: 0, errors: [])
    /// The manifest hash of the pack served: a rebuild that writes the same pack (an editor's swap
    /// file saved, a file touched) reloads nothing.
    private var served = ""

    package init() {}

    package var snapshot: Snapshot { lock.withLock { current } }

    /// A rebuild wrote a pack whose manifest hashes to `manifest`; pages reload only when it differs.
    package func built(manifest: String) {
        lock.withLock {
            current.attempt += 1
            if manifest != served { current.generation += 1 }
            served = manifest
            current.errors = []
        }
    }

    /// A rebuild could not finish: the pages show why, over the last good pack.
    package func failed(_ errors: [String]) {
        lock.withLock {
            current.attempt += 1
            current.errors = errors
        }
    }

    /// The state once it has moved past `attempt`, or as it is after `timeout` seconds: a long poll,
    /// so a save reaches the page as soon as its rebuild ends, without a request every few milliseconds.
    package func next(after attempt: Int, timeout: TimeInterval) async -> Snapshot {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let now = snapshot
            if now.attempt != attempt || Date() >= deadline { return now }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}
