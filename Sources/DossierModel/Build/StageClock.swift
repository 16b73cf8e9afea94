import Foundation

/// Wall time per pipeline stage, printed to standard error when `DOSSIER_TIMINGS` is set: the
/// first thing to look at when a build is slow (docs/performance.md), before reaching for perf.
package final class StageClock: @unchecked Sendable {
    private let enabled: Bool
    private var last = DispatchTime.now()
    private let start = DispatchTime.now()
    private let lock = NSLock()

    package init(environment: [String: String]) {
        enabled = environment["DOSSIER_TIMINGS"] != nil
    }

    /// Ends the stage that started at the previous mark.
    package func mark(_ stage: String) {
        guard enabled else { return }
        lock.withLock {
            let now = DispatchTime.now()
            let seconds = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
            let total = Double(now.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let name = stage.padding(toLength: max(26, stage.count + 1), withPad: " ", startingAt: 0)
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let peak = Double(usage.ru_maxrss) / 1024
            FileHandle.standardError.write(Data(("timing: " + name + String(format: "%8.3f s  (%.3f s in all, peak RSS %.0f MB)\n", seconds, total, peak)).utf8))
            last = now
        }
    }
}
