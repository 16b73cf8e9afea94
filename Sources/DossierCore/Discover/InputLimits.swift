/// Bounds on what Dossier reads, so hostile or accidental input cannot exhaust the machine.
public struct InputLimits: Sendable, Hashable {
    /// Largest evidence file read whole (log extracts are streamed and have their own budget).
    public var maxFileBytes: Int = 16 * 1024 * 1024
    public var maxFileCount: Int = 100_000
    /// Largest JSON Lines log extract; it is streamed, so this bounds time, not memory.
    public var maxLogBytes: Int = 64 * 1024 * 1024 * 1024
    /// Longest line of a JSON Lines extract; a longer one is reported and skipped.
    public var maxLogLineBytes: Int = 4 * 1024 * 1024

    public init() {}
}
