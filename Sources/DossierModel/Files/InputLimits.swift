/// Bounds on what Dossier reads, so hostile or accidental input cannot exhaust the machine.
/// Each can be set under `limits:` in dossier.yml.
package struct InputLimits: Sendable, Hashable {
    /// Largest evidence file read whole (log extracts are streamed and have their own budget).
    package var maxFileBytes: Int = 16 * 1024 * 1024
    package var maxFileCount: Int = 100_000
    /// Largest JSON Lines log extract; it is streamed, so this bounds time, not memory.
    package var maxLogBytes: Int = 64 * 1024 * 1024 * 1024
    /// Longest line of a text file or a JSON Lines extract: a longer log line is skipped, and a
    /// Markdown or text file holding one is not read (parsers and browsers choke on megabyte lines).
    package var maxLineBytes: Int = 4 * 1024 * 1024
    /// Deepest nesting of JSON or YAML (and of YAML front matter), so a parser cannot exhaust the stack.
    package var maxDepth: Int = 256

    package init() {}

    /// The deepest nesting `limits.max_depth` may ask for: the readers recurse, on threads with small
    /// stacks, so a configuration can lower the depth but never raise it past this.
    package static let depthCeiling = 1_000
    /// Graphviz's layout time grows steeply with the number of nodes (250 systems took four
    /// minutes): a larger graph is shown by its table alone.
    package static let maxDiagramSystems = 150
    /// And with the number of edges: 150 systems took 0.6 s with 250 random flows, 33 s with 350 and
    /// 155 s with 500; 60 systems with 500 flows, 69 s. A graph of more flows is not drawn either.
    package static let maxDiagramFlows = 200

    /// Whether Graphviz lays a graph of this size out in seconds.
    package static func drawable(systems: Int, flows: Int) -> Bool {
        systems <= maxDiagramSystems && flows <= maxDiagramFlows
    }
}
