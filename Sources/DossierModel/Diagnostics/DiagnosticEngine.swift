import Foundation

/// The one place every stage reports its findings to, and from which every consumer receives
/// them: the console and GitHub annotations (DossierCLI), and the reports a pack carries (SARIF,
/// JUnit, report.json, through the `Assessment` they are made from). Thread-safe so that per-file
/// work can run in parallel; consumers receive the findings sorted, whatever the scheduling.
package final class DiagnosticEngine: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Diagnostic] = []

    package init() {}

    package func report(_ diagnostic: Diagnostic) {
        lock.withLock { collected.append(diagnostic) }
    }

    package func report(contentsOf diagnostics: [Diagnostic]) {
        lock.withLock { collected.append(contentsOf: diagnostics) }
    }

    /// Everything reported so far, in a stable order (the order of reporting depends on scheduling).
    package var diagnostics: [Diagnostic] {
        lock.withLock { collected.sorted() }
    }

    /// Everything reported so far, in the order it was reported: for work done side by side, each piece
    /// into its own engine, whose findings are then passed on in the order the work would have run.
    package var inReportingOrder: [Diagnostic] {
        lock.withLock { collected }
    }
}

/// Something that presents the build's findings; each receives the same sorted list (the console
/// and annotation consumers are DossierCLI's, the reports DossierPublish's).
package protocol DiagnosticConsumer {
    mutating func consume(_ diagnostics: [Diagnostic])
}
