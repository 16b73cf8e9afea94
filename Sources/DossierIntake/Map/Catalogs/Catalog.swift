/// A framework's controls: identifiers and titles, in the framework's own order.
public struct Catalog: Sendable, Hashable {
    public struct Control: Sendable, Hashable {
        public var id: String
        public var title: String
        /// The theme, category or part the control sits in (e.g. "Organizational", "Controller's record").
        public var group: String?
    }

    /// Stable framework identifier: `iso27001-2022`, `soc2`, `gdpr`, or a user's own.
    public var framework: String
    public var name: String
    /// Where the identifiers and titles come from, for an auditor to check.
    public var source: String
    public var controls: [Control]
    /// The file it was read from (`catalogs/…` for built-in ones, the evidence path for a user's).
    public var origin: String

    public func control(_ id: String) -> Control? { controls.first { $0.id == id } }
}
