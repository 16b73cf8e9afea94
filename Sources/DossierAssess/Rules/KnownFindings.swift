import DossierIntake
import DossierModel

/// The finding IDs Dossier can report, for a remediation naming the finding it clears: a typo there
/// (`dossier.agrement.expired`) would plan the fix of something that can never fire, and the plan
/// would only ever look stale.
package enum KnownFindings {
    /// The constants of `DiagnosticID`, and each secret detector's ID.
    static let named: Set<String> = Set(DiagnosticID.constants.map(\.rawValue) + SecretDetector.all.map { DiagnosticID.secret($0.id).rawValue })

    /// The areas the field reader reports under (`dossier.<area>.<problem>`): every record kind, and
    /// every area a constant is in (`config`, `freshness` …), plus the imported models' own.
    static let fieldAreas: Set<String> = Set(EvidenceRecord.kinds + ["config", "freshness", "pytm", "threat-dragon"] + named.map(area))

    /// Whether `id` is one Dossier reports that a remediation may clear; a remediation's own findings
    /// are about plans, not evidence, and no plan clears them.
    package static func isKnown(_ id: String) -> Bool {
        guard !id.hasPrefix(ownPrefix) else { return false }
        if named.contains(id) { return true }
        let parts = id.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 3 && parts[0] == "dossier" && fieldAreas.contains(parts[1])
            && DiagnosticID.FieldProblem(rawValue: parts[2]) != nil
    }

    /// The known ID nearest to an unknown one, for "did you mean".
    package static func suggestion(for id: String) -> Suggestion? {
        Spelling.suggestion(for: id, among: named.filter { !$0.hasPrefix(ownPrefix) }.sorted())
    }

    static let ownPrefix = "dossier.remediation."

    private static func area(_ id: String) -> String {
        id.split(separator: ".").dropFirst().first.map(String.init) ?? ""
    }
}
