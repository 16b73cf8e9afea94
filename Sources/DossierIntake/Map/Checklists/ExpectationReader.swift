import DossierModel

/// Reads an item's `expects:` list. Built-in and user checklist definitions share it, so a user's
/// item is held to the same vocabulary (and the same error messages) as a built-in one.
package struct ExpectationReader {
    package var reader: FieldReader

    /// The list under `expects:`; reports and returns nil when it is missing, empty or has an entry
    /// in error. One bad entry voids the whole list, never just itself: a dropped `fields:` or
    /// `roles:` would make the item easier to prove than its author meant, so an item whose
    /// expectations cannot all be read can never be proven.
    package func read(_ item: FieldReader.Fields, itemID: String) -> [Expectation]? {
        guard item.node["expects"] != nil else {
            reader.report(.error, .missingField,
                          "Item '\(itemID)' has no 'expects': say what proves it (one or more of \(Expectation.types.joined(separator: ", ")); see docs/checklists.md)",
                          at: item.location)
            return nil
        }
        guard let elements = item.array("expects") else { return nil }
        guard !elements.isEmpty else {
            reader.report(.error, .missingField, "Item '\(itemID)' has an empty 'expects': list what proves it", at: item.node["expects"]?.location)
            return nil
        }
        // Any problem in an entry, an unknown key included (`kind:` for `kinds:` would otherwise read as
        // "any event"), voids the list.
        let problemsBefore = reader.diagnostics.count
        let read = elements.compactMap { expectation($0, itemID: itemID, nested: false) }
        guard reader.diagnostics.count == problemsBefore, read.count == elements.count else {
            reader.report(.error, .badExpectation,
                          "Item '\(itemID)' cannot be proven until every entry of its 'expects' reads cleanly (see the problems above)",
                          at: item.node["expects"]?.location)
            return nil
        }
        return read
    }

    private func expectation(_ node: JSONNode, itemID: String, nested: Bool) -> Expectation? {
        guard let members = node.members, members.count == 1, let member = members.first else {
            reader.report(.error, .badExpectation,
                          "Each entry of 'expects' in item '\(itemID)' must be one key (\(Expectation.types.joined(separator: ", "))) with its settings, found \(node.typeName)",
                          at: node.location)
            return nil
        }
        let type = member.key
        guard Expectation.types.contains(type) else {
            let suggestion = Spelling.suggestion(for: type, among: Expectation.types)
            let hint = suggestion?.hint ?? ""
            reader.report(.error, .badExpectation, "Unknown expectation '\(type)' in item '\(itemID)'\(hint)", at: member.keyLocation, suggestion: suggestion)
            return nil
        }
        if type == "one-of" {
            guard !nested else {
                reader.report(.error, .badExpectation, "'one-of' cannot hold another 'one-of' (item '\(itemID)'); list the alternatives once", at: member.keyLocation)
                return nil
            }
            guard let alternatives = member.value.elements, alternatives.count >= 2 else {
                reader.report(.error, .badExpectation, "'one-of' in item '\(itemID)' needs a list of at least two alternatives", at: member.value.location)
                return nil
            }
            let read = alternatives.compactMap { expectation($0, itemID: itemID, nested: true) }
            return read.count == alternatives.count ? .oneOf(read) : nil
        }
        // `waiver: {}` and a bare `waiver:` (null) both mean "no settings".
        let settings = member.value.value == .null ? JSONNode(value: .object([]), location: member.value.location) : member.value
        switch type {
        case "log": return log(settings, itemID: itemID)
        case "data-flow": return dataFlow(settings, itemID: itemID)
        case "approval": return approval(settings, itemID: itemID)
        case "record": return record(settings, itemID: itemID)
        case "document": return document(settings, itemID: itemID)
        default: return reader.fields(of: settings, allowed: [], describing: "'waiver' in item '\(itemID)'").map { _ in .waiver }
        }
    }

    private func log(_ node: JSONNode, itemID: String) -> Expectation? {
        guard let fields = reader.fields(of: node, allowed: ["kinds", "fields", "coverage", "succeeded"], describing: "'log' in item '\(itemID)'") else { return nil }
        let kinds = known(fields, "kinds", LogEventKind.allCases.map(\.rawValue)).compactMap(LogEventKind.init(rawValue:))
        let logFields = known(fields, "fields", LogEventField.allCases.map(\.rawValue)).compactMap(LogEventField.init(rawValue:))
        var coverage: Double?
        if let node = fields.node["coverage"] {
            guard let share = node.number, share > 0, share <= 1 else {
                reader.report(.error, .badValue, "'coverage' in item '\(itemID)' must be a share above 0 and at most 1 (0.9 for 90 %)", at: node.location)
                return nil
            }
            coverage = share
        }
        var log = Expectation.Log(kinds: kinds, fields: logFields, coverage: coverage)
        if let node = fields.node["succeeded"] {
            guard let flag = node.bool else {
                reader.report(.error, .badValue, "'succeeded' in item '\(itemID)' must be true or false", at: node.location)
                return nil
            }
            log.succeeded = flag
        }
        return .log(log)
    }

    private func dataFlow(_ node: JSONNode, itemID: String) -> Expectation? {
        guard let fields = reader.fields(of: node, allowed: ["property"], describing: "'data-flow' in item '\(itemID)'"),
              let property = fields.choice("property", DataFlowProperty.allCases.map(\.rawValue), required: true) else { return nil }
        return DataFlowProperty(rawValue: property).map(Expectation.dataFlow)
    }

    private func approval(_ node: JSONNode, itemID: String) -> Expectation? {
        guard let fields = reader.fields(of: node, allowed: ["subject", "roles"], describing: "'approval' in item '\(itemID)'") else { return nil }
        var subject: String?
        if fields.node["subject"] != nil {
            guard let chosen = fields.choice("subject", ChecklistDefinition.evidenceKinds + [Expectation.releaseSubject]) else { return nil }
            subject = chosen
        }
        return .approval(Expectation.Approval(subject: subject, roles: fields.strings("roles") ?? []))
    }

    private func record(_ node: JSONNode, itemID: String) -> Expectation? {
        guard let fields = reader.fields(of: node, allowed: ["kind", "fields"], describing: "'record' in item '\(itemID)'"),
              let kind = fields.choice("kind", Expectation.recordKinds, required: true) else { return nil }
        let named = fields.strings("fields") ?? []
        // A field the record kind does not have could never be stated: the item could never be proven.
        let keys = Self.recordKeys[kind] ?? []
        for field in named {
            let top = String(Expectation.splitField(field).path.prefix { $0 != "." })
            if !keys.contains(top) {
                let suggestion = Spelling.suggestion(for: top, among: keys)
                let hint = suggestion?.hint ?? ""
                reader.report(.error, .badValue, "A \(kind) record has no field '\(top)' (in item '\(itemID)')\(hint)", at: fields.node["fields"]?.location, suggestion: suggestion)
            }
        }
        return .record(Expectation.Record(kind: kind, fields: named))
    }

    private func document(_ node: JSONNode, itemID: String) -> Expectation? {
        guard let fields = reader.fields(of: node, allowed: ["why", "window"], describing: "'document' in item '\(itemID)'") else { return nil }
        guard let why = fields.string("why") else {
            reader.report(.error, .missingField,
                          "'document' in item '\(itemID)' needs a 'why': say why a written document is what the item asks, or expect a log, record, approval or data-flow instead",
                          at: node.location)
            return nil
        }
        let window = fields.string("window")
        if let window, !Expectation.documentWindows.contains(window) {
            let suggestion = Spelling.suggestion(for: window, among: Expectation.documentWindows)
            reader.report(.error, .badValue,
                          "'window' in item '\(itemID)' must be one of \(Expectation.documentWindows.joined(separator: ", "))\(suggestion?.hint ?? "")",
                          at: fields.node["window"]?.location, suggestion: suggestion)
            return nil
        }
        return .document(why: why, window: window)
    }

    /// The top-level keys each record kind has, for checking the fields a `record` entry names.
    package static let recordKeys: [String: [String]] = [
        "processing-activity": ProcessingActivityReader.keys, "agreement": AgreementReader.keys,
        "waiver": WaiverReader.keys, "applicability": ApplicabilityDecisionsReader.keys,
    ]

    /// The strings of a list whose values must come from `allowed`; unknown ones are reported with a suggestion.
    private func known(_ fields: FieldReader.Fields, _ key: String, _ allowed: [String]) -> [String] {
        (fields.strings(key) ?? []).filter { value in
            guard allowed.contains(value) else {
                let suggestion = Spelling.suggestion(for: value, among: allowed)
                let hint = suggestion?.hint ?? ""
                reader.report(.error, .badValue, "'\(value)' is not one of \(allowed.joined(separator: ", ")) in '\(key)'\(hint)", at: fields.node[key]?.location, suggestion: suggestion)
                return false
            }
            return true
        }
    }
}
