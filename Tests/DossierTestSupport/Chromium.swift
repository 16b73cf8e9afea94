import Foundation
import Testing

/// Headless Chromium for the browser tests. `make test` installs it; a bare `swift test` on a machine
/// without it skips those suites visibly, except under CI, where a missing browser must fail them.
package enum Chromium {
    package static var url: URL? { CommandRunner.which("chromium") ?? CommandRunner.which("chromium-browser") }

    /// Whether the browser suites run: always under CI, elsewhere when the browser is there.
    package static var suitesRun: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    package static let skipReason: Comment = "chromium is not installed (make test installs it)"
}
