import DossierIntake
import DossierModel

/// `dossier init` writes its records with placeholders in angle brackets (`<privacy contact e-mail>`).
/// Left in place, a placeholder reads as content: the record counts as filled in, and a ticked item
/// citing it as proven. Each one still in a record, in front matter or in the configuration is reported
/// where it is, so the scaffold doubles as a to-do list.
package struct PlaceholderRule: AssessmentRule {
    package init() {}

    package static let identifier = DiagnosticID.evidencePlaceholder
    package static let identifiers: [DiagnosticID] = [identifier]

    package func check(_ context: RuleContext) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        // Only records (a `kind` Dossier reads) and the configuration: a data export or a note's own
        // front matter may hold `<system account>` as a real value.
        for document in context.documents where document.record != nil || PackConfiguration.fileNames.contains(document.path) {
            let tree: JSONNode? = switch document.content {
            case .markdown(let markdown): markdown.frontMatter
            default: document.tree
            }
            guard let tree else { continue }
            visit(tree) { text, location in
                findings.append(RuleFinding(diagnostic: Diagnostic(
                    .warning, Self.identifier, "'\(text)' is still a placeholder; replace it with the real value",
                    file: document.path, at: location), standing: nil))
            }
        }
        return findings
    }

    private func visit(_ node: JSONNode, _ found: (String, SourceLocation) -> Void) {
        switch node.value {
        case .string(let text): if Self.isPlaceholder(text) { found(text, node.location) }
        case .array(let elements): for element in elements { visit(element, found) }
        case .object(let members): for member in members { visit(member.value, found) }
        default: break
        }
    }

    /// Whether a value meant to state something states nothing (`FillerText.saysNothing`).
    package static func statesNothing(_ text: String) -> Bool {
        FillerText.saysNothing(text)
    }

    /// A placeholder `dossier init` wrote, or filler a person left (`FillerText.isPlaceholder`).
    package static func isPlaceholder(_ text: String) -> Bool {
        FillerText.isPlaceholder(text)
    }
}
