import DossierModel

/// Per-control decisions on whether a control applies, with the organisation's reasons: the input of
/// the ISO Statement of Applicability, and of "not applicable" verdicts in every framework.
package struct ApplicabilityDecisions: Sendable, Hashable {
    /// What the organisation says of its own implementation of a control, kept apart from the verdict
    /// Dossier reaches on the evidence (the words are chosen not to collide with the verdicts').
    package enum Implementation: String, Sendable, Hashable, CaseIterable {
        case inPlace = "in-place", inProgress = "in-progress", planned, none

        package var label: String {
            switch self {
            case .inPlace: "In place"
            case .inProgress: "In progress"
            case .planned: "Planned"
            case .none: "None"
            }
        }
    }

    package struct Decision: Sendable, Hashable {
        package var framework: String
        package var control: String
        /// Whether the control applies; nil when the file says `undecided` (a scaffold not yet filled in).
        package var applicable: Bool?
        /// The organisation's own reason for including or excluding the control, shown verbatim.
        package var justification: String?
        package var implementation: Implementation?
        /// The organisation's documents that implement it: evidence paths (linked) or other references.
        package var documents: [String]
        package var location: SourceLocation

        package init(
            framework: String, control: String, applicable: Bool?, justification: String?, implementation: Implementation? = nil,
            documents: [String] = [], location: SourceLocation
        ) {
            self.framework = framework
            self.control = control
            self.applicable = applicable
            self.justification = justification
            self.implementation = implementation
            self.documents = documents
            self.location = location
        }
    }

    package var decisions: [Decision]
}

package struct ApplicabilityDecisionsReader {
    package static let keys = ["kind", "title", "decisions"]
    package static let decisionKeys = ["framework", "control", "applicable", "justification", "implementation", "documents"]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> ApplicabilityDecisions? {
        var seen: [String: Int] = [:]
        let decisions = fields.objects("decisions", allowed: Self.decisionKeys, required: true) { d -> ApplicabilityDecisions.Decision? in
            guard let framework = d.choice("framework", PackConfiguration.knownFrameworks, required: true),
                  let control = d.string("control", required: true), let applicable = applicability(d, reader: reader) else { return nil }
            // A decision either way needs the organisation's reason; an undecided one is a blank to fill in.
            let justification = d.string("justification", required: applicable != nil)
            if applicable != nil && justification == nil { return nil }
            let key = framework + " " + control
            if let line = seen[key] {
                reader.report(.error, .duplicateID, "Control \(control) of \(framework) was already decided on line \(line)", at: d.location,
                              field: FieldReader.Fields.join(d.path, "control"))
                return nil
            }
            seen[key] = d.location.line
            let implementation = d.choice("implementation", ApplicabilityDecisions.Implementation.allCases.map(\.rawValue))
                .flatMap(ApplicabilityDecisions.Implementation.init(rawValue:))
            return .init(
                framework: framework, control: control, applicable: applicable, justification: justification,
                implementation: implementation, documents: d.strings("documents") ?? [], location: d.location)
        }
        return decisions.map(ApplicabilityDecisions.init(decisions:))
    }

    /// `applicable`: true, false, or `undecided` (outer optional nil: missing or malformed, reported).
    private func applicability(_ d: FieldReader.Fields, reader: FieldReader) -> Bool?? {
        guard let node = d.value("applicable", required: true) else { return nil }
        if let flag = node.bool { return .some(flag) }
        if node.string == "undecided" { return .some(nil) }
        reader.report(.error, .wrongType, "'applicable' must be true, false or undecided, found \(node.string.map { "'\($0)'" } ?? node.typeName)", at: node.location,
                      field: FieldReader.Fields.join(d.path, "applicable"))
        return nil
    }
}
