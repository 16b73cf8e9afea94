import Dispatch
import DossierPack
import Foundation

/// How `serve` ends on Ctrl-C, SIGTERM or a closed terminal: at once when no build is running; else
/// the running build stops at its next checkpoint (its staging folder removed, the pack on disk
/// left as it was) and `serve` ends then. Killed outright instead, a build left a staging folder of
/// thousands of pages beside the pack. A second signal ends it at once, whatever is running.
final class ServeStop: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var building = false
    private var sources: [DispatchSourceSignal] = []
    /// The pack folder: a second signal removes this process's staging folder beside it before ending.
    private let output: URL

    /// Takes over the stop signals (unblocked first: whatever started `serve` may have blocked them).
    init(output: URL) {
        self.output = output.standardizedFileURL
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in Self.signals { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.stop() }
            source.resume()
            sources.append(source)
        }
    }

    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Whether a stop was asked for: a running build polls it to stop at its next checkpoint.
    var isRequested: Bool { lock.withLock { requested } }

    /// Marks a build as running (none starts once a stop was asked for).
    func begin() {
        lock.withLock {
            if requested { Self.exit() }
            building = true
        }
    }

    /// Marks the build as over, and ends `serve` if a stop was asked for meanwhile.
    func end() {
        lock.withLock {
            building = false
            if requested { Self.exit() }
        }
    }

    private func stop() {
        lock.withLock {
            // The lock is held while exiting, so that no build can begin in between.
            if !building { Self.exit() }
            if requested {
                // At once, mid-build: what the build was writing beside the pack goes; the pack stays.
                StaleFolderSweeper(parent: output.deletingLastPathComponent()).sweepOwn()
                Self.exit()
            }
            requested = true
            Self.say("Stopping once the running build reaches a point where it can stop (Ctrl-C again stops at once)")
        }
    }

    private static func exit() -> Never {
        say("Stopped")
        Foundation.exit(0)
    }

    /// Straight to standard output: this runs on the signal's queue, and `printOutput` also keeps a
    /// transcript (for the build cache) that only the main thread writes.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
