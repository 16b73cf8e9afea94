import DossierModel

/// Reads `kind: remediation`. Whether the rules, files and controls it names exist is judged later,
/// by `RemediationRule`, once every catalog is known; here only the shape of the record is checked.
package struct RemediationReader {
    package static let keys = ["kind", "id", "title", "findings", "owner", "due", "status", "ticket", "notes", "opened_at"]
    static let referenceKeys = ["rule", "file", "line", "framework", "control"]

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> Remediation? {
        let id = fields.string("id", required: true)
        let title = fields.string("title", required: true)
        let references = fields.objects("findings", allowed: Self.referenceKeys, required: true) { reference($0, reader: reader) }
        if fields.node["findings"]?.elements?.isEmpty == true {
            reader.report(.error, .missingField, "'findings' is empty; name each finding this work clears", at: fields.node["findings"]?.location)
        }
        let owner = fields.person("owner", required: true)
        let due = fields.date("due", required: true)
        let status = fields.choice("status", Remediation.Status.allCases.map(\.rawValue), required: true).flatMap(Remediation.Status.init(rawValue:))
        let ticket = fields.string("ticket", required: true)
        let opened = fields.date("opened_at")
        // A plan naming nothing it could clear would only ever be reported as stale: it is not read.
        guard let id, let title, let references, !references.isEmpty, let owner, let due, let status, let ticket,
              let dueNode = fields.node["due"], let statusNode = fields.node["status"] else { return nil }
        if let opened, due < opened {
            reader.report(.error, .badPeriod, "Remediation is due before it was opened; correct 'due' or 'opened_at'", at: dueNode.location)
            return nil
        }
        return Remediation(
            id: id, title: title, findings: references, owner: owner, due: due, status: status, ticket: ticket,
            notes: fields.string("notes"), openedAt: opened, dueLocation: dueNode.location, statusLocation: statusNode.location)
    }

    /// `{rule, file, line}` or `{framework, control}`: one finding, or one control's gap, never a mix.
    private func reference(_ entry: FieldReader.Fields, reader: FieldReader) -> Remediation.Reference? {
        let namesFinding = entry.node["rule"] != nil || entry.node["file"] != nil || entry.node["line"] != nil
        let namesControl = entry.node["framework"] != nil || entry.node["control"] != nil
        switch (namesFinding, namesControl) {
        case (true, true):
            reader.report(.error, .badValue, "An item of 'findings' names a finding ('rule', 'file') or a control ('framework', 'control'), not both; split it in two", at: entry.location)
            return nil
        case (false, false):
            reader.report(.error, .missingField, "An item of 'findings' names nothing; give 'rule' and 'file', or 'framework' and 'control'", at: entry.location)
            return nil
        case (true, false):
            let rule = entry.string("rule", required: true)
            let file = entry.string("file", required: true)
            let line = entry.integer("line", minimum: 1)
            guard let rule, let file, entry.node["line"] == nil || line != nil else { return nil }
            return Remediation.Reference(target: .finding(rule: rule, file: file, line: line), location: entry.location)
        case (false, true):
            let framework = entry.choice("framework", PackConfiguration.knownFrameworks, required: true)
            let control = entry.string("control", required: true)
            guard let framework, let control else { return nil }
            return Remediation.Reference(target: .control(framework: framework, control: control), location: entry.location)
        }
    }
}
