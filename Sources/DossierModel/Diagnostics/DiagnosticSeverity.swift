/// How serious a diagnostic is. Ordered so that `>=` reads as "at least as serious as".
package enum DiagnosticSeverity: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case note = 0
    case warning = 1
    case error = 2

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String {
        switch self {
        case .note: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }

    /// Parses the spelling used in configuration files and on the command line.
    package init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = match
    }
}
