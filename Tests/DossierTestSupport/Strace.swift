import Foundation
import Testing

/// strace, for the test that counts how often a build opens each input. `make test` installs it; a
/// bare `swift test` on a machine without it skips that suite visibly, except under CI, where a
/// missing strace must fail it.
package enum Strace {
    package static var url: URL? { CommandRunner.which("strace") }

    /// Whether the suite runs: always under CI, elsewhere when strace is there.
    package static var suiteRuns: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    package static let skipReason: Comment = "strace is not installed (make test installs it)"
}
