/// A recoverable problem found in the evidence: the build goes on and reports it.
///
/// Summaries are written like newspaper headlines: terse, no trailing period,
/// optionally followed by "; did you mean …?". `identifier` is stable: users
/// configure and waive diagnostics by it, so never rename one.
package struct Diagnostic: Sendable, Hashable {
    package var severity: DiagnosticSeverity
    /// Path relative to the folder the user named (e.g. `checklists/pre-launch.md`), or nil for pack-wide problems.
    package var file: String?
    package var location: SourceLocation?
    /// The stable identifier's text (`DiagnosticID.rawValue`), as reports and the console write it.
    package var identifier: String
    package var summary: String
    /// The controls, by framework, that an assessment rule's finding bears on (empty for any other
    /// finding, which bears on everything its file supports): an error on a record of processing
    /// that concerns one Art. 30 point leaves the record proving the others.
    package var weighsOn: [String: [String]] = [:]
    /// The field of a record a reading problem is in, as a dotted path without list positions
    /// (`credentials.rotated_at`); nil for a problem of the whole file. An error in one field leaves
    /// the record proving what its other fields state: the Art. 30 points and checklist items that
    /// read other fields.
    package var field: String?
    /// What the author probably meant, when a name or value is a near miss of a known one (the
    /// summary says it too, in words).
    package var suggestion: Suggestion?

    package init(
        _ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String,
        file: String? = nil, at location: SourceLocation? = nil, suggestion: Suggestion? = nil
    ) {
        self.suggestion = suggestion
        self.severity = severity
        self.identifier = id.rawValue
        self.summary = summary
        self.file = file
        self.location = location
    }
}

extension Diagnostic {
    /// A finding read back as it was made (a part kept by the last build), its identifier as reported.
    package init(_ severity: DiagnosticSeverity, identifier: String, _ summary: String, file: String?, at location: SourceLocation?) {
        self.severity = severity
        self.identifier = identifier
        self.summary = summary
        self.file = file
        self.location = location
    }

    /// Whether the problem bears on what reads `fields` (dotted paths): one of the whole file does;
    /// one in a field does when a path names that field, a part of it, or a field holding it.
    package func bears(onFields fields: [String]) -> Bool {
        guard let field else { return true }
        return fields.contains { read in read == field || field.hasPrefix(read + ".") || read.hasPrefix(field + ".") }
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file, then position, then identifier: the order a reader walks the evidence in.
    package static func < (lhs: Self, rhs: Self) -> Bool {
        let left = (lhs.file ?? "", lhs.location?.line ?? 0, lhs.location?.column ?? 0, lhs.identifier, lhs.summary)
        let right = (rhs.file ?? "", rhs.location?.line ?? 0, rhs.location?.column ?? 0, rhs.identifier, rhs.summary)
        return left < right
    }
}

extension Array where Element == Diagnostic {
    /// `1 error · 2 warnings · 0 notes`, as the summary line and the pack's pages write it.
    package var countsSummary: String {
        [(DiagnosticSeverity.error, "error"), (.warning, "warning"), (.note, "note")].map { severity, word in
            let count = self.count { $0.severity == severity }
            return "\(count) \(word)\(count == 1 ? "" : "s")"
        }.joined(separator: " · ")
    }
}
