/// A framework's controls: identifiers and titles, in the framework's own order.
package struct Catalog: Sendable, Hashable {
    package struct Control: Sendable, Hashable {
        package var id: String
        package var title: String
        /// The theme, category or part the control sits in (e.g. "Organizational", "Controller's record").
        package var group: String?
    }

    /// Stable framework identifier: `iso27001-2022`, `soc2`, `gdpr`, or a user's own.
    package var framework: String
    package var name: String
    /// Where the identifiers and titles come from, for an auditor to check.
    package var source: String
    package var controls: [Control]
    /// The file it was read from (`catalogs/…` for built-in ones, the evidence path for a user's).
    package var origin: String
    /// Whether the organisation must decide, for every control, whether it applies (`applicability:
    /// required`, as ISO/IEC 27001 asks of a Statement of Applicability): a control with no decision
    /// is then undecided, not out of scope.
    package var requiresDecisions = false

    package func control(_ id: String) -> Control? { controls.first { $0.id == id } }
}
