/// Bounds on what Dossier reads, so hostile or accidental input cannot exhaust the machine.
public struct InputLimits: Sendable, Hashable {
    /// Largest evidence file read whole (log extracts are streamed and have their own budget).
    public var maxFileBytes: Int = 16 * 1024 * 1024
    public var maxFileCount: Int = 100_000

    public init() {}
}
