import Foundation

/// Collects diagnostics from every stage. Thread-safe so that per-file work can run in parallel.
public final class DiagnosticCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.withLock { collected.append(diagnostic) }
    }

    public func report(contentsOf diagnostics: [Diagnostic]) {
        lock.withLock { collected.append(contentsOf: diagnostics) }
    }

    /// Everything reported so far, in a stable order (the order of reporting depends on scheduling).
    public var diagnostics: [Diagnostic] {
        lock.withLock { collected.sorted() }
    }
}
