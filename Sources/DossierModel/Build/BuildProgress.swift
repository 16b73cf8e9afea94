import Foundation

/// How far a build has got, for a progress bar on a terminal or plain lines in a CI log.
///
/// The pipeline names each stage with the number of items it has; the per-file loops (reading,
/// the secret scan, rendering, writing) advance it. The reporter is called on whichever thread
/// did the work, at most once per percent, so it must be cheap and thread-safe.
package final class BuildProgress: @unchecked Sendable {
    package enum Event: Sendable, Equatable {
        case stage(String, total: Int)
        case advanced(String, done: Int, total: Int)
        case finished
    }

    private let report: @Sendable (Event) -> Void
    private let lock = NSLock()
    private var stage = ""
    private var total = 0
    private var done = 0
    private var lastReported = 0

    package init(report: @escaping @Sendable (Event) -> Void) {
        self.report = report
    }

    package func begin(_ name: String, total: Int = 0) {
        lock.withLock {
            stage = name
            self.total = total
            done = 0
            lastReported = 0
        }
        report(.stage(name, total: total))
    }

    package func advance() {
        let event: Event? = lock.withLock {
            done += 1
            guard total > 0, (done - lastReported) * 100 >= total || done == total else { return nil }
            lastReported = done
            return .advanced(stage, done: done, total: total)
        }
        if let event { report(event) }
    }

    package func finish() {
        report(.finished)
    }
}
