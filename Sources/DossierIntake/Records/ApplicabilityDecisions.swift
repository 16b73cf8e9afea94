import DossierModel

/// Per-control decisions on whether a control applies, with the reason: the input of the ISO
/// Statement of Applicability, and of "not applicable" verdicts in every framework.
package struct ApplicabilityDecisions: Sendable, Hashable {
    package struct Decision: Sendable, Hashable {
        package var framework: String
        package var control: String
        package var applicable: Bool
        package var justification: String
        package var location: SourceLocation
    }

    package var decisions: [Decision]
}

package struct ApplicabilityDecisionsReader {
    package static let keys = ["kind", "title", "decisions"]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> ApplicabilityDecisions? {
        var seen: [String: Int] = [:]
        let decisions = fields.objects("decisions", allowed: ["framework", "control", "applicable", "justification"], required: true) { d
            -> ApplicabilityDecisions.Decision? in
            guard let framework = d.choice("framework", PackConfiguration.knownFrameworks, required: true),
                  let control = d.string("control", required: true), let applicable = d.bool("applicable", required: true),
                  let justification = d.string("justification", required: true) else { return nil }
            let key = framework + " " + control
            if let line = seen[key] {
                reader.report(.error, .duplicateID, "Control \(control) of \(framework) was already decided on line \(line)", at: d.location)
                return nil
            }
            seen[key] = d.location.line
            return .init(framework: framework, control: control, applicable: applicable, justification: justification, location: d.location)
        }
        return decisions.map(ApplicabilityDecisions.init(decisions:))
    }
}
