import Foundation
import Testing

/// Headless Chromium for the browser tests. `make test` installs it; a bare `swift test` on a machine
/// without it skips those suites visibly, except under CI, where a missing browser must fail them.
public enum Chromium {
    public static var url: URL? { CommandRunner.which("chromium") ?? CommandRunner.which("chromium-browser") }

    /// Whether the browser suites run: always under CI, elsewhere when the browser is there.
    public static var suitesRun: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    public static let skipReason: Comment = "chromium is not installed (make test installs it)"
}
