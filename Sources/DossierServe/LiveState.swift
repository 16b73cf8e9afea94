import DossierModel
import DossierPublish
import Foundation

/// What the open pages ask the server: whether anything happened since they last asked, whether the
/// last rebuild failed, and the pages of a rebuild still being written.
///
/// `attempt` counts every event a page should hear of: a rebuild's pages ready, a rebuild written,
/// a rebuild failed. A page reloads only when its own bytes changed (`PackServer` answers with the
/// version of the page that asked), so a rebuild that leaves a page as it was does not reload it.
/// The last good pack keeps being served while a rebuild fails.
package final class LiveState: @unchecked Sendable {
    package struct Snapshot: Codable, Sendable, Equatable {
        package var attempt: Int
        /// Why the last rebuild could not finish; empty when it did.
        package var errors: [String]
        /// The version of the page that asked (`LiveReload.version`), as it would be served now; empty
        /// when it is no longer in the pack.
        package var page: String?
    }

    private let lock = NSLock()
    private var current = Snapshot(attempt: 0, errors: [])
    /// The pages of the rebuild under way, handed over when the first are rendered and filled as the
    /// rest are: served before the pack on disk, which still holds the last build until the new one
    /// is swapped in.
    private var pending: PagePreview?
    /// What the pack on disk shows besides each page (`PagePreview.assets`), for the pages' versions.
    /// It changes when a pack is written, not when a rebuild's pages are shown: the theme's files
    /// and images are served from the pack on disk.
    private var writtenAssets = ""
    /// The pages that asked for news lately, by pack path, with when they last asked, and how many
    /// of their asks are waiting now: a rebuild renders and shows them first.
    private var asked: [String: Date] = [:]
    private var polling: [String: Int] = [:]
    /// An open page asks again as soon as it has its answer, which comes within 25 s (`PackServer`).
    private static let openFor: TimeInterval = 30

    package init() {}

    package var snapshot: Snapshot { lock.withLock { current } }

    /// Some or all of a rebuild's pages are rendered (the same preview is handed over again as more
    /// are): they are served from memory until the pack is written.
    package func previewed(_ pages: PagePreview) {
        advance {
            // Still there: the rebuild that handed it over was stopped by a newer save before it wrote its pack.
            if let superseded = pending { pages.follow(superseded) }
            pending = pages
            current.errors = []
        }
    }

    /// A rebuild wrote its pack: the pack on disk is served again.
    package func built() {
        advance {
            writtenAssets = pending?.assets ?? writtenAssets
            pending = nil
            current.errors = []
        }
    }

    /// A rebuild could not finish: the pages show why, over the last good pack (not the pages of the
    /// rebuild that failed).
    package func failed(_ errors: [String]) {
        advance {
            pending = nil
            current.errors = errors
        }
    }

    /// One more event for the open pages: `change` made under the lock, then every waiting poll woken.
    private func advance(_ change: () -> Void) {
        let woken = lock.withLock { () -> [Waiter] in
            change()
            current.attempt += 1
            defer { waiting = [] }
            return waiting
        }
        for waiter in woken { waiter.wake(under: lock) }
    }

    /// One long poll asleep until the attempt moves or its time is up; woken once, by whichever comes first.
    private final class Waiter: @unchecked Sendable {
        var continuation: CheckedContinuation<Void, Never>?
        var woken = false

        func wake(under lock: NSLock) {
            let sleeping = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                woken = true
                defer { continuation = nil }
                return continuation
            }
            sleeping?.resume()
        }
    }
    private var waiting: [Waiter] = []

    /// The theme's files and the images of the pack on disk, as a digest.
    package var assets: String {
        lock.withLock { writtenAssets }
    }

    /// A file of the rebuild under way, if its pages are ready and it has this one.
    package func pending(_ path: String) -> Data? {
        lock.withLock { pending }?.contents(path)
    }

    /// The pages open in a browser (pack paths): those waiting for news now, and those that asked
    /// within the last 30 s (a page between two asks, or reloading).
    package func openPages(at now: Date = Date()) -> Set<String> {
        lock.withLock {
            forget(before: now)
            return Set(asked.keys).union(polling.keys)
        }
    }

    /// Drops the pages that stopped asking (a closed tab). Under the lock.
    private func forget(before now: Date) {
        asked = asked.filter { polling[$0.key] != nil || now.timeIntervalSince($0.value) < Self.openFor }
    }

    /// The state once it has moved past `attempt`, or as it is after `timeout` seconds: a long poll,
    /// so a save reaches the page as soon as its rebuild ends, without a request every few milliseconds.
    /// `page`, the pack path of the page that asks, counts as open meanwhile.
    package func next(after attempt: Int, timeout: TimeInterval, page: String? = nil) async -> Snapshot {
        let deadline = Date().addingTimeInterval(timeout)
        if let page {
            lock.withLock {
                forget(before: Date())
                asked[page] = Date()
                polling[page, default: 0] += 1
            }
        }
        defer {
            if let page {
                lock.withLock {
                    asked[page] = Date()
                    polling[page] = polling[page].flatMap { $0 > 1 ? $0 - 1 : nil }
                }
            }
        }
        while true {
            let now = snapshot
            if now.attempt != attempt || Date() >= deadline { return now }
            await sleep(whileAttemptIs: attempt, until: deadline)
        }
    }

    /// Sleeps, using no CPU (hundreds of open pages each keep a poll waiting), until the attempt is
    /// no longer `attempt` or the deadline has passed.
    private func sleep(whileAttemptIs attempt: Int, until deadline: Date) async {
        let waiter = Waiter()
        let lock = lock
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, deadline.timeIntervalSinceNow) * 1e9) + 1_000_000)
            waiter.wake(under: lock)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = lock.withLock { () -> Bool in
                guard !waiter.woken, current.attempt == attempt, Date() < deadline else { return true }
                waiter.continuation = continuation
                waiting.append(waiter)
                return false
            }
            if now { continuation.resume() }
        }
        timer.cancel()
        lock.withLock { waiting.removeAll { $0 === waiter } }
    }
}
