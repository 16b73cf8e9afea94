import DossierIntake
import DossierModel

/// The findings that concern a control: those in the files that evidence it, and those on the lines
/// of its checklist items' answers. Its page lists them, and a remediation naming the control is
/// shown beside them, so both are decided here, once.
package struct ControlFindingScope: Sendable, Hashable {
    package let files: Set<String>
    package let itemLines: [String: Set<Int>]

    /// `items`: the assessments of the items the verdict cites.
    package init(_ verdict: ControlVerdict, items: [ItemAssessment]) {
        files = Set(verdict.evidence)
        var lines: [String: Set<Int>] = [:]
        for item in items { if let line = item.location?.line { lines[item.answersFile, default: []].insert(line) } }
        itemLines = lines
    }

    /// Every file a finding in scope can be on.
    package var searched: Set<String> { files.union(itemLines.keys) }

    package func contains(_ diagnostic: Diagnostic) -> Bool {
        guard let file = diagnostic.file else { return false }
        return files.contains(file) || diagnostic.location.map { itemLines[file]?.contains($0.line) == true } == true
    }
}
